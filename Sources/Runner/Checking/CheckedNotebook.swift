import Notebooks

/// A notebook that passed every check: directives known, keys and literal types right,
/// expressions parsed, references pointing at earlier cells, parameters resolved.
/// Only a `CheckedNotebook` can be executed.
public struct CheckedNotebook: Sendable {
    public var notebook: Notebook
    /// Parameters after `-P` overrides.
    public var params: Record
    public var cells: [CheckedCell]
    /// Inline `=expression` code spans in prose, keyed by their literal text (same text, same value).
    public var inlineExpressions: [String: Expression]
    /// Numbers of figures, tables and equations, and the labels prose refers to.
    public var references: CrossReferences
    /// The entries of the notebook's BibTeX file by key (empty without one).
    public var bibliography: [String: BibEntry] = [:]

    /// The seeds the claims are checked at, each bound in turn to `params.seed`; `params.seed`
    /// holds the first. From `--seeds`, else `-P seed=N`, else the front matter's `seeds`, else
    /// the `seed` parameter's default; empty when the notebook has no whole-number `seed` parameter.
    public var seeds: [Int] = []

    /// The seed this copy runs at when it is not the notebook's first (`atSeed`).
    public private(set) var otherSeed: Int?

    /// The same notebook with `params.seed` set to `seed` (a run at another of its seeds).
    public func atSeed(_ seed: Int) -> CheckedNotebook {
        var copy = self
        copy.params["seed"] = .number(Double(seed))
        copy.otherSeed = seed
        return copy
    }

    /// The name under which the cache remembers this run's cells ("why was it recomputed"):
    /// runs at other seeds keep their own record, so they do not overwrite the first seed's.
    public var ledgerName: String { notebook.name + (otherSeed.map { "@seed\($0)" } ?? "") }

    /// The cells a claim reads, directly or through other cells, and the claims themselves: what
    /// runs at seeds other than the first (figures and prose come from the first).
    public var claimCellsAndInputs: Set<String> {
        var wanted = Set(cells.filter { $0.directive.traits.contains(.claim) }.map(\.id))
        for cell in cells.reversed() where wanted.contains(cell.id) { wanted.formUnion(cell.dependencies) }
        return wanted
    }
}

public struct CheckedCell: Sendable {
    public var cell: Cell
    public var directive: any Directive.Type
    /// The author's id, or `#N` (N = position among cells, from 1) for cells without one.
    public var id: String
    public var hasExplicitID: Bool
    /// Ids of earlier cells this cell reads.
    public var dependencies: [String]
}
