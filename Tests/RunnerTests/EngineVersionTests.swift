import XCTest
import Notebooks
@testable import Runner

/// Bumping `CellKeys.engineVersion` must invalidate every cached entry: the version is part of
/// every cell's key (directly, and through the keys of the cells it reads), so an engine that would
/// compute something else never finds an older engine's results.
final class EngineVersionTests: XCTestCase {
    func testAnEngineVersionBumpInvalidatesEveryEntry() throws {
        let cache = temporaryCache(self)
        let first = try runCached(chainNotebook, cache: cache)
        XCTAssertEqual(first.cache.reused, [])
        let checked = try checkNotebook(chainNotebook)
        let current = CellKeys(checked, threads: 1)
        let bumped = CellKeys(checked, threads: 1, engine: CellKeys.engineVersion + "-next")
        XCTAssertFalse(current.order.isEmpty)
        for id in current.order {
            let now = try XCTUnwrap(current[id]), next = try XCTUnwrap(bumped[id])
            XCTAssertEqual(cache.probe(now, notebook: "nb", cell: id), .valid, "\(id) is cached under the current engine")
            XCTAssertNotEqual(now.key, next.key, id)
            guard case .missing = cache.probe(next, notebook: "nb", cell: id) else {
                return XCTFail("\(id): an entry of the previous engine would be reused")
            }
        }
        // And the same engine finds them all again.
        XCTAssertEqual(try runCached(chainNotebook, cache: cache).cache.computed, [])
    }
}
