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
}
