import Foundation
import Notebooks

/// Numbered things a notebook's prose can refer to — figures, tables and labelled display
/// equations — numbered in document order, and the references to them.
///
/// Syntax: a figure or table cell's `label:` starts with `fig-` or `tbl-`; a display equation is
/// labelled with `\label{eq-...}` inside its `$$...$$`. Prose refers to them as `@fig-loss`,
/// `@tbl-llc`, `@eq-llc`; the report prints "Figure 2", "Table 1", "Equation (3)" as a link.
/// A reference to an unknown label is an error when the notebook is checked.
public struct CrossReferences: Sendable {
    public enum Kind: String, Sendable { case figure = "Figure", table = "Table", equation = "Equation" }

    public struct Target: Sendable, Equatable {
        public var kind: Kind
        public var number: Int
        /// The text a reference prints: "Figure 2", "Equation (3)".
        public var text: String { kind == .equation ? "Equation (\(number))" : "\(kind.rawValue) \(number)" }
    }

    /// Label → target.
    public var labels: [String: Target] = [:]
    /// The numbers of a cell's figures and tables, in the order it shows them.
    public struct Numbers: Sendable, Equatable {
        public var figures: [Int] = []
        public var tables: [Int] = []
    }
    /// Figure and table numbers by cell id (cells without a label are numbered too).
    public var numbers: [String: Numbers] = [:]
    /// The element ids of each cell's figures, in order: the first is its label or `fig-` and the
    /// cell's id, further ones add `-2`, `-3`, ... Assigned here once; the figures' SVG ids and
    /// the report's `<figure>`s take them from here.
    public var figureIDs: [String: [String]] = [:]
    /// The element id of a labelled table by cell id (its label).
    public var tableIDs: [String: String] = [:]
    /// Equation numbers by the formula's index in the notebook's protected math.
    public var equationNumbers: [Int: Int] = [:]

    public init() {}

    /// `@fig-...`, `@tbl-...` or `@eq-...` preceded by neither a letter nor a digit (so e-mail
    /// addresses are left alone).
    public static let pattern = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9])@((?:fig|tbl|eq)-[A-Za-z0-9_-]*[A-Za-z0-9])")

    static func label(inTeX tex: String) -> String? {
        guard let r = tex.range(of: #"\\label\{(eq-[^}]+)\}"#, options: .regularExpression) else { return nil }
        return String(tex[r].dropFirst("\\label{".count).dropLast())
    }

    /// Numbers the notebook's figures, tables and labelled equations; reports duplicate labels and
    /// labels with the wrong prefix.
    static func collect(_ cells: [CheckedCell], math: ProtectedMarkdown, file: String, problems: inout [Diagnostic]) -> CrossReferences {
        var refs = CrossReferences()
        var figures = 0, tables = 0, equations = 0
        var earlier: [String: CheckedCell] = [:]
        var unlabelled: [(cell: CheckedCell, anchor: String)] = []
        for cell in cells {
            defer { earlier[cell.id] = cell }
            var shown = cell.directive.numberedDisplays(cell.cell.options)
            // Over a sweep an analysis shows one table instead of what a single run shows.
            if SweepAnalysis.analysesSweep(cell, earlier: earlier) { shown = (figures: 0, tables: 1) }
            // A cell hidden by `show: false` shows no figure or table, so it takes no number.
            guard shown.figures + shown.tables > 0, !CommonKeys.hidden(cell) else { continue }
            var numbers = Numbers()
            for _ in 0..<shown.figures { figures += 1; numbers.figures.append(figures) }
            for _ in 0..<shown.tables { tables += 1; numbers.tables.append(tables) }
            refs.numbers[cell.id] = numbers
            // A label names the cell's first figure, or its first table when it draws none.
            let isFigure = shown.figures > 0
            let number = isFigure ? numbers.figures[0] : numbers.tables[0]
            guard case .scalar(let label, _, let location)? = cell.cell.options["label"] else {
                if isFigure { unlabelled.append((cell, "fig-" + cell.id.filter { $0 != "#" })) }
                continue
            }
            let prefix = isFigure ? "fig-" : "tbl-"
            if !label.hasPrefix(prefix) {
                problems.append(Diagnostic(at: location, "a \(isFigure ? "figure" : "table")'s label must start with '\(prefix)'",
                                           note: "for example '\(prefix)\(label)'"))
            } else if refs.labels[label] != nil {
                problems.append(Diagnostic(at: location, "duplicate label '\(label)'"))
            } else {
                refs.labels[label] = Target(kind: isFigure ? .figure : .table, number: number)
                if isFigure { refs.figureIDs[cell.id] = ids(label, count: shown.figures) } else { refs.tableIDs[cell.id] = label }
            }
        }
        // An unlabelled figure is `fig-<cell id>`, which a label elsewhere may already be.
        for (cell, anchor) in unlabelled {
            if refs.labels[anchor] != nil {
                problems.append(Diagnostic(at: cell.cell.location, "this figure's id '\(anchor)' is another figure's or table's label",
                                           note: "give this cell a label of its own, or rename the other"))
            }
            refs.figureIDs[cell.id] = ids(anchor, count: refs.numbers[cell.id]?.figures.count ?? 1)
        }
        for (index, formula) in math.formulas.enumerated() where formula.display == .block {
            guard let label = label(inTeX: formula.tex) else { continue }
            equations += 1
            refs.equationNumbers[index] = equations
            if refs.labels[label] != nil {
                problems.append(Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "duplicate label '\(label)'"))
            }
            refs.labels[label] = Target(kind: .equation, number: equations)
        }
        return refs
    }

    /// The ids of a cell's `count` figures: `first`, then `first-2`, `first-3`, ...
    static func ids(_ first: String, count: Int) -> [String] {
        [first] + (1..<max(1, count)).map { "\(first)-\($0 + 1)" }
    }

    /// Every `@label` in the prose must name a known label.
    func check(_ notebook: Notebook, problems: inout [Diagnostic]) {
        func visit(_ node: MarkdownNode) {
            if case .text(let text) = node.kind {
                let ns = text as NSString
                for match in Self.pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                    let label = ns.substring(with: match.range(at: 1))
                    guard labels[label] == nil else { continue }
                    let offset = ns.substring(to: match.range.location).utf8.count
                    problems.append(Diagnostic(
                        at: node.location.advanced(by: offset), "unknown label '@\(label)'",
                        note: closestMatch(to: label, in: labels.keys.sorted()).map { "did you mean '@\($0)'?" }
                            ?? (labels.isEmpty ? "label a figure with `label: fig-...`, a table with `label: tbl-...`, an equation with \\label{eq-...}"
                                : "labels: \(labels.keys.sorted().joined(separator: ", "))")))
                }
            }
            node.children.forEach(visit)
        }
        for block in notebook.blocks { if case .markdown(let node) = block { visit(node) } }
    }
}
