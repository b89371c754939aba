import XCTest
@testable import Plotting

final class TicksTests: XCTestCase {
    func testUnitIntervalGivesFifths() {
        let ticks = Ticks.linear(0, 1, count: 5)
        XCTAssertEqual(ticks.map(\.value), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(ticks.map(\.label), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    func testValuesAreTheDoublesOfTheDecimalLiterals() {
        // 3 × 0.1 computed in floating point is 0.30000000000000004; the tick must be 0.3.
        let ticks = Ticks.linear(0, 1, count: 10)
        XCTAssertEqual(ticks.map(\.value), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        XCTAssertEqual(ticks[3].label, "0.3")
        XCTAssertFalse(ticks.contains { $0.label.count > 3 })
    }

    func testStepRoundsToNearestNiceNumber() {
        // raw step 2.4 → 2 (below √10), 3.3 → 5, 7.5 → 10, 1.3 → 1.
        XCTAssertEqual(Ticks.niceStep(span: 12, count: 5).mantissa, 2)
        XCTAssertEqual(Ticks.niceStep(span: 16.5, count: 5).mantissa, 5)
        let ten = Ticks.niceStep(span: 37.5, count: 5)
        XCTAssertEqual(ten.mantissa, 1)
        XCTAssertEqual(ten.exponent, 1)
        XCTAssertEqual(Ticks.niceStep(span: 6.5, count: 5).mantissa, 1)
    }

    func testNegativeRangeUsesMinusSign() {
        let ticks = Ticks.linear(-3, 1, count: 4)
        XCTAssertEqual(ticks.map(\.value), [-3, -2, -1, 0, 1])
        XCTAssertEqual(ticks.map(\.label), ["\u{2212}3", "\u{2212}2", "\u{2212}1", "0", "1"])
    }

    func testTinyRange() {
        let ticks = Ticks.linear(1e-7, 5e-7, count: 4)
        XCTAssertEqual(ticks.map(\.value), [1e-7, 2e-7, 3e-7, 4e-7, 5e-7])
        XCTAssertEqual(ticks.map(\.label), ["10⁻⁷", "2×10⁻⁷", "3×10⁻⁷", "4×10⁻⁷", "5×10⁻⁷"])
    }

    func testNarrowRangeFarFromZero() {
        let ticks = Ticks.linear(1000.1, 1000.5, count: 4)
        XCTAssertEqual(ticks.map(\.label), ["1000.1", "1000.2", "1000.3", "1000.4", "1000.5"])
        XCTAssertEqual(ticks[2].value, 1000.3)
    }

    func testDegenerateDomainStillGetsTicks() {
        let ticks = Ticks.linear(5, 5, count: 5)
        XCTAssertGreaterThanOrEqual(ticks.count, 3)
        XCTAssertTrue(ticks.contains { $0.value == 5 && $0.label == "5.0" })
        XCTAssertEqual(Ticks.widened(5, 5).lower, 4.5)
        XCTAssertEqual(Ticks.widened(5, 5).upper, 5.5)
        let zero = Ticks.linear(0, 0, count: 4)
        XCTAssertEqual(zero.map(\.value), [-1, -0.5, 0, 0.5, 1])
    }

    func testNonFiniteDomainFallsBackToUnitInterval() {
        XCTAssertEqual(Ticks.linear(.nan, 1, count: 5).map(\.value), [0, 0.2, 0.4, 0.6, 0.8, 1])
        XCTAssertEqual(Ticks.linear(-.infinity, .infinity, count: 5).first?.value, 0)
        XCTAssertFalse(Ticks.linear(-1e308, 1e308, count: 5).isEmpty)
    }

    func testNiceDomainExtendsToTicks() {
        let domain = Ticks.niceDomain(0.13, 0.96, count: 5)
        XCTAssertEqual(domain.lower, 0)
        XCTAssertEqual(domain.upper, 1)
    }

    func testLogDecades() {
        let ticks = Ticks.log(0.001, 1000)
        let majors = ticks.filter(\.isMajor)
        XCTAssertEqual(majors.map(\.value), [0.001, 0.01, 0.1, 1, 10, 100, 1000])
        XCTAssertEqual(majors.map(\.label), ["0.001", "0.01", "0.1", "1", "10", "100", "1000"])
        // Minor ticks 2…9 in each of the six decades, unlabelled.
        let minors = ticks.filter { !$0.isMajor }
        XCTAssertEqual(minors.count, 6 * 8)
        XCTAssertTrue(minors.allSatisfy { $0.label.isEmpty })
        XCTAssertTrue(minors.contains { $0.value == 0.002 })
        XCTAssertTrue(minors.contains { $0.value == 900 })
    }

    func testLogWideRangeUsesPowersAndStride() {
        let ticks = Ticks.log(1e-12, 1e12, maxMajorCount: 6)
        let majors = ticks.filter(\.isMajor)
        XCTAssertEqual(majors.map(\.value), [1e-12, 1e-8, 1e-4, 1, 1e4, 1e8, 1e12])
        XCTAssertEqual(majors.map(\.label), ["10⁻¹²", "10⁻⁸", "10⁻⁴", "10⁰", "10⁴", "10⁸", "10¹²"])
        XCTAssertTrue(ticks.filter { !$0.isMajor }.allSatisfy { $0.label.isEmpty })
    }

    func testLogWithinOneDecadeLabelsTwoAndFive() {
        let labelled = Ticks.log(1, 10).filter { !$0.label.isEmpty }
        XCTAssertEqual(labelled.map(\.label), ["1", "2", "5", "10"])
    }

    func testLogRejectsNonPositiveDomain() {
        XCTAssertTrue(Ticks.log(0, 10).isEmpty)
        XCTAssertTrue(Ticks.log(-1, 10).isEmpty)
        XCTAssertEqual(Ticks.logDomain(3, 5000).lower, 1)
        XCTAssertEqual(Ticks.logDomain(3, 5000).upper, 10000)
    }
}
