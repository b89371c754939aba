import ArgumentParser
import Foundation
import Notebooks
import Reports
import Runner
import Tensors

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and write one self-contained HTML report per notebook, plus index.html.")

    @Argument(help: "Notebook files or folders of notebooks.")
    var paths: [String] = ["notebooks"]

    @Option(name: .shortAndLong, help: "Folder for the reports.")
    var output: String = "output"

    @Option(name: .customShort("P"), help: ArgumentHelp("Override a parameter: -P name=value (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Report failing claims as warnings and exit 0.")
    var allowFailingClaims = false

    @Option(help: "Folder holding report.mustache, index.mustache and style.css (default: ./templates).")
    var templates: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "BLAS threads per cell.")
    var threads: Int = 2

    func run() throws {
        let files = try NotebookFiles.expand(paths)
        let overrides = try ParameterArguments.parse(parameters)
        let checked = try NotebookLoader.checkAll(files, overrides: overrides)
        let templateSet: TemplateSet
        do { templateSet = try TemplateSet(directory: TemplateSet.locate(templates)) } catch {
            throw FolioFailure.invalid("error: \(error)")
        }
        setBLASThreads(threads)
        let renderer = ReportRenderer(templates: templateSet, version: Folio.version)
        let writer = ReportWriter(directory: output)
        try writer.prepare()
        let console = Console(quiet: quiet)

        var problems: [String] = []
        for (i, notebook) in checked.enumerated() {
            console.line("\(notebook.notebook.file)")
            let run = NotebookExecutor(threads: threads, observer: console.observer()).run(notebook)
            let neighbours = ReportRenderer.Neighbours(
                previous: i > 0 ? (checked[i - 1].notebook.name + ".html", checked[i - 1].notebook.frontMatter.title) : nil,
                next: i + 1 < checked.count ? (checked[i + 1].notebook.name + ".html", checked[i + 1].notebook.frontMatter.title) : nil)
            try writer.write(renderer.report(run, neighbours: neighbours), to: notebook.notebook.name + ".html")
            try writer.write(Manifest(run: run).json(), to: notebook.notebook.name + ".json")
            for failed in run.failedCells {
                if case .failed(let d) = failed.status { problems.append(d.description) }
            }
            for claim in run.claims where !claim.holds {
                problems.append("\(notebook.notebook.file): claim fails: \(claim.says)")
            }
            console.line("  → \(writer.path(notebook.notebook.name + ".html")): \(run.claimsHeld) of \(run.claims.count + run.claimCellsNotRun) claims hold")
        }
        try writer.write(renderer.index(writer.indexEntries()), to: "index.html")

        let cellFailures = checked.isEmpty ? false : problems.contains { !$0.contains("claim fails") }
        if !problems.isEmpty {
            let text = problems.joined(separator: "\n")
            if cellFailures || !allowFailingClaims { throw FolioFailure.failed(text) }
            FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8))
        }
    }
}
