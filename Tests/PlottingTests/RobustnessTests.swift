import XCTest
@testable import Plotting

/// NaN, infinities, values ≤ 0 on log axes and empty data never crash; the figure is drawn with
/// what is valid and says what was left out.
final class RobustnessTests: XCTestCase {
    private func assertRenders(_ figure: Figure, file: StaticString = #filePath, line: UInt = #line) -> SVGResult {
        let result = figure.render()
        XCTAssertTrue(XMLCheck.parse(result.svg).isWellFormed, file: file, line: line)
        XCTAssertEqual(result.svg, figure.render().svg, file: file, line: line)
        // No non-finite number reaches an attribute (text nodes may say "NaN" in words).
        let markup = result.svg.replacingOccurrences(of: ">[^<]*<", with: "><", options: .regularExpression)
        XCTAssertNil(markup.range(of: "nan|inf[^a-z]|e\\+|e-[0-9]", options: [.regularExpression, .caseInsensitive]),
                     file: file, line: line)
        _ = figure.csv()
        return result
    }

    func testNonFiniteValuesAreLeftOutAndReported() {
        let figure = Figure(id: "gaps", layers: [.line(LineMark(x: [0, 1, 2, 3, 4], y: [1, .nan, 3, .infinity, 5], label: "a"))])
        let result = assertRenders(figure)
        XCTAssertEqual(result.warnings, ["line “a”: 2 points with NaN or infinite values left out"])
        XCTAssertTrue(result.description.contains("Left out: line “a”: 2 points with NaN or infinite values left out."))
        // The line has three subpaths: [0], [2], [4].
        XCTAssertEqual(result.svg.components(separatedBy: "stroke-linecap=\"round\" d=\"M").count, 2)
    }

    func testLogScaleCountsNonPositiveValues() {
        let figure = Figure(id: "log", y: Axis(scale: .log),
                            layers: [.line(LineMark(x: [0, 1, 2, 3, 4], y: [0, -1, 10, 100, 0]))])
        let result = assertRenders(figure)
        XCTAssertEqual(result.warnings, ["line: 3 points with y ≤ 0 left out of the log y scale"])
    }

    func testEmptyEverything() {
        let empty = Figure(id: "empty", layers: [])
        XCTAssertTrue(assertRenders(empty).warnings.isEmpty)
        let layers: [Mark] = [
            .line(LineMark(x: [], y: [])), .scatter(ScatterMark(x: [.nan], y: [1])), .band(BandMark(x: [], lower: [], upper: [])),
            .bar(BarMark(categories: [], values: [])), .histogram(HistogramMark(values: [])),
            .heatmap(HeatmapMark(values: [])), .heatmap(HeatmapMark(values: [[]])),
        ]
        let result = assertRenders(Figure(id: "empties", layers: layers))
        XCTAssertTrue(result.warnings.contains("line has no data to draw"))
        XCTAssertTrue(result.warnings.contains("heatmap is empty"))
        let logEmpty = Figure(id: "log-empty", x: Axis(scale: .log), y: Axis(scale: .log), layers: [.line(LineMark(x: [-1], y: [-1]))])
        XCTAssertFalse(assertRenders(logEmpty).warnings.isEmpty)
    }

    func testAllNaNHeatmapAndInfiniteBars() {
        let heatmap = Figure(id: "h", layers: [.heatmap(HeatmapMark(values: [[.nan, .nan], [.infinity, 1]]))])
        XCTAssertEqual(assertRenders(heatmap).warnings, ["heatmap: 3 cells NaN, infinite or missing left blank"])
        let bars = Figure(id: "b", layers: [.bar(BarMark(categories: ["a", "b"], values: [.infinity, 2]))])
        XCTAssertEqual(assertRenders(bars).warnings, ["bars: 1 bar with NaN or infinite values left out"])
        let ragged = Figure(id: "r", layers: [.heatmap(HeatmapMark(values: [[1, 2, 3], [4]]))])
        XCTAssertEqual(assertRenders(ragged).warnings, ["heatmap: 2 cells NaN, infinite or missing left blank"])
    }

    func testExtremeAndDegenerateData() {
        _ = assertRenders(Figure(id: "huge", layers: [.line(LineMark(x: [0, 1], y: [-1e308, 1e308]))]))
        _ = assertRenders(Figure(id: "const", layers: [.line(LineMark(x: [3, 3, 3], y: [7, 7, 7]))]))
        _ = assertRenders(Figure(id: "tiny", layers: [.scatter(ScatterMark(x: [1e-300, 2e-300], y: [Double.leastNonzeroMagnitude, 2 * Double.leastNonzeroMagnitude]))]))
        _ = assertRenders(Figure(id: "small", width: 10, height: 10, layers: [.line(LineMark(y: [1, 2]))]))
        _ = assertRenders(Figure(id: "bad-axis", x: Axis(min: .nan, max: .infinity), layers: [.line(LineMark(y: [1, 2]))]))
        _ = assertRenders(Figure(id: "bad-bins", layers: [.histogram(HistogramMark(values: [1, 2], bins: .edges([2, 1])))]))
        _ = assertRenders(Figure(id: "zero-bins", layers: [.histogram(HistogramMark(values: [1, 2], bins: .count(0)))]))
        _ = assertRenders(Figure(id: "rule", y: Axis(scale: .log), layers: [.rule(RuleMark(y: -1)), .text(TextMark(x: .nan, y: 1, text: "t"))]))
        let grid = FigureGrid(id: "g", panels: [], sharesX: true, sharesY: true)
        XCTAssertTrue(XMLCheck.parse(grid.render().svg).isWellFormed)
        let mixed = FigureGrid(id: "m", panels: [Figure(id: "a", layers: []), Figure(id: "b", y: Axis(scale: .log), layers: [.line(LineMark(y: [.nan]))])],
                               sharesX: true, sharesY: true)
        let result = mixed.render()
        XCTAssertTrue(XMLCheck.parse(result.svg).isWellFormed)
        XCTAssertEqual(result.warnings, ["panel 2: line has no data to draw", "panel 2: line: 1 point with NaN or infinite values left out"])
    }
}
