import Foundation
import XCTest
import Learning
import Notebooks
@testable import Runner

/// Every run of a sweep, and every analysis over one, is cached on its own: extending a sweep
/// trains and analyses only the new runs.
final class SweepRunCacheTests: XCTestCase {
    /// Records which runs trained: a training run reports its loss as it goes ("run 2/3: loss …");
    /// a run served by the cache reports only "reused from the cache".
    final class TrainingCounter: ExecutionObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var statuses: [String] = []
        func cellStarted(_ cell: CheckedCell) {}
        func cellProgress(_ cell: CheckedCell, step: Int, total: Int, status: String) {
            lock.lock(); statuses.append("\(cell.id) \(status)"); lock.unlock()
        }
        func cellFinished(_ run: CellRun) {}
        func cellSkipped(_ cell: CheckedCell, because: String) {}
        /// The distinct "run i/n" labels of cell `id` whose status carried a training loss.
        func trained(_ id: String) -> Set<String> {
            lock.lock(); defer { lock.unlock() }
            return Set(statuses.filter { $0.hasPrefix(id + " run ") && $0.contains(": loss ") }.map { String($0.split(separator: ":")[0]) })
        }
        /// How many single analyses of cell `id` ran (were not reused).
        func analysed(_ id: String) -> Int {
            lock.lock(); defer { lock.unlock() }
            let started = Set(statuses.filter { $0.hasPrefix(id + " run ") && !$0.contains(":") })
            let reused = Set(statuses.filter { $0.hasPrefix(id + " run ") && $0.hasSuffix("reused from the cache") }.map { String($0.split(separator: ":")[0]) })
            return started.subtracting(reused).count
        }
    }

    private func notebook(seeds: String) -> String {
        """
        ```{train}
        id: widths
        task: {kind: teacher, teacher: linear, widths: [3, 1], train_size: 32, test_size: 32, seed: 5}
        model: {kind: mlp, hidden: 4}
        loss: mse
        optimizer: {kind: adam, lr: 0.01}
        steps: 10
        sweep: {model.hidden: [2, 4], seed: \(seeds)}
        ```

        ```{hessian}
        id: curvature
        model: widths
        caption: Curvature of each run.
        ```
        """
    }

    private func run(_ source: String, cache: CellCache) throws -> (NotebookRun, TrainingCounter) {
        let counter = TrainingCounter()
        let checked = try NotebookChecker().check(try NotebookParser.parse(source: source, file: "nb.md"))
        let run = NotebookExecutor(threads: 1, observer: counter, cache: cache).run(checked)
        XCTAssertEqual(run.failedCells.count, 0, "\(run.failedCells.map(\.status))")
        return (run, counter)
    }

    func testExtendingASweepByOneSeedTrainsOnlyTheNewRuns() throws {
        let cache = temporaryCache(self)
        let (first, cold) = try run(notebook(seeds: "[0, 1]"), cache: cache)
        XCTAssertEqual(cold.trained("widths").count, 4)
        XCTAssertEqual(cold.analysed("curvature"), 4)

        // One more seed: two new runs (one per width) among six; the four old ones come from the cache.
        let (second, warm) = try run(notebook(seeds: "[0, 1, 2]"), cache: cache)
        XCTAssertEqual(warm.trained("widths"), ["widths run 3/6", "widths run 6/6"])
        XCTAssertEqual(warm.analysed("curvature"), 2)

        // The reused runs give the values a cold render gives.
        guard case .succeeded(let a) = first.cells[1].status, case .record(let before)? = a.value,
              case .succeeded(let b) = second.cells[1].status, case .record(let after)? = b.value else { return XCTFail("no hessian tables") }
        let oldRows = [0, 1, 3, 4]  // (2, 0), (2, 1), (4, 0), (4, 1) in the run order of the extended sweep
        XCTAssertEqual(oldRows.map { after["largest"]?.list?[$0] }, (0..<4).map { before["largest"]?.list?[$0] })
        XCTAssertEqual(after["seed"], .numbers([0, 1, 2, 0, 1, 2] as [Int]))
    }

    func testACaptionOrShowChangeRerunsNothing() throws {
        let cache = temporaryCache(self)
        _ = try run(notebook(seeds: "[0]"), cache: cache)
        let edited = notebook(seeds: "[0]").replacingOccurrences(of: "caption: Curvature of each run.", with: "caption: Another caption.\nshow: false")
        let again = try runCached(edited, cache: cache)
        XCTAssertEqual(again.cache.computed, [])
    }

    func testAnAnalysisSettingCanBeSwept() throws {
        let cache = temporaryCache(self)
        let source = notebook(seeds: "[0]").replacingOccurrences(of: "caption: Curvature of each run.", with: "sweep: {relative_threshold: [0.001, 0.1]}")
        let (result, _) = try run(source, cache: cache)
        guard case .succeeded(let output) = result.cells[1].status, case .record(let table)? = output.value else { return XCTFail("no table") }
        XCTAssertEqual(table["model_hidden"], .numbers([2, 2, 4, 4] as [Int]))
        XCTAssertEqual(table["relative_threshold"], .numbers([0.001, 0.1, 0.001, 0.1]))
        // A larger threshold counts at least as many eigenvalues as flat.
        let flat = try XCTUnwrap(table["flat_count"]?.numbers)
        XCTAssertGreaterThanOrEqual(flat[1], flat[0])
        XCTAssertGreaterThanOrEqual(flat[3], flat[2])
    }

    func testSweepingAKeyTheAnalysisLacksIsRefusedAtTheKey() throws {
        let source = notebook(seeds: "[0]").replacingOccurrences(of: "caption: Curvature of each run.", with: "sweep: {relative_treshold: [0.1]}")
        XCTAssertThrowsError(try NotebookChecker().check(try NotebookParser.parse(source: source, file: "nb.md"))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("nb.md:14:9: error: {hessian} cannot sweep 'relative_treshold'"), text)
            XCTAssertTrue(text.contains("did you mean 'relative_threshold'?"), text)
        }
    }
}
