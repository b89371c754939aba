import Foundation
import XCTest
@testable import Plotting

/// Compares each figure of `SnapshotFigures` byte for byte with the SVG stored under
/// `Snapshots/`. Every stored snapshot was rendered in headless Chromium and inspected before it
/// was committed.
///
/// Re-recording is per case: `FOLIO_RECORD_SNAPSHOTS=line,legend swift test --filter SnapshotTests`
/// rewrites those two (`all` rewrites every one); look at the new images before committing them.
/// Recording is refused under CI (the `CI` environment variable, set by GitHub Actions and most CI
/// services), so a CI run can never bless its own output. A mismatch reports the first differing
/// line with its neighbours, not two 20 kB strings.
///
/// swift-snapshot-testing would do the same, but it pulls in swift-syntax (1–2.5 more minutes of
/// build on every fresh clone) for what is here a few lines over text files.
final class SnapshotTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    func testSnapshots() throws {
        let policy = SnapshotPolicy(environment: ProcessInfo.processInfo.environment)
        if case .refused(let why) = policy { return XCTFail(why) }
        for (name, render) in SnapshotFigures.all {
            let svg = render().svg
            XCTAssertTrue(XMLCheck.parse(svg).isWellFormed, "\(name) is not well-formed XML")
            let url = Self.directory.appendingPathComponent(name + ".svg")
            if policy.records(name) {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                try Data(svg.utf8).write(to: url)
                continue
            }
            guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
                XCTFail("missing snapshot \(name).svg; record it with FOLIO_RECORD_SNAPSHOTS=\(name)")
                continue
            }
            if let difference = firstDifference(stored, svg) {
                XCTFail("\(name).svg changed; if intended, look at it and re-record with FOLIO_RECORD_SNAPSHOTS=\(name)\n\(difference)")
            }
        }
    }

    func testRecordingPolicy() {
        XCTAssertEqual(SnapshotPolicy(environment: [:]), .compare)
        XCTAssertEqual(SnapshotPolicy(environment: ["FOLIO_RECORD_SNAPSHOTS": "line, legend"]), .record(["line", "legend"]))
        XCTAssertTrue(SnapshotPolicy(environment: ["FOLIO_RECORD_SNAPSHOTS": "all"]).records("bar"))
        XCTAssertFalse(SnapshotPolicy(environment: ["FOLIO_RECORD_SNAPSHOTS": "line"]).records("bar"))
        guard case .refused = SnapshotPolicy(environment: ["FOLIO_RECORD_SNAPSHOTS": "all", "CI": "true"]) else {
            return XCTFail("recording under CI must be refused")
        }
        XCTAssertEqual(SnapshotPolicy(environment: ["CI": "true"]), .compare)
    }

    func testDifferenceNamesTheFirstChangedLine() {
        XCTAssertNil(firstDifference("a\nb\nc", "a\nb\nc"))
        let text = firstDifference("1\n2\n3\n4\n5\n6", "1\n2\n3\nfour\n5\n6")!
        XCTAssertTrue(text.contains("line 4"), text)
        XCTAssertTrue(text.contains("- 4"), text)
        XCTAssertTrue(text.contains("+ four"), text)
        XCTAssertTrue(text.contains("  3"), text)
        XCTAssertTrue(firstDifference("a\nb", "a\nb\nc")!.contains("+ c"))
    }
}

/// What the snapshot test does with each case, from the environment.
enum SnapshotPolicy: Equatable {
    case compare
    /// Re-record these cases (or every case for "all").
    case record(Set<String>)
    case refused(String)

    init(environment: [String: String]) {
        guard let list = environment["FOLIO_RECORD_SNAPSHOTS"], !list.isEmpty else { self = .compare; return }
        if let ci = environment["CI"], !ci.isEmpty, ci != "false" {
            self = .refused("FOLIO_RECORD_SNAPSHOTS is set under CI (CI=\(ci)); snapshots are recorded on a developer's machine, after looking at them")
            return
        }
        self = .record(Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }))
    }

    func records(_ name: String) -> Bool {
        guard case .record(let names) = self else { return false }
        return names.contains("all") || names.contains(name)
    }
}

/// The first line where `new` differs from `old`, with two lines of context before it, in the
/// style of a unified diff (`-` old, `+` new); nil when they are equal.
func firstDifference(_ old: String, _ new: String) -> String? {
    guard old != new else { return nil }
    let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
    var i = 0
    while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
    var lines = ["first difference at line \(i + 1) (snapshot has \(a.count) lines, new output \(b.count)):"]
    for j in max(0, i - 2)..<i { lines.append("  " + a[j]) }
    if i < a.count { lines.append("- " + a[i]) }
    if i < b.count { lines.append("+ " + b[i]) }
    return lines.map { $0.count > 240 ? String($0.prefix(240)) + "…" : $0 }.joined(separator: "\n")
}
