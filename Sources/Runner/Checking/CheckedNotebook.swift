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
