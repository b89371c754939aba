import XCTest
@testable import Plotting

/// What issue 16 asked of figures: axes fitted to the data, points and bars that cannot mislead,
/// labels off the data, hover values.
final class HonestFigureTests: XCTestCase {
    private func layout(_ figure: Figure) -> PanelLayout {
        PanelLayout.plan(figure, PanelData(figure: figure), width: figure.width, height: figure.height)
    }

    func testLogAxisIsNotPaddedToWholeDecades() {
        let figure = Figure(id: "f", y: Axis(scale: .log), layers: [.line(LineMark(x: [0, 1, 2], y: [1e-3, 3e-3, 1e-2]))])
        let y = layout(figure).y
        // 3% of the span (one decade) on each side: 10^-3.03 and 10^-1.97.
        XCTAssertEqual(log10(y.lower), -3.03, accuracy: 1e-9)
        XCTAssertEqual(log10(y.upper), -1.97, accuracy: 1e-9)
        // Both decades and the 2 and 5 between them are labelled.
        XCTAssertEqual(y.ticks.filter { !$0.label.isEmpty }.map(\.value), [1e-3, 2e-3, 5e-3, 1e-2])
    }

    func testXAxisEndsAtTheDataWhileYIsNiced() {
        let steps = (0...150).map(Double.init)
        let figure = Figure(id: "f", layers: [.line(LineMark(x: steps, y: steps.map { 0.93 * $0 }))])
        let l = layout(figure)
        XCTAssertEqual(l.x.lower, 0)
        XCTAssertEqual(l.x.upper, 150)
        XCTAssertEqual(l.y.upper, 140, "the value axis still ends on a tick (139.5 → 140)")
    }

    func testCoincidentPointsMergeWithTheirCount() {
        let xs = [1.0, 1, 1, 1, 2]
        let figure = Figure(id: "f", layers: [.scatter(ScatterMark(x: xs, y: [5, 5, 5, 5, 7]))])
        let svg = figure.render().svg
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 2)
        XCTAssertTrue(svg.contains("<title>4 points: x = 1, y = 5</title>"), svg)
        XCTAssertTrue(svg.contains("<title>x = 2, y = 7</title>"))
        // Area 1 + log2(4) = 3 times a single point's.
        XCTAssertEqual(PanelRenderer.mergedRadius(3, count: 4), 3 * 3.0.squareRoot(), accuracy: 1e-12)
        XCTAssertTrue(figure.csv().contains("1,scatter,,1.0,5.0,4\n"), figure.csv())
    }

    func testBarsOnALogAxisAreDots() {
        let bars = Figure(id: "f", y: Axis(scale: .log), layers: [.bar(BarMark(categories: ["a", "b"], values: [3, 300]))])
        let svg = bars.render().svg
        XCTAssertEqual(svg.components(separatedBy: "<rect").count - 1, 1, "only the clip rectangle: no bar lengths on a log axis")
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 2)
        XCTAssertTrue(svg.contains("<title>b: 300</title>"))
        let linear = Figure(id: "g", layers: [.bar(BarMark(categories: ["a"], values: [3]))]).render().svg
        XCTAssertEqual(linear.components(separatedBy: "<rect").count - 1, 2)
    }

    func testOverlappingHistogramsAreOutlines() {
        let one = HistogramMark(values: [0, 0.5, 1, 1.5], bins: .count(2), label: "a")
        let two = HistogramMark(values: [0.2, 0.4, 1.2], bins: .count(2), label: "b")
        let svg = Figure(id: "f", layers: [.histogram(one), .histogram(two)]).render().svg
        XCTAssertEqual(svg.components(separatedBy: "fill-opacity=\"0\"").count - 1, 2, "no translucent fills to blend")
        XCTAssertEqual(svg.components(separatedBy: "stroke-width=\"1.8\"").count - 1, 2)
        let single = Figure(id: "g", layers: [.histogram(one)]).render().svg
        XCTAssertTrue(single.contains("fill-opacity=\"0.8\""))
    }

    func testHorizontalRuleLabelSitsRightOfThePlot() {
        let figure = Figure(id: "f", layers: [.line(LineMark(x: [0, 10], y: [0, 1])), .rule(RuleMark(y: 0.5, label: "half"))])
        let l = layout(figure)
        XCTAssertGreaterThan(l.ruleLabelWidth, TextMetrics.width("half", fontSize: TextMetrics.tickFontSize))
        let svg = figure.render().svg
        XCTAssertTrue(svg.contains("x=\"\(n(l.plotRight + PanelLayout.ruleLabelGap))\""), svg)
        XCTAssertTrue(svg.contains(">half</text>"))
    }

    func testErrorBarsWidenTheAxisAndAreDrawn() {
        let figure = Figure(id: "f", layers: [.scatter(ScatterMark(x: [1, 2], y: [1, 2], error: [0.5, 3]))])
        XCTAssertLessThanOrEqual(layout(figure).y.lower, -1)
        let svg = figure.render().svg
        XCTAssertTrue(svg.contains("class=\"error-bar\""))
        XCTAssertTrue(svg.contains("<title>x = 2, y = 2 ± 3</title>"))
    }

    func testHoverNumbers() {
        XCTAssertEqual(HoverText.number(0.000123456), "1.235e-4")
        XCTAssertEqual(HoverText.number(-2.5), "−2.5")
        XCTAssertEqual(HoverText.number(12345.678), "12346")
        XCTAssertEqual(HoverText.number(0.0123456), "0.01235")
        XCTAssertEqual(HoverText.number(2.5e7), "2.5e7")
        XCTAssertEqual(HoverText.number(150), "150")
    }
}
