import Notebooks
import XCTest

@testable import Reports

/// `splitMath`: which dollar signs open math, and the UTF-8 offsets of the TeX it reports.
final class MathSplitTests: XCTestCase {
    func testInlineMathBetweenText() {
        XCTAssertEqual(splitMath("The loss $L(w)$ falls."), [
            .text("The loss "), .math(tex: "L(w)", display: .inline, offset: 10), .text(" falls."),
        ])
    }

    func testDisplayMathMaySpanLines() {
        XCTAssertEqual(splitMath("Free energy:\n$$\nF_n = nL_n\n$$\ndone"), [
            .text("Free energy:\n"), .math(tex: "\nF_n = nL_n\n", display: .block, offset: 15), .text("\ndone"),
        ])
    }

    func testSeveralFormulas() {
        XCTAssertEqual(splitMath("$$a$$ and $b$"), [
            .math(tex: "a", display: .block, offset: 2), .text(" and "), .math(tex: "b", display: .inline, offset: 11),
        ])
    }

    func testPricesAreNotMath() {
        XCTAssertEqual(splitMath("costs $5 and $10 today"), [.text("costs $5 and $10 today")])
        XCTAssertEqual(splitMath("from $ x$ to"), [.text("from $ x$ to")])
        XCTAssertEqual(splitMath("from $x $ to"), [.text("from $x $ to")])
        XCTAssertEqual(splitMath("$x$5"), [.text("$x$5")])
    }

    func testUnclosedDelimitersAreText() {
        XCTAssertEqual(splitMath("a $x"), [.text("a $x")])
        XCTAssertEqual(splitMath("a $$x"), [.text("a $$x")])
        XCTAssertEqual(splitMath("$$$$"), [.text("$$$$")])
    }

    func testEscapedDollarIsALiteralDollar() {
        XCTAssertEqual(splitMath(#"pay \$5 for $x$"#), [
            .text("pay $5 for "), .math(tex: "x", display: .inline, offset: 13),
        ])
        // Inside math, \$ belongs to TeX and does not close the formula.
        XCTAssertEqual(splitMath(#"$a \$ b$"#), [.math(tex: #"a \$ b"#, display: .inline, offset: 1)])
    }

    func testOffsetsAreUTF8() {
        // "α " is three bytes, the dollar one more.
        let text = "α $x^2$"
        let segments = splitMath(text)
        XCTAssertEqual(segments, [.text("α "), .math(tex: "x^2", display: .inline, offset: 4)])
        if case .math(let tex, _, let offset) = segments[1] {
            let bytes = Array(text.utf8)
            XCTAssertEqual(String(decoding: bytes[offset..<(offset + tex.utf8.count)], as: UTF8.self), tex)
        }
    }

    func testPlainTextIsOneSegment() {
        XCTAssertEqual(splitMath("no math here"), [.text("no math here")])
        XCTAssertEqual(splitMath(""), [])
    }
}
