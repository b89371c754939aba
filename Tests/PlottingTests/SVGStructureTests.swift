import XCTest
@testable import Plotting

final class SVGStructureTests: XCTestCase {
    func testAccessibleRootAndIdsDeriveFromFigureId() {
        let figure = SnapshotFigures.heatmap()
        let svg = figure.render().svg
        let check = XMLCheck.parse(svg)
        XCTAssertTrue(check.isWellFormed)
        XCTAssertEqual(check.elements.prefix(3), ["svg", "title", "desc"])
        XCTAssertEqual(check.rootAttributes["role"], "img")
        XCTAssertEqual(check.rootAttributes["aria-labelledby"], "heatmap-title heatmap-desc")
        XCTAssertEqual(check.rootAttributes["viewBox"], "0 0 560 420")
        XCTAssertEqual(Set(check.ids), ["heatmap", "heatmap-title", "heatmap-desc", "heatmap-clip", "heatmap-cbar"])
        XCTAssertTrue(check.elements.contains("text"))
    }

    func testGeneratedSummaryDescribesAxesAndLayers() {
        let result = SnapshotFigures.logAxis().render()
        XCTAssertTrue(result.description.hasPrefix("x axis “samples”, log from 10 to 100000; y axis “error”, log from 0.001 to 1."),
                      result.description)
        XCTAssertTrue(result.description.contains("line “measured” (8 points)"))
        XCTAssertEqual(result.warnings, ["line “measured”: 1 point with y ≤ 0 left out of the log y scale"])
        XCTAssertTrue(result.description.hasSuffix("Left out: line “measured”: 1 point with y ≤ 0 left out of the log y scale."))
    }

    func testCaptionReplacesSummary() {
        var figure = SnapshotFigures.line()
        figure.caption = "Two waves."
        XCTAssertTrue(figure.render().description.hasPrefix("Two waves. Left out:"))
    }

    func testCoordinatesHaveAtMostTwoDecimals() {
        for (name, render) in SnapshotFigures.all {
            let svg = render().svg
            // Any run of digits after a decimal point is at most 2 long, except the heatmap's scale().
            let pattern = try! NSRegularExpression(pattern: "\\.[0-9]{3,}")
            let stripped = svg.replacingOccurrences(of: "scale\\([^)]*\\)", with: "", options: .regularExpression)
                .replacingOccurrences(of: ">[^<]*<", with: "><", options: .regularExpression)
            XCTAssertEqual(pattern.numberOfMatches(in: stripped, range: NSRange(stripped.startIndex..., in: stripped)), 0, name)
        }
    }

    func testLargeHeatmapStaysSmall() {
        // 113 × 113 distinct values (the worst case for run merging).
        let p = 113
        let values = (0..<p).map { a in (0..<p).map { b in sin(Double(a * p + b) * 0.7) } }
        let figure = Figure(id: "big", layers: [.heatmap(HeatmapMark(values: values, colourMap: .diverging))])
        let svg = figure.render().svg
        print("113×113 heatmap SVG: \(svg.utf8.count) bytes")
        XCTAssertLessThan(svg.utf8.count, 250_000)
        if let directory = ProcessInfo.processInfo.environment["FOLIO_PLOT_DUMP"] {
            try? Data(svg.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("heatmap-113.svg"))
        }
        XCTAssertTrue(XMLCheck.parse(svg).isWellFormed)
    }

    func testSeriesColoursComeFromClassesWithDefaults() {
        let svg = SnapshotFigures.line().render().svg
        XCTAssertTrue(svg.contains("class=\"s0\" color=\"#e69f00\""))
        XCTAssertTrue(svg.contains("class=\"s1\" color=\"#56b4e9\""))
    }

    func testBandSharesColourWithItsLine() {
        let data = PanelData(figure: SnapshotFigures.band())
        XCTAssertEqual(data.seriesOfLayer, [0, 0])
        XCTAssertEqual(data.legend.count, 1)
        XCTAssertEqual(data.legend[0].swatch, .lineOverArea(dashed: false, opacity: 0.25))
    }

    func testMarginsHoldTheWidestTickLabel() {
        // Long y labels push the plot right: its left edge is beyond the widest label.
        let figure = Figure(id: "wide", y: Axis(format: .plain), layers: [.line(LineMark(x: [0, 1], y: [0, 123_456_789]))])
        let data = PanelData(figure: figure)
        let layout = PanelLayout.plan(figure, data, width: 640, height: 400)
        let widest = layout.y.ticks.map { TextMetrics.width($0.label, fontSize: TextMetrics.tickFontSize) }.max() ?? 0
        XCTAssertGreaterThanOrEqual(layout.plotLeft, widest + PanelLayout.tickLength + PanelLayout.tickGap + PanelLayout.pad)
        // The last x label is not cut at the right edge.
        let last = layout.x.ticks.last!
        XCTAssertLessThanOrEqual(layout.x.position(last.value) + TextMetrics.width(last.label, fontSize: TextMetrics.tickFontSize) / 2,
                                 layout.width)
    }

    func testSharedScalesAlignPanels() {
        let grid = SnapshotFigures.smallMultiples()
        let svg = grid.render().svg
        XCTAssertTrue(XMLCheck.parse(svg).isWellFormed)
        // All four clip rectangles are the same size: the plot areas line up.
        let rects = try! NSRegularExpression(pattern: "<clipPath id=\"multiples-p[1-4]-clip\"><rect x=\"([^\"]*)\" y=\"([^\"]*)\" width=\"([^\"]*)\" height=\"([^\"]*)\"")
        let matches = rects.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { m in
            (1...4).map { String(svg[Range(m.range(at: $0), in: svg)!]) }
        }
        XCTAssertEqual(matches.count, 4)
        XCTAssertEqual(Set(matches.map { $0.joined(separator: ",") }).count, 1)
    }

    func testLongTitleWrapsWithinTheFigure() {
        let layout = PanelLayout.plan(SnapshotFigures.scatter(), PanelData(figure: SnapshotFigures.scatter()), width: 640, height: 400)
        let lines = TextWrap.lines(SnapshotFigures.scatter().title!, width: 640 - 2 * PanelLayout.pad, fontSize: TextMetrics.titleFontSize)
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { TextMetrics.width($0, fontSize: TextMetrics.titleFontSize) <= 640 - 2 * PanelLayout.pad })
        // The plot starts below both lines.
        XCTAssertGreaterThan(layout.plotTop, PanelLayout.pad + TextWrap.titleHeight(lineCount: 2))
    }

    func testHeatmapAxesTickWholeIndices() {
        let figure = Figure(id: "small", layers: [.heatmap(HeatmapMark(values: [[1, 2], [3, 4], [5, 6]]))])
        let layout = PanelLayout.plan(figure, PanelData(figure: figure), width: 640, height: 400)
        XCTAssertEqual(layout.x.ticks.map(\.label), ["0", "1"])
        XCTAssertEqual(layout.y.ticks.map(\.label), ["0", "1", "2"])
        XCTAssertEqual(layout.x.lower, -0.5)
        XCTAssertEqual(layout.x.upper, 1.5)
        // Row 0 is drawn at the top.
        XCTAssertLessThan(layout.y.position(0), layout.y.position(2))
    }

    func testNamedHeatmapRowsAndColumnsLabelTheirCells() {
        let mark = HeatmapMark(values: [[1, 2], [3, 4], [5, 6]], columnLabels: ["left", "right"], rowLabels: ["a", "b", "c"])
        let figure = Figure(id: "named", layers: [.heatmap(mark)])
        let layout = PanelLayout.plan(figure, PanelData(figure: figure), width: 640, height: 400)
        XCTAssertEqual(layout.x.ticks.map(\.label), ["left", "right"])
        XCTAssertEqual(layout.x.ticks.map(\.value), [0, 1])
        XCTAssertEqual(layout.y.ticks.map(\.label), ["a", "b", "c"])
        XCTAssertFalse(layout.rotatesXLabels)
        let svg = figure.render().svg
        XCTAssertTrue(svg.contains(">right</text>") && svg.contains(">c</text>"))
        // Names that do not match the cells are ignored: indices again.
        let wrong = Figure(id: "wrong", layers: [.heatmap(HeatmapMark(values: [[1, 2]], columnLabels: ["only one"]))])
        XCTAssertEqual(PanelLayout.plan(wrong, PanelData(figure: wrong), width: 640, height: 400).x.ticks.map(\.label), ["0", "1"])
    }

    func testLongColumnNamesOfANarrowHeatmapAreRotated() {
        let names = (0..<12).map { "network number \($0)" }
        let mark = HeatmapMark(values: [[Double]](repeating: (0..<12).map(Double.init), count: 3), columnLabels: names)
        let figure = Figure(id: "narrow", width: 420, height: 360, layers: [.heatmap(mark)])
        let layout = PanelLayout.plan(figure, PanelData(figure: figure), width: 420, height: 360)
        XCTAssertTrue(layout.rotatesXLabels)
        XCTAssertEqual(layout.xTickLabels, names)
        // The margin below the plot holds the rotated labels.
        let widest = names.map { TextMetrics.width($0, fontSize: TextMetrics.tickFontSize) }.max()!
        XCTAssertGreaterThan(layout.margins.bottom, widest * 0.7)
        XCTAssertTrue(figure.render().svg.contains("rotate(-45)"))
    }

    func testBadSizesFallBackToDefaults() {
        let svg = Figure(id: "s", width: .nan, height: -3, layers: []).render().svg
        XCTAssertTrue(svg.contains("viewBox=\"0 0 640 400\""))
        let grid = FigureGrid(id: "g", panels: [Figure(id: "a", layers: [])], panelWidth: .infinity, panelHeight: 0).render().svg
        XCTAssertTrue(XMLCheck.parse(grid).isWellFormed)
    }

    /// A 50,000-point series is decimated: points that round to the same pixel are written once, so
    /// the SVG's size is bounded by the plot's width in pixels, not by the series. (Its speed is
    /// `folio bench`'s business; a wall-clock limit here would fail on a slow machine.)
    func testLongSeriesAreDecimated() {
        let x = (0..<50_000).map(Double.init)
        let figure = Figure(id: "long", layers: [.line(LineMark(x: x, y: x.map { sin($0 / 500) }))])
        let svg = figure.render().svg
        XCTAssertLessThan(svg.utf8.count, 600_000)
    }

    static func crowded() -> Figure {
        let x = SampleData.range(20, from: 0, to: 1)
        var layers: [Mark] = (0..<30).map { i in
            .line(LineMark(x: x, y: x.map { $0 * Double(i) }, label: "series number \(i)"))
        }
        layers.append(.bar(BarMark(x: [0.5], values: [3],
                                   label: "a legend label far too long to fit beside the plot without squeezing it to nothing")))
        return Figure(id: "crowded", height: 300, layers: layers)
    }

    func testCrowdedLegendWrapsIntoColumnsAndLongLabelsAreShortened() {
        let figure = Self.crowded()
        let data = PanelData(figure: figure)
        let layout = PanelLayout.plan(figure, data, width: 640, height: 300)
        XCTAssertLessThan(layout.legendRowsPerColumn, 31)
        XCTAssertLessThanOrEqual(Double(layout.legendRowsPerColumn) * PanelLayout.legendRow, layout.plotHeight)
        XCTAssertTrue(layout.legendLabels.last!.hasSuffix("…"))
        XCTAssertGreaterThan(layout.plotWidth, 80)
        XCTAssertLessThanOrEqual(layout.plotRight + layout.legendWidth, 640)
        if let directory = ProcessInfo.processInfo.environment["FOLIO_PLOT_DUMP"] {
            try? Data(figure.render().svg.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("crowded.svg"))
        }
    }

    func testVeryLongCategoriesAreShortenedWhenRotated() {
        let long = String(repeating: "very long category name ", count: 5)
        let figure = Figure(id: "cats", layers: [.bar(BarMark(categories: (0..<12).map { "\($0) " + long }, values: (0..<12).map(Double.init)))])
        let layout = PanelLayout.plan(figure, PanelData(figure: figure), width: 640, height: 400)
        XCTAssertTrue(layout.rotatesXLabels)
        XCTAssertTrue(layout.xTickLabels.allSatisfy { $0.hasSuffix("…") })
        XCTAssertGreaterThan(layout.plotHeight, 150)
        XCTAssertTrue(XMLCheck.parse(figure.render().svg).isWellFormed)
    }
}
