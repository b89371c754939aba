import Notebooks
import XCTest

@testable import Reports

#if canImport(Ccmark)
import Ccmark
#endif

/// `protectMath(inMarkdown:)`: formulas leave the Markdown before a CommonMark parser can alter
/// them, code is left alone, and the placeholders come back as formulas from the text nodes.
final class MathMarkdownTests: XCTestCase {
    private let p0 = "\u{E000}0\u{E001}"
    private let p1 = "\u{E000}1\u{E001}"

    func testFormulasBecomePlaceholders() {
        let protected = protectMath(inMarkdown: #"Let $\|w\|_2^*$ and $$x \\ y$$ end"#)
        XCTAssertEqual(protected.markdown, "Let \(p0) and \(p1) end")
        XCTAssertEqual(protected.formulas, [
            MathFormula(tex: #"\|w\|_2^*"#, display: .inline, offset: 5),
            MathFormula(tex: #"x \\ y"#, display: .block, offset: 22),
        ])
    }

    func testCodeSpansAndFencedBlocksKeepTheirDollars() {
        let markdown = "Run `echo $HOME $x$` and\n\n```sh\nprice=$5 $y$\n```\n\nthen $z$ and ``a ` $b$``."
        let protected = protectMath(inMarkdown: markdown)
        XCTAssertEqual(
            protected.markdown, "Run `echo $HOME $x$` and\n\n```sh\nprice=$5 $y$\n```\n\nthen \(p0) and ``a ` $b$``.")
        XCTAssertEqual(protected.formulas.map(\.tex), ["z"])
    }

    func testEscapedDollarIsLeftForTheMarkdownParser() {
        let protected = protectMath(inMarkdown: #"costs \$5, not $x$"#)
        XCTAssertEqual(protected.markdown, #"costs \$5, not "# + p0)
        XCTAssertEqual(protected.formulas, [MathFormula(tex: "x", display: .inline, offset: 16)])
    }

    func testSegmentsRestoreFormulasFromTextNodes() {
        let protected = protectMath(inMarkdown: "a $x$ b $$y$$")
        XCTAssertEqual(protected.segments(in: "a \(p0) b \(p1)"), [
            .text("a "), .math(tex: "x", display: .inline, offset: 3), .text(" b "),
            .math(tex: "y", display: .block, offset: 10),
        ])
        // A placeholder that does not name a formula stays text.
        XCTAssertEqual(protected.segments(in: "\u{E000}7\u{E001}!"), [.text("\u{E000}7\u{E001}!")])
        XCTAssertEqual(protected.segments(in: "plain"), [.text("plain")])
    }

    #if canImport(Ccmark)
    /// Through libcmark, the TeX would lose backslashes and gain emphasis; protected, it does not.
    func testFormulasSurviveCommonMark() throws {
        let markdown = "Norms $a\\,b$ and $x^*$ and $y^*$.\n\n$$\n- v \\\\ w\n$$\n"
        func render(_ text: String) throws -> String {
            let html = try XCTUnwrap(cmark_markdown_to_html(text, text.utf8.count, CMARK_OPT_DEFAULT))
            defer { free(html) }
            return String(cString: html)
        }
        let unprotected = try render(markdown)
        XCTAssertTrue(unprotected.contains("<em>"), unprotected)
        XCTAssertTrue(unprotected.contains("<li>"), unprotected)
        XCTAssertFalse(unprotected.contains("a\\,b"), unprotected)
        let protected = protectMath(inMarkdown: markdown)
        let html = try render(protected.markdown)
        XCTAssertFalse(html.contains("<em>"))
        XCTAssertFalse(html.contains("<li>"))
        let restored = protected.segments(in: html).compactMap { segment -> String? in
            if case .math(let tex, _, _) = segment { return tex }
            return nil
        }
        XCTAssertEqual(restored, ["a\\,b", "x^*", "y^*", "\n- v \\\\ w\n"])
    }
    #endif
}
