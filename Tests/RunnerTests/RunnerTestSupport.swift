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
