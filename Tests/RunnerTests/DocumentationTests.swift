import XCTest
import Foundation
@testable import Runner

/// docs/notebooks.md must describe exactly the directives and keys the code accepts.
final class DocumentationTests: XCTestCase {
    func testDirectiveReferenceInDocsMatchesTheCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/notebooks.md"), encoding: .utf8)
        guard let start = docs.range(of: DirectiveReference.beginMarker), let end = docs.range(of: DirectiveReference.endMarker) else {
            return XCTFail("docs/notebooks.md lacks the generated directive reference markers")
        }
        let documented = String(docs[start.lowerBound..<end.upperBound])
        XCTAssertEqual(documented, DirectiveReference.markdown(),
                       "docs/notebooks.md is out of date: replace its directive reference with the output of `folio docs`")
    }

    /// A default lives in its key's declaration (the reference's "default" column), never in
    /// the words of a key's meaning, where it could drift from the value the code uses.
    func testNoKeyStatesItsDefaultInWords() {
        func visit(_ keys: [OptionKey], _ directive: String) {
            for key in keys {
                XCTAssertNil(key.doc.range(of: #"\(default|; default|default [0-9a-z]"#, options: .regularExpression),
                             "{\(directive)} \(key.name): \(key.doc)")
                switch key.type {
                case .mapping(let sub), .list(.mapping(let sub)): visit(sub, directive)
                default: break
                }
            }
        }
        for directive in DirectiveRegistry.standard.directives { visit(directive.keys, directive.kind) }
    }
}
