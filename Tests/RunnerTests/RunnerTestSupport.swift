import Notebooks
@testable import Runner

/// Parses and checks a notebook given as text; throws the diagnostics.
func checkNotebook(_ source: String, overrides: [String: String] = [:]) throws -> CheckedNotebook {
    let notebook = try NotebookParser.parse(source: source, file: "nb.md")
    return try NotebookChecker().check(notebook, overrides: overrides)
}

/// The diagnostics of a notebook that fails to check (empty if it checks).
func problems(_ source: String, overrides: [String: String] = [:]) -> [Diagnostic] {
    do {
        _ = try checkNotebook(source, overrides: overrides)
        return []
    } catch {
        return (error as? DiagnosticList)?.diagnostics ?? []
    }
}

func runNotebook(_ source: String, overrides: [String: String] = [:]) throws -> NotebookRun {
    NotebookExecutor().run(try checkNotebook(source, overrides: overrides))
}

/// The output of cell `index` of a run; throws its diagnostic when it failed or was skipped.
func output(_ run: NotebookRun, _ index: Int) throws -> CellOutput {
    switch run.cells[index].status {
    case .succeeded(let o): return o
    case .failed(let d): throw d
    case .skipped(let why): throw Diagnostic(at: run.cells[index].cell.cell.location, "skipped: \(why)")
    }
}
