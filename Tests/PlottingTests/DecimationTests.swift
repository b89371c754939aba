import XCTest
@testable import Plotting

final class DecimationTests: XCTestCase {
    func testM4KeepsFirstLowestHighestLastOfEachColumn() {
        // Column 0 holds five points, column 1 one point.
        let points: [(Double, Double)] = [(0.1, 5), (0.2, 9), (0.3, 1), (0.4, 4), (0.9, 6), (1.5, 3)]
        let kept = PanelRenderer.m4(points)
        XCTAssertEqual(kept.map(\.0), [0.1, 0.2, 0.3, 0.9, 1.5])
        XCTAssertEqual(kept.map(\.1), [5, 9, 1, 6, 3])
    }

    func testDenseLineKeepsItsExtremes() {
        let x = (0..<20_000).map(Double.init)
        let y = x.map { $0 == 12_345 ? 10 : sin($0 / 100) }  // one spike must survive decimation
        let svg = Figure(id: "dense", y: Axis(min: -1, max: 10), layers: [.line(LineMark(x: x, y: y))]).render().svg
        let figure = Figure(id: "dense", y: Axis(min: -1, max: 10), layers: [.line(LineMark(x: x, y: y))])
        let layout = PanelLayout.plan(figure, PanelData(figure: figure), width: 640, height: 400)
        // The spike's pixel row (the top of the plot) appears in the path.
        XCTAssertTrue(svg.contains(" \(CoordinateFormat.format(layout.plotTop))"))
        XCTAssertLessThan(svg.utf8.count, 60_000)
    }
}
