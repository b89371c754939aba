import Foundation
import XCTest
import Learning
import Notebooks
@testable import Runner

/// The per-cell cache: what is reused and what is recomputed, and that a bad entry is never used.
final class CacheTests: XCTestCase {
    func testSecondRunReusesEveryCellWithIdenticalOutput() throws {
        let cache = temporaryCache(self)
        let first = try runCached(chainNotebook, cache: cache)
        XCTAssertEqual(first.cache.computed, ["a", "b", "a_claim", "b_table", "p_claim"])
        XCTAssertEqual(first.cache.status["a"], .computed(.noEntry))
        let second = try runCached(chainNotebook, cache: cache)
        XCTAssertEqual(second.cache.computed, [])
        XCTAssertEqual(second.run.cells.map(\.reused), [true, true, true, true, true])
        for (x, y) in zip(first.run.cells, second.run.cells) {
            guard case .succeeded(let o1) = x.status, case .succeeded(let o2) = y.status else { return XCTFail() }
            XCTAssertEqual(o1.value, o2.value)
            XCTAssertEqual(o1.display.count, o2.display.count)
        }
        XCTAssertEqual(second.run.claims.map(\.values.first?.value), first.run.claims.map(\.values.first?.value))
    }

    func testAChangedCellRerunsExactlyItselfAndItsDependents() throws {
        let cache = temporaryCache(self)
        _ = try runCached(chainNotebook, cache: cache)
        let edited = chainNotebook.replacingOccurrences(of: "from: 1, to: 5", with: "from: 1, to: 6")
        let second = try runCached(edited, cache: cache)
        XCTAssertEqual(second.cache.computed, ["a", "a_claim"])
        XCTAssertEqual(second.cache.status["a"], .computed(.optionsChanged))
        XCTAssertEqual(second.cache.status["a_claim"], .computed(.inputChanged(["a"])))
        XCTAssertEqual(second.cache.reused, ["b", "b_table", "p_claim"])
        // The dependent really saw the new value.
        XCTAssertEqual(second.run.claims.first?.holds, false)
    }

    func testAProseChangeRerunsNothing() throws {
        let cache = temporaryCache(self)
        _ = try runCached(chainNotebook, cache: cache)
        let edited = chainNotebook
            .replacingOccurrences(of: "Some prose.", with: "Other prose,\n\nin two paragraphs, and a heading:\n\n## New")
        let second = try runCached(edited, cache: cache)
        XCTAssertEqual(second.cache.computed, [])
        XCTAssertEqual(second.cache.reused.count, 5)
    }

    func testAParameterChangeRerunsOnlyTheCellsThatMentionParams() throws {
        let cache = temporaryCache(self)
        _ = try runCached(chainNotebook, cache: cache)
        let second = try runCached(chainNotebook, cache: cache, overrides: ["n": "2"])
        XCTAssertEqual(second.cache.computed, ["p_claim"])
        XCTAssertEqual(second.run.claims.last?.holds, false)
    }

    func testACorruptedEntryIsDetectedAndRecomputed() throws {
        let cache = temporaryCache(self)
        let first = try runCached(chainNotebook, cache: cache)
        let key = try XCTUnwrap(first.cache.keys["b"]?.key)
        let path = cache.entryPath(key)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Flip one byte inside the payload (a digit of a stored number stays valid JSON).
        let index = bytes.count - 10
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try bytes.write(to: URL(fileURLWithPath: path))
        guard case .missing(.corrupted(let why)) = cache.probe(try XCTUnwrap(first.cache.keys["b"]), notebook: "nb", cell: "b") else {
            return XCTFail("probe should report the corruption")
        }
        XCTAssertEqual(why, "checksum mismatch")

        let second = try runCached(chainNotebook, cache: cache)
        XCTAssertEqual(second.cache.status["b"], .computed(.corrupted("checksum mismatch")))
        XCTAssertEqual(second.cache.computed, ["b"])
        guard case .succeeded(let output) = second.run.cells[1].status else { return XCTFail() }
        XCTAssertEqual(output.value?.record?["x"], .numbers([1.0, 2, 3]))
        // The entry was rewritten and is valid again.
        XCTAssertEqual(try runCached(chainNotebook, cache: cache).cache.computed, [])

        // A truncated entry and garbage are reported too.
        try Data("FOLIO-CACHE-ENTRY 1\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try runCached(chainNotebook, cache: cache).cache.status["b"], .computed(.corrupted("no checksum line")))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try runCached(chainNotebook, cache: cache).cache.status["b"], .computed(.corrupted("not a cache entry (bad header)")))
    }

    func testAMissingEntryWithAnUnchangedKeySaysSo() throws {
        let cache = temporaryCache(self)
        let first = try runCached(chainNotebook, cache: cache)
        try FileManager.default.removeItem(atPath: cache.entryPath(try XCTUnwrap(first.cache.keys["a"]?.key)))
        XCTAssertEqual(try runCached(chainNotebook, cache: cache).cache.status["a"], .computed(.entryMissing))
        XCTAssertEqual(try cache.clean(), 5)
        XCTAssertEqual(try runCached(chainNotebook, cache: cache).cache.status["a"], .computed(.noEntry))
    }

    func testFailedCellsAreNotCached() throws {
        let cache = temporaryCache(self)
        let source = "```{data}\nid: d\ncolumns:\n  x: =1 / nope\n```\n"
        XCTAssertThrowsError(try runCached(source, cache: cache)) // unknown name: a check error
        let failing = "```{data}\nid: d\ncolumns:\n  x: [1, 2]\n  y: [1, 2, 3]\n```\n"
        let run = try runCached(failing, cache: cache)
        XCTAssertFalse(run.run.failedCells.isEmpty)
        XCTAssertEqual(run.cache.status["d"], .notCacheable("it failed"))
        XCTAssertEqual(try runCached(failing, cache: cache).cache.status["d"], .notCacheable("it failed"))
    }

    func testWithoutACacheEverythingRuns() throws {
        let run = try runCached(chainNotebook, cache: nil)
        XCTAssertEqual(Set(run.cache.status.values), [.disabled])
        XCTAssertTrue(run.run.cells.allSatisfy { !$0.reused })
    }

    func testTwoConcurrentRunsOnOneCacheBothSucceed() throws {
        let cache = temporaryCache(self)
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let ok = (try? runCached(chainNotebook, cache: cache)).map { $0.run.failedCells.isEmpty && $0.run.claimsHeld == 2 } ?? false
            outcomes.add(ok)
        }
        XCTAssertEqual(outcomes.values, [true, true, true, true])
        XCTAssertEqual(try runCached(chainNotebook, cache: cache).cache.computed, [])
        let leftovers = FileManager.default.enumerator(atPath: cache.directory.path)?.allObjects.compactMap { $0 as? String }
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(".tmp-") } ?? []
        XCTAssertEqual(leftovers, [])
    }

    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Bool] = []
        func add(_ b: Bool) { lock.withLock { list.append(b) } }
        var values: [Bool] { lock.withLock { list } }
    }
}
