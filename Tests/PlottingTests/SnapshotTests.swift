import Foundation
import XCTest
@testable import Plotting

/// Compares each figure of `SnapshotFigures` byte for byte with the SVG stored under
/// `Snapshots/`. Every stored snapshot was rendered in headless Chromium and inspected before it
/// was committed. Set `FOLIO_RECORD_SNAPSHOTS=1` to re-record after an intended change (and look
/// at the new images again).
final class SnapshotTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static var recording: Bool { ProcessInfo.processInfo.environment["FOLIO_RECORD_SNAPSHOTS"] == "1" }

    func testSnapshots() throws {
        for (name, render) in SnapshotFigures.all {
            let svg = render().svg
            XCTAssertTrue(XMLCheck.parse(svg).isWellFormed, "\(name) is not well-formed XML")
            XCTAssertEqual(svg, render().svg, "\(name) differs between two renders")
            let url = Self.directory.appendingPathComponent(name + ".svg")
            if Self.recording {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try Data(svg.utf8).write(to: url)
                continue
            }
            guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
                XCTFail("missing snapshot \(name).svg; record with FOLIO_RECORD_SNAPSHOTS=1")
                continue
            }
            XCTAssertEqual(svg, stored, "\(name).svg changed; re-record with FOLIO_RECORD_SNAPSHOTS=1 after looking at it")
        }
    }
}
