import XCTest
import Markup

final class MarkupTests: XCTestCase {
    func testEscapeReplacesMarkupCharacters() {
        XCTAssertEqual(Markup.escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;")
        XCTAssertEqual(Markup.escape("it's >"), "it&#39;s &gt;")
    }

    /// One rule for HTML, SVG and MathML: forbidden controls become U+FFFD, whitespace stays.
    func testControlCharactersBecomeTheReplacementCharacter() {
        XCTAssertEqual(Markup.escape("bell\u{07}"), "bell\u{FFFD}")
        XCTAssertEqual(Markup.escape("\u{7F}\u{85}\u{FFFE}"), "\u{FFFD}\u{FFFD}\u{FFFD}")
        XCTAssertEqual(Markup.escape("a\tb\nc\rd"), "a\tb\nc\rd")
        XCTAssertEqual(Markup.escape("é α ✓"), "é α ✓")
    }

    func testReferencesAreWrittenAsNumericReferences() {
        XCTAssertEqual(Markup.escape("a\u{A0}b", reference: { $0.value == 0xA0 }), "a&#xA0;b")
        // The rule for controls comes first.
        XCTAssertEqual(Markup.escape("\u{1}", reference: { _ in true }), "\u{FFFD}")
    }

    func testIdentifier() {
        XCTAssertEqual(Markup.identifier("loss curve"), "loss-curve")
        XCTAssertEqual(Markup.identifier("3d"), "fig-3d")
        XCTAssertEqual(Markup.identifier(""), "fig")
    }

    func testElementEscapesAttributesOnly() {
        XCTAssertEqual(Markup.element("a", [("href", "x\"y")], "<b>t</b>"), "<a href=\"x&quot;y\"><b>t</b></a>")
    }
}
