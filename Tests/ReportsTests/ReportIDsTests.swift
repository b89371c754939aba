import Foundation
import XCTest

/// Every element id in every report under output/ is unique within its page (fragment links,
/// `aria-labelledby` and the figure switch for phones all rely on it). Reads the reports as
/// they are committed; after a change to how ids are made, re-render before running it.
final class ReportIDsTests: XCTestCase {
    /// `id="..."` inside a start tag (element source in `<pre>` is escaped, so it never matches).
    static let idAttribute = try! NSRegularExpression(pattern: #"<[A-Za-z][^<>]*?\sid="([^"]*)""#)

    static func duplicateIDs(in html: String) -> [String: Int] {
        let ns = html as NSString
        var counts: [String: Int] = [:]
        for match in idAttribute.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            counts[ns.substring(with: match.range(at: 1)), default: 0] += 1
        }
        return counts.filter { $0.value > 1 }
    }

    func testTheMatcherFindsADuplicate() {
        let page = #"<figure id="fig-a"><svg id="fig-a" class="x"></svg></figure><p id="b">id="b"</p>"#
        XCTAssertEqual(Self.duplicateIDs(in: page), ["fig-a": 2])
    }

    func testNoReportHasADuplicateID() throws {
        let output = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("output")
        let reports = ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter { $0.hasSuffix(".html") }.sorted()
        try XCTSkipIf(reports.isEmpty, "no reports under \(output.path)")
        for name in reports {
            let html = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(Self.duplicateIDs(in: html), [:], "duplicate ids in \(name)")
        }
    }
}
