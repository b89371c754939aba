import XCTest
@testable import Plotting

final class BinningTests: XCTestCase {
    func testSturgesBinCount() {
        // n = 100: ⌈log₂ 100⌉ + 1 = 8 bins.
        let values = (0..<100).map(Double.init)
        let binning = Binning(values: values, rule: .sturges)
        XCTAssertEqual(binning.counts.count, 8)
        XCTAssertEqual(binning.counts.reduce(0, +), 100)
        XCTAssertEqual(binning.edges.first, 0)
        XCTAssertEqual(binning.edges.last, 99)
    }

    func testFreedmanDiaconisBinCount() {
        // 0…1000 (n = 1001): IQR (type 7) = 750 − 250 = 500; h = 2·500/∛1001 = 99.967;
        // ⌈1000 / 99.967⌉ = 11 bins.
        let values = (0...1000).map(Double.init)
        XCTAssertEqual(Binning.quantile(values, 0.25), 250)
        XCTAssertEqual(Binning.quantile((0..<4).map(Double.init), 0.25), 0.75)
        let binning = Binning(values: values)
        XCTAssertEqual(binning.counts.count, 11)
        XCTAssertEqual(binning.counts.reduce(0, +), 1001)
    }

    func testZeroIQRFallsBackToSturges() {
        let values = [Double](repeating: 1, count: 50) + [2, 3]
        XCTAssertEqual(Binning(values: values).counts.count, Int(log2(52.0).rounded(.up)) + 1)
    }

    func testGivenEdgesCountOutsideAndNonFinite() {
        let binning = Binning(values: [0, 0.5, 1, 1.5, 2, 3, .nan, -.infinity], rule: .edges([0, 1, 2]))
        XCTAssertEqual(binning.counts, [2, 3])  // 2 falls in the last, closed bin
        XCTAssertEqual(binning.leftOut, 3)
    }

    func testConstantAndEmptyValues() {
        let constant = Binning(values: [4, 4, 4])
        XCTAssertEqual(constant.edges, [3.5, 4.5])
        XCTAssertEqual(constant.counts, [3])
        let empty = Binning(values: [.nan])
        XCTAssertTrue(empty.counts.isEmpty)
        XCTAssertEqual(empty.leftOut, 1)
    }

    func testDensityIntegratesToOne() {
        let mark = HistogramMark(values: (0..<200).map { Double($0 % 37) }, bins: .count(7), density: true)
        let area = zip(mark.heights, zip(mark.binning.edges, mark.binning.edges.dropFirst()))
            .map { $0 * ($1.1 - $1.0) }.reduce(0, +)
        XCTAssertEqual(area, 1, accuracy: 1e-12)
    }
}
