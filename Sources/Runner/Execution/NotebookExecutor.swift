import Foundation
import Notebooks

/// Runs a checked notebook's cells in document order. A cell that throws becomes an error in its
/// place; cells that read it are skipped; everything else still runs, so one failure never costs
/// the rest of the report.
public struct NotebookExecutor: Sendable {
    public var threads: Int
    /// Called as cells start and finish and as long cells report progress.
    public var observer: any ExecutionObserver
    /// Where cell results are looked up before running and stored after (nil: run everything).
    public var cache: CellCache?

    public init(threads: Int = 2, observer: any ExecutionObserver = SilentObserver(), cache: CellCache? = nil) {
        self.threads = threads
        self.observer = observer
        self.cache = cache
    }

    public func run(_ notebook: CheckedNotebook) -> NotebookRun { runReportingCache(notebook).run }

    /// Runs the notebook with the cache: a cell whose key has a valid entry is not run, its stored
    /// output is used (`CellRun.reused`); other cells run and their results are stored. `only`
    /// restricts the run to those cell ids (a shard; it must include their dependencies).
    public func runReportingCache(_ notebook: CheckedNotebook, only: Set<String>? = nil) -> (run: NotebookRun, cache: CacheReport) {
        var report = CacheReport(keys: CellKeys(notebook, threads: threads))
        var scope = EvaluationScope(params: notebook.params)
        var artifacts: [String: any Sendable] = [:]
        var notRun: Set<String> = []
        var runs: [CellRun] = []

        for cell in notebook.cells {
            if let only, !only.contains(cell.id) { continue }
            if let blocker = cell.dependencies.first(where: notRun.contains) {
                notRun.insert(cell.id)
                runs.append(CellRun(cell: cell, status: .skipped(because: blocker), wallTime: 0))
                observer.cellSkipped(cell, because: blocker)
                continue
            }
            observer.cellStarted(cell)
            var missed = RecomputeReason.noEntry
            if let cache, let key = report.keys[cell.id] {
                switch cache.lookup(key, notebook: notebook.ledgerName, cell: cell.id) {
                case .hit(let output):
                    if let value = output.value { scope.results[cell.id] = value }
                    if let artifact = output.artifact { artifacts[cell.id] = artifact }
                    cache.recordRun(key, notebook: notebook.ledgerName, cell: cell.id)
                    report.status[cell.id] = .reused
                    let run = CellRun(cell: cell, status: .succeeded(output), wallTime: 0, reused: true)
                    observer.cellFinished(run)
                    runs.append(run)
                    continue
                case .miss(let reason):
                    missed = reason
                }
            }
            let observer = self.observer
            let context = RunContext(
                scope: scope, artifacts: artifacts, cellID: cell.id, anchor: notebook.references.figureIDs[cell.id]?.first, threads: threads,
                runCache: cache.map { RunCache(cache: $0, threads: threads) },
                progress: { step, total, status in observer.cellProgress(cell, step: step, total: total, status: status) })
            let start = DispatchTime.now().uptimeNanoseconds
            let status: CellStatus
            do {
                let input = CellInput(cell: cell.cell, scope: scope, keys: cell.directive.keys)
                let output = try SweepAnalysis.run(cell.directive, input, context: context)
                    ?? cell.directive.run(input, context: context)
                if let value = output.value { scope.results[cell.id] = value }
                if let artifact = output.artifact { artifacts[cell.id] = artifact }
                status = .succeeded(output)
            } catch let d as Diagnostic {
                status = .failed(d)
            } catch {
                status = .failed(Diagnostic(at: cell.cell.location, "{\(cell.cell.kind)} failed: \(error)"))
            }
            if !status.succeeded { notRun.insert(cell.id) }
            if let cache, let key = report.keys[cell.id] {
                if case .succeeded(let output) = status {
                    report.status[cell.id] = cache.store(output, entry: key, kind: cell.directive.kind,
                                                         notebook: notebook.ledgerName, cell: cell.id, reason: missed)
                } else {
                    cache.recordRun(key, notebook: notebook.ledgerName, cell: cell.id, uncacheable: "it failed")
                    report.status[cell.id] = .notCacheable("it failed")
                }
            } else {
                report.status[cell.id] = .disabled
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let run = CellRun(cell: cell, status: status, wallTime: seconds)
            observer.cellFinished(run)
            runs.append(run)
        }

        var inline: [String: InlineValue] = [:]
        var inlineFailures: [Diagnostic] = []
        for (text, expression) in notebook.inlineExpressions {
            if let blocked = expression.rootReferences.first(where: notRun.contains) {
                inline[text] = .failed("not computed: '\(blocked)' did not run")
                continue
            }
            do {
                let value = try expression.evaluate(in: scope)
                inline[text] = .text(proseText(value, format: expression.format))
            } catch {
                inline[text] = .failed(error.message)
                inlineFailures.append(Diagnostic(at: error.location, "inline value `\(text)` cannot be computed: \(error.message)", note: error.note))
            }
        }
        var run = NotebookRun(checked: notebook, cells: runs, inlineValues: inline)
        run.inlineFailures = inlineFailures.sorted { $0.location < $1.location }
        return (run, report)
    }
}

/// Receives execution events, for progress display. Implementations must be thread-safe.
public protocol ExecutionObserver: Sendable {
    func cellStarted(_ cell: CheckedCell)
    func cellProgress(_ cell: CheckedCell, step: Int, total: Int, status: String)
    func cellFinished(_ run: CellRun)
    func cellSkipped(_ cell: CheckedCell, because: String)
}

public struct SilentObserver: ExecutionObserver {
    public init() {}
    public func cellStarted(_ cell: CheckedCell) {}
    public func cellProgress(_ cell: CheckedCell, step: Int, total: Int, status: String) {}
    public func cellFinished(_ run: CellRun) {}
    public func cellSkipped(_ cell: CheckedCell, because: String) {}
}
