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

    @Option(help: "BLAS threads per cell (split between notebooks with --jobs).")
    var threads: Int = 2

    @Option(help: "Folder of the cell cache (format: docs/cache.md).")
    var cacheDir: String = ".folio-cache"

    @Flag(help: "Run every cell; neither read nor write the cell cache.")
    var noCache = false

    @Option(help: "Notebooks rendered at once; the BLAS threads are split between them.")
    var jobs: Int = 1

    @Option(help: ArgumentHelp("Compute the I-th of N deterministic shares of the cells into the cache and write no reports.", valueName: "I/N"))
    var shard: String?

    @Flag(help: "Write nothing; exit 1 when a report in the output folder differs from what its notebook produces now.")
    var check = false

    @Flag(help: "Add per-cell wall times and cache status to the manifests (which then differ between runs).")
    var timings = false

    /// BLAS threads each notebook runs with: `threads`, split between `jobs` concurrent notebooks.
    static func threadsPerNotebook(threads: Int, jobs: Int) -> Int { jobs > 1 ? max(1, threads / jobs) : threads }

    func run() throws {
        let files = try NotebookFiles.expand(paths)
        try ReportNames.check(files)
        let overrides = try ParameterArguments.parse(parameters)
        // A notebook that does not check is reported at the end; the others still render (and
        // the index lists them), unless none checks.
        let (checked, invalid) = NotebookLoader.checkEach(files, overrides: overrides)
        if let invalid, checked.isEmpty { throw FolioFailure.invalid(invalid + " nothing was run.") }
        let templateSet: TemplateSet
        do { templateSet = try TemplateSet(directory: TemplateSet.locate(templates)) } catch {
            throw FolioFailure.invalid("error: \(error)")
        }
        let jobs = max(1, min(self.jobs, checked.count))
        // OpenBLAS's thread count is process-wide: set once, shared out between the jobs.
        let threadsEach = Self.threadsPerNotebook(threads: threads, jobs: jobs)
        setBLASThreads(threadsEach)
        // --check writes nothing, not even cache entries.
        let cache = noCache ? nil : CellCache(directory: cacheDir, readOnly: check)
        var lines = Console(quiet: quiet)
        // Bars of several notebooks would overwrite each other: plain, labelled lines instead.
        if jobs > 1 { lines.isTerminal = false }
        let console = lines
        if let shard {
            try runShard(shard, checked, cache: cache, jobs: jobs, threads: threadsEach, console: console)
            if let invalid { throw FolioFailure.invalid(invalid + " the other \(checked.count) were computed.") }
            return
        }
        let renderer = ReportRenderer(templates: templateSet, version: Folio.version)
        let writer = ReportWriter(directory: output)
        if !check { try writer.prepare() }

        var problems: [String] = []
        var staleness: [Staleness] = []
        try ParallelMap.forEach(checked.count, jobs: jobs, { i in
            let notebook = checked[i]
            let label = jobs > 1 ? notebook.notebook.name : nil
            if label == nil { console.line("\(notebook.notebook.file)") }
            let result = NotebookExecutor(threads: threadsEach, observer: console.observer(label: label), cache: cache)
                .runReportingCache(notebook)
            if cache != nil { console.line("  \(label.map { "[\($0)] " } ?? "")\(result.cache.summaryLine)") }
            return result
        }, then: { i, result in
            let notebook = checked[i]
            let (run, cacheReport) = result
            let neighbours = ReportRenderer.Neighbours(
                previous: i > 0 ? (checked[i - 1].notebook.name + ".html", checked[i - 1].notebook.frontMatter.title) : nil,
                next: i + 1 < checked.count ? (checked[i + 1].notebook.name + ".html", checked[i + 1].notebook.frontMatter.title) : nil)
            let page = renderer.renderReport(run, neighbours: neighbours)
            if !page.warnings.isEmpty && !quiet {
                let formatter = DiagnosticFormatter(sources: [notebook.notebook.file: notebook.notebook.source])
                FileHandle.standardError.write(Data((formatter.format(page.warnings) + "\n").utf8))
            }
            let manifest = Manifest(run: run, cache: cacheReport, templates: templateSet.digest, timings: timings)
            if check {
                staleness.append(Staleness(notebook: notebook.notebook, html: page.html, manifest: manifest, folder: writer))
            } else {
                try writer.locked { () throws(FolioFailure) in
                    try writer.write(page.html, to: notebook.notebook.name + ".html")
                    try writer.write(manifest.json(), to: notebook.notebook.name + ".json")
                }
            }
            for failed in run.failedCells {
                if case .failed(let d) = failed.status { problems.append(d.description) }
            }
            problems += run.inlineFailures.map(\.description)
            for cell in run.cells {
                guard case .succeeded(let output) = cell.status else { continue }
                for case .claim(let claim) in output.display where !claim.holds {
                    problems.append("\(cell.cell.cell.location): claim fails: \(claim.says)")
                }
            }
            if !check {
                console.line("  → \(writer.path(notebook.notebook.name + ".html")): \(run.claimsHeld) of \(run.claims.count + run.claimCellsNotRun) claims hold")
            }
        })
        if check {
            try Staleness.report(staleness, folder: output, quiet: quiet)
        } else {
            try writer.locked { () throws(FolioFailure) in try writer.write(renderer.index(writer.indexEntries()), to: "index.html") }
        }

        if let invalid {
            throw FolioFailure.invalid((problems + [invalid + " the other \(checked.count) rendered."]).joined(separator: "\n"))
        }
        let cellFailures = checked.isEmpty ? false : problems.contains { !$0.contains("claim fails") }
        if !problems.isEmpty {
            let text = problems.joined(separator: "\n")
            if cellFailures || !allowFailingClaims { throw FolioFailure.failed(text) }
            FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8))
        }
    }
}

extension Render {
    /// `--shard I/N`: runs this shard's cells (and what they read) into the cache; no reports.
    func runShard(_ text: String, _ checked: [CheckedNotebook], cache: CellCache?, jobs: Int, threads: Int,
                  console: Console) throws(FolioFailure) {
        guard let shard = Shard(text) else { throw .invalid("error: --shard expects I/N with 1 ≤ I ≤ N, got '\(text)'") }
        guard let cache else { throw .invalid("error: --shard fills the cell cache; it cannot be used with --no-cache") }
        var failures: [String] = []
        ParallelMap.forEach(checked.count, jobs: jobs, { i in
            let notebook = checked[i]
            let label = jobs > 1 ? notebook.notebook.name : nil
            if label == nil { console.line("\(notebook.notebook.file) (shard \(shard.index)/\(shard.count))") }
            let wanted = shard.cells(of: notebook, keys: CellKeys(notebook, threads: threads))
            let result = NotebookExecutor(threads: threads, observer: console.observer(label: label), cache: cache)
                .runReportingCache(notebook, only: wanted)
            console.line("  \(label.map { "[\($0)] " } ?? "")\(wanted.count) of \(notebook.cells.count) cells in this shard; \(result.cache.summaryLine)")
            return result.run
        }, then: { _, run in
            for cell in run.failedCells { if case .failed(let d) = cell.status { failures.append(d.description) } }
        })
        if !failures.isEmpty { throw .failed(failures.joined(separator: "\n")) }
    }
}
