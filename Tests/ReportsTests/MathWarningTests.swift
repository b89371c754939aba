import Notebooks
import XCTest

@testable import Reports

/// One malformed expression, the warnings it must produce (UTF-8 offset into the TeX, message)
/// and the best-effort MathML, which must stay well-formed.
struct MathWarningCase {
    let tex: String
    let display: MathDisplay
    let warnings: [MathWarning]
    let mathML: String

    init(_ tex: String, _ display: MathDisplay, _ warnings: [(Int, String)], _ mathML: String) {
        self.tex = tex
        self.display = display
        self.warnings = warnings.map { MathWarning(offset: $0.0, message: $0.1) }
        self.mathML = mathML
    }
}

/// Unknown commands, unbalanced braces and misplaced alignment characters: located warnings and
/// output that shows the source rather than breaking the page.
final class MathWarningTests: XCTestCase {
    static let cases: [MathWarningCase] = [
        MathWarningCase(#"\foo{x} + 1"#, .inline, [(0, #"unknown TeX command \foo"#)],
                        #"<math alttext="\foo{x} + 1"><merror><mtext>\foo</mtext></merror><mi>x</mi><mo>+</mo><mn>1</mn></math>"#),
        // α is two bytes in UTF-8, so \qux starts at byte 13.
        MathWarningCase(#"α + \bar0 + \qux"#, .inline, [(13, #"unknown TeX command \qux"#)],
                        #"<math alttext="α + \bar0 + \qux"><mi>α</mi><mo>+</mo><mover accent="true"><mn>0</mn><mo stretchy="false">¯</mo></mover><mo>+</mo><merror><mtext>\qux</mtext></merror></math>"#),
        MathWarningCase(#"x + \frac{a}{b"#, .inline, [(12, "missing '}' for the '{' here")],
                        #"<math alttext="x + \frac{a}{b"><mi>x</mi><mo>+</mo><mfrac><mi>a</mi><mi>b</mi></mfrac></math>"#),
        MathWarningCase(#"a}b"#, .inline, [(1, "unmatched '}'")],
                        #"<math alttext="a}b"><mi>a</mi><mi>b</mi></math>"#),
        MathWarningCase(#"\frac{a}"#, .inline, [(0, #"missing argument for \frac"#)],
                        #"<math alttext="\frac{a}"><mfrac><mi>a</mi><mrow></mrow></mfrac></math>"#),
        MathWarningCase(#"x^2^3"#, .inline, [(3, "double superscript")],
                        #"<math alttext="x^2^3"><msup><mi>x</mi><mn>3</mn></msup></math>"#),
        MathWarningCase(#"\left( x"#, .block, [(0, #"\left without a matching \right"#)],
                        #"<math display="block" alttext="\left( x"><mrow><mo fence="true" form="prefix" stretchy="true">(</mo><mi>x</mi></mrow></math>"#),
        MathWarningCase(#"x \right)"#, .inline, [(2, #"\right without a matching \left"#)],
                        #"<math alttext="x \right)"><mi>x</mi></math>"#),
        MathWarningCase(#"a & b"#, .inline, [(2, "'&' outside an alignment environment")],
                        #"<math alttext="a &amp; b"><mi>a</mi><mi>b</mi></math>"#),
        MathWarningCase(#"\begin{pmatrix} a \end{bmatrix}"#, .block, [(18, #"\end{bmatrix} does not match \begin{pmatrix}"#)],
                        #"<math display="block" alttext="\begin{pmatrix} a \end{bmatrix}"><mrow><mo>(</mo><mtable><mtr><mtd><mi>a</mi></mtd></mtr></mtable><mo>)</mo></mrow></math>"#),
        MathWarningCase(#"\begin{weird} x \end{weird}"#, .inline, [(0, "unknown environment weird")],
                        #"<math alttext="\begin{weird} x \end{weird}"><merror><mtext>\begin{weird} x \end{weird}</mtext></merror></math>"#),
        MathWarningCase(#"E = mc^2 \tag{1}"#, .inline, [(9, #"\tag is only allowed in display math"#)],
                        #"<math alttext="E = mc^2 \tag{1}"><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>"#),
        MathWarningCase(#"\text{a \foo b}"#, .inline, [(8, #"unknown TeX command \foo in text"#)],
                        #"<math alttext="\text{a \foo b}"><mtext>a \foo b</mtext></math>"#),
        MathWarningCase(#"\sqrt[3{x}"#, .inline, [(5, "missing ']' for the index of \\sqrt"), (0, #"missing argument for \sqrt"#)],
                        #"<math alttext="\sqrt[3{x}"><mroot><mrow></mrow><mrow><mn>3</mn><mi>x</mi></mrow></mroot></math>"#),
    ]

    func testMalformedTeXGivesLocatedWarningsAndBestEffortOutput() {
        let converter = MathConverter()
        for item in Self.cases {
            let result = converter.convert(item.tex, display: item.display)
            XCTAssertEqual(result.warnings, item.warnings, "TeX: \(item.tex)")
            XCTAssertEqual(result.mathML, item.mathML, "TeX: \(item.tex)")
        }
    }

    func testWarningOffsetsPointAtTheOffendingCommand() {
        let tex = "∑ + \\nope"
        let result = MathConverter().convert(tex, display: .inline)
        let offset = try? XCTUnwrap(result.warnings.first?.offset)
        let bytes = Array(tex.utf8)
        XCTAssertEqual(offset.map { String(decoding: bytes[$0...], as: UTF8.self) }, "\\nope")
    }

    func testDeepNestingIsBoundedAndReported() {
        let tex = String(repeating: "{", count: 400) + "x" + String(repeating: "}", count: 400)
        let result = MathConverter().convert(tex, display: .inline)
        XCTAssertTrue(result.warnings.contains { $0.message.contains("nested too deeply") })
        XCTAssertTrue(result.mathML.hasPrefix("<math"))
        XCTAssertTrue(result.mathML.hasSuffix("</math>"))
    }

    func testTagAndLabelAreReportedAndLeftOutOfTheMathML() {
        let converter = MathConverter()
        let tagged = converter.conversion(#"E = mc^2 \tag{3.1}"#, display: .block)
        XCTAssertEqual(tagged.tag, "3.1")
        XCTAssertNil(tagged.label)
        XCTAssertFalse(tagged.mathML.contains("3.1</"))
        let labelled = converter.conversion(#"\lambda = \frac{d}{2} \label{eq-llc}"#, display: .block)
        XCTAssertEqual(labelled.label, "eq-llc")
        XCTAssertNil(labelled.tag)
        XCTAssertFalse(labelled.mathML.contains("eq-llc</"))
        let both = converter.conversion(#"a \tag{A} \label{eq-a} \tag{B}"#, display: .block)
        XCTAssertEqual(both.tag, "A")
        XCTAssertEqual(both.label, "eq-a")
        XCTAssertEqual(both.warnings, [MathWarning(offset: 23, message: #"more than one \tag; the first is used"#)])
        let plain = converter.conversion("x", display: .block)
        XCTAssertNil(plain.tag)
        XCTAssertNil(plain.label)
    }

    func testAltTextAndTextAreEscaped() {
        let result = MathConverter().convert(#"a<b \text{"x" & <y>}"#, display: .block)
        XCTAssertEqual(
            result.mathML,
            #"<math display="block" alttext="a&lt;b \text{&quot;x&quot; &amp; &lt;y&gt;}"><mi>a</mi><mo>&lt;</mo><mi>b</mi><mtext>&quot;x&quot; &amp; &lt;y&gt;</mtext></math>"#)
    }

    func testLimitsFollowTeXsStyleNotJustTheDisplayKind() {
        let converter = MathConverter()
        // \displaystyle in inline math puts limits above and below, as in TeX.
        XCTAssertEqual(
            converter.convert(#"\displaystyle\sum_i a"#, display: .inline).mathML,
            #"<math alttext="\displaystyle\sum_i a"><mstyle displaystyle="true" scriptlevel="0"><munder><mo>∑</mo><mi>i</mi></munder><mi>a</mi></mstyle></math>"#)
        // Inside a fraction or a matrix of block math they go to the side.
        XCTAssertEqual(
            converter.convert(#"\frac{\sum_i a}{2}"#, display: .block).mathML,
            #"<math display="block" alttext="\frac{\sum_i a}{2}"><mfrac><mrow><msub><mo>∑</mo><mi>i</mi></msub><mi>a</mi></mrow><mn>2</mn></mfrac></math>"#)
        XCTAssertEqual(
            converter.convert(#"\begin{pmatrix}\lim_n a\end{pmatrix}"#, display: .block).mathML,
            #"<math display="block" alttext="\begin{pmatrix}\lim_n a\end{pmatrix}"><mrow><mo>(</mo><mtable><mtr><mtd><msub><mo lspace="0em" rspace="0.1667em" movablelimits="true">lim</mo><mi>n</mi></msub><mi>a</mi></mtd></mtr></mtable><mo>)</mo></mrow></math>"#)
    }

    func testEmptyInputGivesAnEmptyMathElement() {
        XCTAssertEqual(MathConverter().convert("", display: .inline).mathML, #"<math alttext=""></math>"#)
        XCTAssertEqual(MathConverter().convert("  ", display: .block).mathML, #"<math display="block" alttext=""></math>"#)
    }
}
