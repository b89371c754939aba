import Foundation
import Notebooks

/// Runs a checked notebook's cells in document order. A cell that throws becomes an error in its
/// place; cells that read it are skipped; everything else still runs, so one failure never costs
/// the rest of the report.
public struct NotebookExecutor: Sendable {
    public var threads: Int
    /// Called as cells start and finish and as long cells report progress.
    public var observer: any ExecutionObserver

    public init(threads: Int = 2, observer: any ExecutionObserver = SilentObserver()) {
        self.threads = threads
        self.observer = observer
    }

    public func run(_ notebook: CheckedNotebook) -> NotebookRun {
        var scope = EvaluationScope(params: notebook.params)
        var artifacts: [String: any Sendable] = [:]
        var notRun: Set<String> = []
        var runs: [CellRun] = []

        for cell in notebook.cells {
            if let blocker = cell.dependencies.first(where: notRun.contains) {
                notRun.insert(cell.id)
                runs.append(CellRun(cell: cell, status: .skipped(because: blocker), wallTime: 0))
                observer.cellSkipped(cell, because: blocker)
                continue
            }
            observer.cellStarted(cell)
            let observer = self.observer
            let context = RunContext(
                scope: scope, artifacts: artifacts, cellID: cell.id, threads: threads,
                progress: { step, total, status in observer.cellProgress(cell, step: step, total: total, status: status) })
            let start = DispatchTime.now().uptimeNanoseconds
            let status: CellStatus
            do {
                let output = try cell.directive.run(CellInput(cell: cell.cell, scope: scope), context: context)
                if let value = output.value { scope.results[cell.id] = value }
                if let artifact = output.artifact { artifacts[cell.id] = artifact }
                status = .succeeded(output)
            } catch let d as Diagnostic {
                status = .failed(d)
            } catch {
                status = .failed(Diagnostic(at: cell.cell.location, "{\(cell.cell.kind)} failed: \(error)"))
            }
            if !status.succeeded { notRun.insert(cell.id) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let run = CellRun(cell: cell, status: status, wallTime: seconds)
            observer.cellFinished(run)
            runs.append(run)
        }

        var inline: [String: InlineValue] = [:]
        for (text, expression) in notebook.inlineExpressions {
            if let blocked = expression.rootReferences.first(where: notRun.contains) {
                inline[text] = .failed("not computed: '\(blocked)' did not run")
                continue
            }
            do {
                let value = try expression.evaluate(in: scope)
                inline[text] = .text(expression.format.map { $0.format(value) } ?? formatValue(value))
            } catch {
                inline[text] = .failed(error.message)
            }
        }
        return NotebookRun(checked: notebook, cells: runs, inlineValues: inline)
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
