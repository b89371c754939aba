import Notebooks

/// A kind of cell: `{data}`, `{train}`, `{claim}`, ... Adding a directive is adding one file that
/// conforms to this protocol and one line in `DirectiveRegistry.standard` (docs/architecture.md
/// has the recipe).
public protocol Directive: Sendable {
    /// The name inside the braces of the fence, e.g. "train".
    static var kind: String { get }
    /// One sentence for `folio --help` and the docs.
    static var summary: String { get }
    /// What the cell's `id` names, for the docs: the fields of its result.
    static var result: String { get }
    /// The keys the cell body may have, each declared once with its type, default and meaning
    /// (usually the `key` of an `Option` constant of the directive). `id` is added by the runner
    /// for every directive (`OptionKey.id`).
    static var keys: [OptionKey] { get }
    /// What the runner needs to know about the directive's cells without running them: whether
    /// a cell draws a numbered figure, shows a numbered table, analyses a trained model, ...
    /// Default: none.
    static var traits: Set<DirectiveTrait> { get }
    /// The traits of one cell, when they depend on its options (`{data}` shows its table only
    /// with `show: true`). Default: `traits`.
    static func traits(of options: OptionNode) -> Set<DirectiveTrait>
    /// How many numbered figures and tables a cell shows, known before it runs. Default: one
    /// figure with `.drawsFigure`, one table with `.showsTable` (from `traits(of:)`).
    static func numberedDisplays(_ options: OptionNode) -> (figures: Int, tables: Int)
    /// The cell's own names that an expression at `path` (option keys from the top of the body,
    /// e.g. `["columns", "ratio"]`) reads instead of `params` and earlier ids: a `{data}` column
    /// sees the range and the columns left of it. This is the one scoping rule: the check phase
    /// takes a cell's dependencies from it (`ReferenceCollector`) and the directive evaluates
    /// with exactly these locals, so the two never disagree about what a name means. A local
    /// shadows a cell of the same name. Default: none.
    static func localNames(_ options: OptionNode, at path: [String]) -> Set<String>
    /// Checks beyond the key schema, run before anything executes. Default: none.
    static func validate(_ options: OptionNode) -> [Diagnostic]

    /// The memory and work the cell would need, from what the check phase knows of its options
    /// (`ResourceEstimate`); a cell past the limits is refused before anything runs. Default: nil
    /// (cheap directives).
    static func estimate(_ options: KnownOptions) -> ResourceEstimate?
    /// Runs the cell. Throw a `Diagnostic` (located at the offending option) for bad input.
    static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput
}

extension Directive {
    public static var traits: Set<DirectiveTrait> { [] }
    public static func traits(of options: OptionNode) -> Set<DirectiveTrait> { traits }
    public static func numberedDisplays(_ options: OptionNode) -> (figures: Int, tables: Int) {
        let traits = traits(of: options)
        return (traits.contains(.drawsFigure) ? 1 : 0, traits.contains(.showsTable) ? 1 : 0)
    }
    public static func localNames(_ options: OptionNode, at path: [String]) -> Set<String> { [] }
    public static func validate(_ options: OptionNode) -> [Diagnostic] { [] }
    public static func estimate(_ options: KnownOptions) -> ResourceEstimate? { nil }

    /// Whether the cell only lays out values it reads (a figure, a table) and computes nothing
    /// costly: its cache key then carries `CellKeys.presentationVersion`, so a change in how
    /// figures or tables are drawn re-draws them without re-running what they read.
    public static var presentsOnly: Bool { traits.contains(.presentsOnly) }
}

/// What the runner asks of a directive instead of its kind.
public enum DirectiveTrait: Sendable, Hashable {
    /// Draws one numbered figure (`FigureOptions`); its `label:` starts with `fig-`.
    case drawsFigure
    /// Shows one numbered table; its `label:` starts with `tbl-`.
    case showsTable
    /// Analyses the trained model its `model:` option names (`TrainedModelOption.model`); over a
    /// `{train}` sweep it runs once per run and shows a table (`SweepAnalysis`).
    case analysesModel
    /// Leaves an artifact for later cells besides its value (a trained model, or a sweep's runs).
    case producesArtifact
    /// Only lays out values it reads and computes nothing costly (see `presentsOnly`).
    case presentsOnly
    /// A claim: checked at every seed, and counted in the report's and the manifest's tally.
    case claim
}
