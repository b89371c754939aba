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

    @Option(help: ArgumentHelp("Seeds every claim must hold at, bound in turn to params.seed: a range 0-9, a list 101,102,105, or both (replaces the notebooks' 'seeds:').", valueName: "seeds"))
    var seeds: String?

    @Flag(help: "Report failing claims as warnings and exit 0 (a failed cell still exits 1).")
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

    /// The notebook a task runs, at its seed (nil for a notebook without seeds).
    static func task(_ task: (notebook: Int, seed: Int), of checked: [CheckedNotebook]) -> (CheckedNotebook, Int?) {
        let notebook = checked[task.notebook]
        guard task.seed < notebook.seeds.count else { return (notebook, nil) }
        return (task.seed == 0 ? notebook : notebook.atSeed(notebook.seeds[task.seed]), notebook.seeds[task.seed])
    }

    /// The lines under a failing claim: its condition, then the values that decided it — each
    /// comparison's sides at every seed where it fails (or the deciding values without seeds).
    static func claimValues(_ claim: ClaimContent) -> String {
        var lines = ["  that: \(claim.that)"]
        let failing = claim.seeds.filter { !$0.holds }
        if failing.isEmpty {
            lines += claim.values.map { "  \($0.source) = \($0.value)" }
        }
        for outcome in failing {
            if let problem = outcome.problem { lines.append("  seed \(outcome.seed): \(problem)"); continue }
            for c in outcome.comparisons {
                lines.append("  seed \(outcome.seed): \(c.left) \(c.op) \(c.right)  (\(formatValue(c.leftValue)) \(c.op) \(formatValue(c.rightValue)))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// " (holds at 4/5 seeds; fails at seed 3)" for a claim checked at several seeds.
    static func seedSummary(_ claim: ClaimContent) -> String {
        guard claim.seeds.count > 1 else { return claim.seeds.first.map { " (seed \($0.seed))" } ?? "" }
        let failing = claim.seeds.filter { !$0.holds }.map { String($0.seed) }
        let needed = claim.atLeast.map { String(format: ", at least %g required", $0) } ?? ""
        return " (holds at \(claim.seedsHeld)/\(claim.seeds.count) seeds\(needed); fails at seed\(failing.count == 1 ? "" : "s") \(failing.joined(separator: ", ")))"
    }

    /// BLAS threads each notebook runs with: `threads`, split between `jobs` concurrent notebooks.
    static func threadsPerNotebook(threads: Int, jobs: Int) -> Int { jobs > 1 ? max(1, threads / jobs) : threads }

    func run() throws { try render() }

    /// The one render entry point, shared with `folio preview` (which builds a `Render` from
    /// arguments and passes `observer`, told of every cell event besides the terminal's), so both
    /// write the same reports. Throws `FolioFailure`: code 2 when nothing was run (an invalid
    /// notebook or template), code 1 after writing the reports when a cell or claim failed.
    func render(observer extra: (any ExecutionObserver)? = nil) throws {
        let files = try NotebookFiles.expand(paths)
        try ReportNames.check(files)
        let indexSettings = try IndexSettingsFile.load(paths)
        let overrides = try ParameterArguments.parse(parameters)
        let seedList = try seeds.map(SeedArgument.parse)
        // A notebook that does not check is reported at the end; the others still render (and
        // the index lists them), unless none checks.
        let (checked, invalid) = NotebookLoader.checkEach(files, overrides: overrides, seeds: seedList)
        if let invalid, checked.isEmpty { throw FolioFailure.invalid(invalid + " nothing was run.") }
        // One task per notebook and seed, in order: the first seed of a notebook runs every cell,
        // its other seeds only the claims and what they read (SeedRuns).
        let tasks = checked.indices.flatMap { i in (0..<max(1, checked[i].seeds.count)).map { (notebook: i, seed: $0) } }
        let templateSet: TemplateSet
        do { templateSet = try TemplateSet(directory: TemplateSet.locate(templates)) } catch {
            throw FolioFailure.invalid("error: \(error)")
        }
        let jobs = max(1, min(self.jobs, tasks.count))
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
            try runShard(shard, checked, tasks: tasks, cache: cache, jobs: jobs, threads: threadsEach, console: console)
            if let invalid { throw FolioFailure.invalid(invalid + " the other \(checked.count) were computed.") }
            return
        }
        let renderer = { () -> ReportRenderer in
            var r = ReportRenderer(templates: templateSet, version: Folio.version)
            r.date = ReportDate.current()
            return r
        }()
        let writer = ReportWriter(directory: output)
        if !check { try writer.prepare() }

        var problems: [String] = []
        var staleness: [Staleness] = []
        // A failed cell (at any seed) or inline value always fails the render; only failing
        // claims may be allowed.
        var aCellFailed = false
        var seedRuns: [(seed: Int, run: NotebookRun)] = []
        var firstCache: CacheReport?
        try ParallelMap.forEach(tasks.count, jobs: jobs, { t in
            let (notebook, seed) = Self.task(tasks[t], of: checked)
            let label = jobs > 1 ? notebook.notebook.name + (seed.map { " seed \($0)" } ?? "") : nil
            if label == nil { console.line(notebook.notebook.file + (seed.map { " (seed \($0))" } ?? "")) }
            let result = NotebookExecutor(threads: threadsEach, observer: console.observer(label: label, also: extra), cache: cache)
                .runReportingCache(notebook, only: SeedRuns.cells(of: notebook, seedIndex: tasks[t].seed, threads: threadsEach, cache: cache))
            if cache != nil { console.line("  \(label.map { "[\($0)] " } ?? "")\(result.cache.summaryLine)") }
            return (seed ?? 0, result.run, result.cache)
        }, then: { t, result in
            // Collect a notebook's seeds; render once the last of them has arrived.
            if tasks[t].seed == 0 { seedRuns = []; firstCache = result.2 }
            seedRuns.append((result.0, result.1))
            guard t + 1 == tasks.count || tasks[t + 1].notebook != tasks[t].notebook, let cacheReport = firstCache else { return }
            let i = tasks[t].notebook
            let notebook = checked[i]
            let run = SeedRuns.combine(seedRuns)
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
                if case .failed(let d) = failed.status { problems.append(d.description); aCellFailed = true }
            }
            for failure in run.failuresAtOtherSeeds {
                problems.append("at seed \(failure.seed): \(failure.diagnostic.description)")
                aCellFailed = true
            }
            if !run.inlineFailures.isEmpty { aCellFailed = true }
            problems += run.inlineFailures.map(\.description)
            for cell in run.cells {
                guard case .succeeded(let output) = cell.status else { continue }
                for case .claim(let claim) in output.display where !claim.holds {
                    let at = cell.cell.cell.options["that"]?.location ?? cell.cell.cell.location
                    problems.append("\(at): claim fails: \(claim.says)\(Self.seedSummary(claim))\n" + Self.claimValues(claim))
                }
            }
            if !check {
                console.line("  → \(writer.path(notebook.notebook.name + ".html")): \(run.claimsHeld) of \(run.claims.count + run.claimCellsNotRun) claims hold\(run.checked.seeds.count > 1 ? " across \(run.checked.seeds.count) seeds" : "")")
            }
        })
        if check {
            try Staleness.report(staleness, folder: output, quiet: quiet)
        } else {
            try writer.locked { () throws(FolioFailure) in try writer.write(renderer.index(writer.indexEntries(), settings: indexSettings), to: "index.html") }
        }

        if let invalid {
            throw FolioFailure.invalid((problems + [invalid + " the other \(checked.count) rendered."]).joined(separator: "\n"))
        }
        if !problems.isEmpty {
            let text = problems.joined(separator: "\n")
            if aCellFailed || !allowFailingClaims { throw FolioFailure.failed(text) }
            FileHandle.standardError.write(Data(("warning: " + text + "\n").utf8))
        }
    }
}

extension Render {
    /// `--shard I/N`: runs this shard's cells (and what they read) into the cache; no reports.
    func runShard(_ text: String, _ checked: [CheckedNotebook], tasks: [(notebook: Int, seed: Int)], cache: CellCache?,
                  jobs: Int, threads: Int, console: Console) throws(FolioFailure) {
        guard let shard = Shard(text) else { throw .invalid("error: --shard expects I/N with 1 ≤ I ≤ N, got '\(text)'") }
        guard let cache else { throw .invalid("error: --shard fills the cell cache; it cannot be used with --no-cache") }
        var failures: [String] = []
        ParallelMap.forEach(tasks.count, jobs: jobs, { t in
            let (notebook, seed) = Self.task(tasks[t], of: checked)
            let label = jobs > 1 ? notebook.notebook.name + (seed.map { " seed \($0)" } ?? "") : nil
            if label == nil { console.line("\(notebook.notebook.file)\(seed.map { " seed \($0)" } ?? "") (shard \(shard.index)/\(shard.count))") }
            var wanted = shard.cells(of: notebook, keys: CellKeys(notebook, threads: threads))
            if let seedCells = SeedRuns.cells(of: notebook, seedIndex: tasks[t].seed) { wanted.formIntersection(seedCells) }
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
