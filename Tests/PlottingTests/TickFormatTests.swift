import XCTest
@testable import Plotting

final class TickFormatTests: XCTestCase {
    func testPercent() {
        XCTAssertEqual(Ticks.linear(0, 1, count: 4, format: .percent).map(\.label),
                       ["0%", "20%", "40%", "60%", "80%", "100%"])
        XCTAssertEqual(Ticks.linear(0, 0.01, count: 5, format: .percent).map(\.label),
                       ["0.0%", "0.2%", "0.4%", "0.6%", "0.8%", "1.0%"])
    }

    func testSIPrefixSharedByAllTicks() {
        XCTAssertEqual(Ticks.linear(0, 2_000_000, count: 4, format: .si).map(\.label),
                       ["0", "0.5M", "1.0M", "1.5M", "2.0M"])
        XCTAssertEqual(Ticks.linear(0, 0.00004, count: 4, format: .si).map(\.label),
                       ["0", "10µ", "20µ", "30µ", "40µ"])
    }

    func testAutoChoosesSIForLargeAndScientificForTiny() {
        XCTAssertEqual(Ticks.linear(0, 300_000, count: 3).map(\.label), ["0", "100k", "200k", "300k"])
        XCTAssertEqual(Ticks.linear(0, 3e-5, count: 3).map(\.label), ["0", "10⁻⁵", "2×10⁻⁵", "3×10⁻⁵"])
        XCTAssertEqual(Ticks.linear(0, 1500, count: 3).map(\.label), ["0", "500", "1000", "1500"])
    }

    func testScientific() {
        XCTAssertEqual(Ticks.linear(0, 25, count: 5, format: .scientific).map(\.label),
                       ["0", "5×10⁰", "10¹", "1.5×10¹", "2×10¹", "2.5×10¹"])
    }

    func testPlainDecimalsAreShared() {
        XCTAssertEqual(Ticks.linear(0, 2, count: 4, format: .plain).map(\.label), ["0.0", "0.5", "1.0", "1.5", "2.0"])
    }

    func testDecimalNumberText() {
        XCTAssertEqual(DecimalNumber(mantissa: 25, exponent: -4).plain(), "0.0025")
        XCTAssertEqual(DecimalNumber(mantissa: -15, exponent: 2).plain(), "\u{2212}1500")
        XCTAssertEqual(DecimalNumber(mantissa: 3, exponent: -1).value, 0.3)
        XCTAssertEqual(DecimalNumber(mantissa: 120, exponent: 0).exponent, 1)
    }

    func testCoordinatesHaveTwoDecimalsAtMost() {
        XCTAssertEqual(CoordinateFormat.format(12.345), "12.35")
        XCTAssertEqual(CoordinateFormat.format(3.10), "3.1")
        XCTAssertEqual(CoordinateFormat.format(-0.001), "0")
        XCTAssertEqual(CoordinateFormat.format(-2.05), "-2.05")
        XCTAssertEqual(CoordinateFormat.format(0.07), "0.07")
        XCTAssertEqual(CoordinateFormat.format(640), "640")
        XCTAssertEqual(CoordinateFormat.format(.nan), "0")
    }
}
