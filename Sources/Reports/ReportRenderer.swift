import Markup
import Notebooks
import Plotting
import Runner

/// Turns a notebook run into one self-contained HTML page (CSS inlined, figures as inline SVG,
/// no external request), and a set of runs into the index page.
public struct ReportRenderer: Sendable {
    public var templates: TemplateSet
    /// Folio's version, printed in the footer and the run block.
    public var version: String
    /// The date printed in the run block ("2026-11-30"); nil leaves it out. The command line
    /// takes it from `SOURCE_DATE_EPOCH` when set, so renders are reproducible.
    public var date: String?

    public init(templates: TemplateSet, version: String) {
        self.templates = templates
        self.version = version
    }

    /// Neighbours for previous/next links: (file name, title).
    public struct Neighbours: Sendable {
        public var previous: (file: String, title: String)?
        public var next: (file: String, title: String)?
        public init(previous: (file: String, title: String)? = nil, next: (file: String, title: String)? = nil) {
            self.previous = previous
            self.next = next
        }
    }

    /// The page's styles: the template's, then the figures' and the math's.
    var stylesheet: String { templates.stylesheet + "\n" + Figure.stylesheet + "\n" + MathStylesheet.css }

    public func report(_ run: NotebookRun, neighbours: Neighbours = Neighbours()) -> String {
        renderReport(run, neighbours: neighbours).html
    }

    /// The page and the warnings found while writing it (unknown TeX, located in the notebook).
    public func renderReport(_ run: NotebookRun, neighbours: Neighbours = Neighbours()) -> (html: String, warnings: [Diagnostic]) {
        let notebook = run.checked.notebook
        let locate: @Sendable (Int) -> SourceLocation = { notebook.location(ofBodyOffset: $0) }
        let math = MathHTML(notebook.math, references: run.checked.references, file: notebook.file, locate: locate)
        var prose = ProseRenderer(
            inlineValues: run.inlineValues, math: math, rawHTML: notebook.frontMatter.rawHTML,
            numberSections: notebook.frontMatter.numberSections)
        prose.bibliography = run.checked.bibliography
        var cells = CellRenderer(math: math, seed: run.checked.params["seed"].map(formatValue))
        var runs = run.cells.makeIterator()
        var body: [String] = []
        for block in notebook.blocks {
            switch block {
            case .markdown(let node): body.append(prose.render(node))
            case .cell: if let cellRun = runs.next() { body.append(cells.render(cellRun)) }
            }
        }
        let references = ReferenceList.html(cited: prose.cited, bibliography: run.checked.bibliography)
        body.append(prose.notesHTML)
        body.append(references)
        body.append(RunBlock.html(run, version: version, date: date))
        var tocHeadings = prose.headings
        if !prose.notesHTML.isEmpty { tocHeadings.append(.init(level: 2, id: "notes-title", number: "", text: "Notes")) }
        if !references.isEmpty { tocHeadings.append(.init(level: 2, id: "references-title", number: "", text: "References")) }
        let toc = tocHeadings.filter { $0.level <= 3 }.map { h in
            "<li class=\"toc-\(h.level)\"><a href=\"#\(h.id)\">\(h.number.isEmpty ? "" : h.number + " ")\(Markup.escape(h.text))</a></li>"
        }.joined(separator: "\n")
        var context: [String: Any] = [
            "title": Markup.escape(notebook.frontMatter.title),
            "description": Markup.escape(notebook.frontMatter.description),
            "style": stylesheet,
            "toc": toc,
            "hasToc": !toc.isEmpty,
            "body": body.joined(separator: "\n"),
            "claimSummary": Markup.escape(claimSummary(run)),
            "allHold": run.claimsFailed == 0 && run.claimCellsNotRun == 0,
            "source": Markup.escape((notebook.file as NSString).lastPathComponent),
            "version": Markup.escape(version),
        ]
        // Absent neighbours must be absent keys: Mustache would read a nil inside Any as present.
        if let p = neighbours.previous { context["previous"] = ["href": Markup.escape(p.file), "title": Markup.escape(p.title)] }
        if let n = neighbours.next { context["next"] = ["href": Markup.escape(n.file), "title": Markup.escape(n.title)] }
        return (templates.render(context, template: "report"), prose.math.warnings + cells.math.warnings)
    }

    public struct IndexEntry: Sendable {
        public var file: String
        public var title: String
        public var description: String
        public var claimsHeld: Int
        public var claimsTotal: Int
        public var failedCells: Int
        /// Each claim's statement and whether it holds, in document order.
        public var claims: [(says: String, holds: Bool)]
        /// How many seeds the claims were checked at (0: the notebook has no seed parameter).
        public var seeds: Int
        public init(file: String, title: String, description: String, claimsHeld: Int, claimsTotal: Int, failedCells: Int,
                    claims: [(says: String, holds: Bool)] = [], seeds: Int = 0) {
            self.claims = claims
            self.seeds = seeds
            self.file = file
            self.title = title
            self.description = description
            self.claimsHeld = claimsHeld
            self.claimsTotal = claimsTotal
            self.failedCells = failedCells
        }
    }

    /// The index page: `settings` give its heading and description (`folio.yml`).
    public func index(_ entries: [IndexEntry], settings: IndexSettings = IndexSettings()) -> String {
        let items: [[String: Any]] = entries.map { e in
            let ok = e.claimsHeld == e.claimsTotal && e.failedCells == 0
            var status = e.claimsTotal == 0 ? "no claims" : "\(e.claimsHeld) of \(e.claimsTotal) claims hold"
            if e.claimsTotal > 0, e.seeds > 0 { status += e.seeds == 1 ? " at 1 seed" : " across \(e.seeds) seeds" }
            if e.failedCells > 0 { status += ", \(e.failedCells) cell\(e.failedCells == 1 ? "" : "s") failed" }
            return [
                "href": Markup.escape(e.file), "title": Markup.escape(e.title), "description": Markup.escape(e.description),
                "status": Markup.escape(status), "statusClass": ok ? "holds" : "fails",
                "claims": e.claims.map { ["says": Markup.escape($0.says), "mark": $0.holds ? "✓" : "✗", "claimClass": $0.holds ? "holds" : "fails"] },
            ]
        }
        let held = entries.map(\.claimsHeld).reduce(0, +), total = entries.map(\.claimsTotal).reduce(0, +)
        let failed = entries.map(\.failedCells).reduce(0, +)
        var summary = "\(held) of \(total) claims hold across \(entries.count) notebook\(entries.count == 1 ? "" : "s")"
        if failed > 0 { summary += "; \(failed) cell\(failed == 1 ? "" : "s") failed" }
        var context: [String: Any] = [
            "title": Markup.escape(settings.title), "style": stylesheet, "notebooks": items, "version": Markup.escape(version),
            "total": Markup.escape(summary + "."), "totalClass": held == total && failed == 0 ? "holds" : "fails",
        ]
        if let description = settings.description { context["description"] = Markup.escape(description) }
        return templates.render(context, template: "index")
    }

    public static func indexEntry(for run: NotebookRun, file: String) -> IndexEntry {
        IndexEntry(
            file: file, title: run.checked.notebook.frontMatter.title,
            description: run.checked.notebook.frontMatter.description,
            claimsHeld: run.claimsHeld, claimsTotal: run.claims.count + run.claimCellsNotRun,
            failedCells: run.failedCells.count, claims: run.claims.map { ($0.says, $0.holds) }, seeds: run.checked.seeds.count)
    }

    private func claimSummary(_ run: NotebookRun) -> String {
        let total = run.claims.count + run.claimCellsNotRun
        if total == 0 { return "This notebook states no claims." }
        var s = "\(run.claimsHeld) of \(total) claims hold"
        let seeds = run.checked.seeds
        if seeds.count > 1 {
            s += " across \(seeds.count) seeds (\(SeedText.list(seeds)); figures and prose from seed \(seeds[0]))"
        } else if let seed = seeds.first {
            s += " at seed \(seed)"
        }
        if !run.failuresAtOtherSeeds.isEmpty { s += "; \(run.failuresAtOtherSeeds.count) cell runs failed at other seeds" }
        if run.claimCellsNotRun > 0 { s += " (\(run.claimCellsNotRun) could not be checked)" }
        return s + "."
    }
}

import Foundation
