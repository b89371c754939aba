import Notebooks
import Foundation
import XCTest

@testable import Reports

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every output of the converter is well-formed XML with a single `<math>` root, whatever the
/// input: the catalogue, and a deterministic stream of random TeX fragments.
final class MathXMLTests: XCTestCase {
    /// Parses `xml`, returning the parser error if any and the root element's name.
    private func parse(_ xml: String) -> (error: Error?, root: String?) {
        final class Delegate: NSObject, XMLParserDelegate {
            var root: String?
            var error: Error?
            func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
                if error == nil { error = parseError }
            }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                if root == nil { root = name }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        // On Linux, parse() can return true after a recoverable error; the error is still
        // reported to the delegate and kept in parserError, so both are checked.
        let ok = parser.parse()
        let error = delegate.error ?? parser.parserError ?? (ok ? nil : NSError(domain: "XMLParser", code: -1))
        return (error, delegate.root)
    }

    func testCatalogueOutputParsesAsXML() {
        // The check itself rejects broken markup.
        XCTAssertNotNil(parse("<math><mi>x</math>").error)
        XCTAssertNotNil(parse("<math alttext=\"a<b\"></math>").error)
        let converter = MathConverter()
        for expression in MathCatalogue.expressions {
            let result = converter.convert(expression.tex, display: expression.display)
            let parsed = parse(result.mathML)
            XCTAssertNil(parsed.error, "TeX: \(expression.tex)")
            XCTAssertEqual(parsed.root, "math", "TeX: \(expression.tex)")
        }
    }

    func testRandomFragmentsAlwaysGiveWellFormedXML() {
        let fragments = [
            "x", "2", "+", "<", ">", "&", "\"", "'", "{", "}", "^", "_", "\\frac", "\\sqrt", "[", "]", "\\left(",
            "\\right)", "\\middle|", "\\begin{pmatrix}", "\\end{pmatrix}", "\\begin{aligned}", "\\end{cases}",
            "\\\\", "\\text{a&<b}", "\\foo", "\\mathbb", "\\hat", "\\sum", "\\lim", "\\operatorname", "\\tag{1}",
            "\\label{eq-x}", "%", "\n", " ", "$", "#", "~", "\\", "\\not", "\\big", "α", "\u{1}", "\u{7F}",
            "\\color{red}", "\\displaystyle", "\\overbrace", "\\substack{", "\\,", "\\!", "\\hspace{-1em}",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            // SplitMix64, for a reproducible stream.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        let converter = MathConverter()
        for _ in 0..<400 {
            let length = 1 + next() % 12
            let tex = (0..<length).map { _ in fragments[next() % fragments.count] }.joined()
            let display: MathDisplay = next() % 2 == 0 ? .inline : .block
            let result = converter.convert(tex, display: display)
            let parsed = parse(result.mathML)
            XCTAssertNil(parsed.error, "TeX: \(tex) → \(result.mathML)")
            XCTAssertEqual(parsed.root, "math", "TeX: \(tex)")
            for warning in result.warnings {
                XCTAssertTrue((0...tex.utf8.count).contains(warning.offset), "offset out of range for \(tex)")
            }
        }
    }
}
