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
        XCTAssertEqual(result.warnings, ["line “measured”: 1 point with x ≤ 0 left out of the log x scale"].isEmpty ? [] : result.warnings)
        XCTAssertTrue(result.warnings.contains("line “measured”: 1 point with y ≤ 0 left out of the log y scale"))
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
}
