import XCTest
@testable import Notebooks

final class ValueFormatTests: XCTestCase {
    func testDefaultNumberText() {
        let cases: [(Double, String)] = [
            (3, "3"), (-0.0, "0"), (-12, "-12"), (123_456_789, "123456789"),
            (0.98765, "0.9877"), (123.456, "123.5"), (12345.6, "12346"), (0.5, "0.5"), (1.2, "1.2"),
            (-0.25, "-0.25"), (0.099996, "0.1"), (0.00012345, "0.0001235"),
            (1.23456e-5, "1.235e-5"), (-0.00001, "-1e-5"), (1_234_567.5, "1.235e6"), (2.5e20, "2.5e20"),
            (.nan, "NaN"), (.infinity, "∞"), (-.infinity, "-∞"),
        ]
        for (x, text) in cases {
            XCTAssertEqual(formatValue(.number(x)), text, "\(x)")
        }
    }

    func testDefaultTextOfOtherValues() {
        XCTAssertEqual(formatValue(.bool(true)), "true")
        XCTAssertEqual(formatValue(.bool(false)), "false")
        XCTAssertEqual(formatValue(.null), "—")
        XCTAssertEqual(formatValue(.string("a b")), "a b")
        XCTAssertEqual(formatValue(.list([.number(1), .number(0.5), .string("x"), .null])), "[1, 0.5, x, —]")
        XCTAssertEqual(formatValue(.numbers(Array(1...8))), "[1, 2, 3, 4, 5, 6, 7, 8]")
        XCTAssertEqual(formatValue(.numbers(Array(1...100))), "[1, 2, 3, 4, 5, 6, 7, 8, …]")
        XCTAssertEqual(formatValue(.list([])), "[]")
        XCTAssertEqual(formatValue(.record(Record([("a", .number(1)), ("b", .numbers([1, 2] as [Int]))]))), "{a: 1, b: [1, 2]}")
    }

    func testPercent() {
        XCTAssertEqual(ValueFormat.percent(nil).format(.number(0.987)), "98.7%")
        XCTAssertEqual(ValueFormat.percent(nil).format(.number(1)), "100.0%")
        XCTAssertEqual(ValueFormat.percent(0).format(.number(0.987)), "99%")
        XCTAssertEqual(ValueFormat.percent(2).format(.number(0.98765)), "98.77%")
        XCTAssertEqual(ValueFormat.percent(nil).format(.number(-0.0001)), "0.0%")
        XCTAssertEqual(ValueFormat.percent(1).format(.number(-0.5)), "-50.0%")
        XCTAssertEqual(ValueFormat.percent(nil).format(.number(.nan)), "NaN")
    }

    func testFixed() {
        XCTAssertEqual(ValueFormat.fixed(2).format(.number(3.14159)), "3.14")
        XCTAssertEqual(ValueFormat.fixed(3).format(.number(2)), "2.000")
        XCTAssertEqual(ValueFormat.fixed(2).format(.number(0.005)), "0.01")
        XCTAssertEqual(ValueFormat.fixed(2).format(.number(0.125)), "0.13")
        XCTAssertEqual(ValueFormat.fixed(2).format(.number(-0.001)), "0.00")
        XCTAssertEqual(ValueFormat.fixed(0).format(.number(2.5)), "3")
        XCTAssertEqual(ValueFormat.fixed(4).format(.number(-0.00005)), "-0.0001")
        XCTAssertEqual(ValueFormat.fixed(1).format(.number(1e20)), "100000000000000000000.0")
        XCTAssertEqual(ValueFormat.fixed(2).format(.number(.infinity)), "∞")
    }

    func testScientific() {
        XCTAssertEqual(ValueFormat.sci(2).format(.number(0.000123)), "1.23e-4")
        XCTAssertEqual(ValueFormat.sci(1).format(.number(12345)), "1.2e4")
        XCTAssertEqual(ValueFormat.sci(2).format(.number(0)), "0.00e0")
        XCTAssertEqual(ValueFormat.sci(0).format(.number(-0.000123)), "-1e-4")
        XCTAssertEqual(ValueFormat.sci(3).format(.number(6.02214076e23)), "6.022e23")
    }

    func testInt() {
        XCTAssertEqual(ValueFormat.int.format(.number(12345.6)), "12346")
        XCTAssertEqual(ValueFormat.int.format(.number(2.5)), "3")
        XCTAssertEqual(ValueFormat.int.format(.number(-2.5)), "-3")
        XCTAssertEqual(ValueFormat.int.format(.number(-0.4)), "0")
        XCTAssertEqual(ValueFormat.int.format(.number(1e20)), "100000000000000000000")
    }

    func testFormatsOfListsAndNonNumbers() {
        XCTAssertEqual(ValueFormat.percent(nil).format(.numbers([0.5, 0.25])), "[50.0%, 25.0%]")
        XCTAssertEqual(ValueFormat.fixed(1).format(.list([.number(1), .null])), "[1.0, —]")
        XCTAssertEqual(ValueFormat.int.format(.numbers(Array(1...9))), "[1, 2, 3, 4, 5, 6, 7, 8, …]")
        XCTAssertEqual(ValueFormat.percent(nil).format(.null), "—")
        XCTAssertEqual(ValueFormat.fixed(2).format(.string("n/a")), "n/a")
        XCTAssertEqual(ValueFormat.int.format(.bool(true)), "true")
    }

    func testInlineValueEndToEnd() throws {
        let e = try Notebooks.Expression.parse("grok.test_accuracy.last | percent", at: exprStart, allowFormat: true)
        let v = try e.evaluate(in: expressionScope)
        XCTAssertEqual(e.format?.format(v), "99.5%")
        let step = try Notebooks.Expression.parse("first_step(grok, train_accuracy >= 0.99)", at: exprStart, allowFormat: true)
        XCTAssertEqual(formatValue(try step.evaluate(in: expressionScope)), "30")
    }
}

/// Both sides of a shown comparison get enough digits to look as different as they are.
final class ComparedFormatTests: XCTestCase {
    func testUnequalNumbersNeverPrintAlike() {
        XCTAssertTrue(formatCompared(.number(2.0001), .number(2)) == ("2.0001", "2"))
        XCTAssertTrue(formatCompared(.number(0.12345678), .number(0.12345679)) == ("0.12345678", "0.12345679"))
        XCTAssertTrue(formatCompared(.number(47.1), .number(44.964)) == ("47.1", "44.96"))
        XCTAssertTrue(formatCompared(.number(1), .number(1)) == ("1", "1"))
        XCTAssertTrue(formatCompared(.string("a"), .number(1.5)) == ("a", "1.5"))
    }
}
