import Notebooks

/// A kind of cell: `{data}`, `{train}`, `{claim}`, ... Adding a directive is adding one file that
/// conforms to this protocol and one line in `DirectiveRegistry.all`.
public protocol Directive: Sendable {
    /// The name inside the braces of the fence, e.g. "train".
    static var kind: String { get }
    /// One sentence for `folio --help` and the docs.
    static var summary: String { get }
    /// What the cell's `id` names, for the docs: the fields of its result.
    static var result: String { get }
    /// The keys the cell body may have. `id` is added by the runner for every directive.
    static var keys: [OptionKey] { get }
    /// The cell's own names that an expression at `path` (option keys from the top of the body,
    /// e.g. `["columns", "ratio"]`) reads instead of `params` and earlier ids: a `{data}` column
    /// sees the range and the columns left of it. This is the one scoping rule: the check phase
    /// takes a cell's dependencies from it (`ReferenceCollector`) and the directive evaluates
    /// with exactly these locals, so the two never disagree about what a name means. A local
    /// shadows a cell of the same name. Default: none.
    static func localNames(_ options: OptionNode, at path: [String]) -> Set<String>
    /// Checks beyond the key schema, run before anything executes. Default: none.
    static func validate(_ options: OptionNode) -> [Diagnostic]
    /// Whether the cell only lays out values it reads (a figure, a table) and computes nothing
    /// costly: its cache key then carries `CellKeys.presentationVersion`, so a change in how
    /// figures or tables are drawn re-draws them without re-running what they read. Default: false.
    static var presentsOnly: Bool { get }

    /// The memory and work the cell would need, from what the check phase knows of its options
    /// (`ResourceEstimate`); a cell past the limits is refused before anything runs. Default: nil
    /// (cheap directives).
    static func estimate(_ options: KnownOptions) -> ResourceEstimate?
    /// Runs the cell. Throw a `Diagnostic` (located at the offending option) for bad input.
    static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput
}

extension Directive {
    public static func localNames(_ options: OptionNode, at path: [String]) -> Set<String> { [] }
    public static func validate(_ options: OptionNode) -> [Diagnostic] { [] }
    public static var presentsOnly: Bool { false }
    public static func estimate(_ options: KnownOptions) -> ResourceEstimate? { nil }
}

/// One allowed key of a directive's body, with its type and documentation.
public struct OptionKey: Sendable {
    public var name: String
    public var type: OptionType
    public var required: Bool
    public var doc: String

    public init(_ name: String, _ type: OptionType, required: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = doc
    }
}

/// The type a key's value must have. Values written as `=expression` are checked when they are
/// evaluated; literal values are checked before anything runs.
public indirect enum OptionType: Sendable {
    case number
    case integer
    case bool
    case string
    /// One of a fixed set of words.
    case choice([String])
    /// The id of an earlier cell (its result is read, so it is a dependency).
    case cellReference
    /// A bare expression (no leading `=`), such as a claim's `that:`.
    case expression
    case list(OptionType)
    /// A mapping with a fixed set of keys.
    case mapping([OptionKey])
    /// A mapping whose keys are the author's (e.g. column names) with values of one type.
    case dictionary(OptionType)
    /// Anything; the directive checks it.
    case any

    public var description: String {
        switch self {
        case .number: "a number"
        case .integer: "an integer"
        case .bool: "true or false"
        case .string: "text"
        case .choice(let words): "one of " + words.map { "'\($0)'" }.joined(separator: ", ")
        case .cellReference: "the id of an earlier cell"
        case .expression: "an expression"
        case .list(let t): "a list of \(t.plural)"
        case .mapping: "a mapping"
        case .dictionary: "a mapping"
        case .any: "a value"
        }
    }

    var plural: String {
        switch self {
        case .number: "numbers"
        case .integer: "integers"
        case .string: "texts"
        case .bool: "booleans"
        default: "values"
        }
    }
}

/// Keys every cell takes besides its directive's own: `id`; `caption` and `show` where the
/// directive does not define them itself (they then only change what the report shows, so they
/// are not part of the cache key); and `sweep` for a directive that analyses one trained `model`.
public enum CommonKeys {
    public static let id = OptionKey("id", .string, "Names the cell's result for later cells, prose and claims.")
    public static let caption = OptionKey("caption", .string, "A caption for what the cell shows (its summary box or table, such as the table of an analysis over a sweep). Changing it re-runs nothing.")
    public static let show = OptionKey("show", .bool, "`false` hides what the cell shows; it still runs and its result can be read (default true). Changing it re-runs nothing.")
    public static let sweep = OptionKey("sweep", .dictionary(.list(.any)), "Run the analysis once per combination of settings: key → values, e.g. {epsilon: [1e-5, 1e-4]}; the result is a table with one row per combination (and per run of a swept `model`).")

    /// The keys `directive` takes that it does not declare itself, in the order the reference lists them.
    public static func added(to directive: any Directive.Type) -> [OptionKey] {
        var out = [id]
        for key in [caption, show] where !directive.keys.contains(where: { $0.name == key.name }) { out.append(key) }
        if SweepAnalysis.readsModel(directive), !directive.keys.contains(where: { $0.name == "sweep" }) { out.append(sweep) }
        return out
    }

    /// Whether `key` is a presentation key added to `directive` (`caption`, `show`), which the
    /// report reads and the cache key leaves out.
    public static func presents(_ key: String, of directive: any Directive.Type) -> Bool {
        (key == caption.name || key == show.name) && !directive.keys.contains { $0.name == key }
    }

    /// `options` without the added presentation keys: what the cache key is computed from.
    static func computed(_ options: OptionNode, of directive: any Directive.Type) -> OptionNode {
        guard case .mapping(let entries, let location) = options else { return options }
        return .mapping(entries.filter { !presents($0.key, of: directive) }, at: location)
    }

    /// Whether the cell's report output is hidden by `show: false` (a directive's own `show` is its own).
    public static func hidden(_ cell: CheckedCell) -> Bool {
        presents("show", of: cell.directive) && cell.cell.options["show"]?.scalarValue == .bool(false)
    }

    /// The cell's `caption:` when it is the added key (a directive's own caption is its own).
    public static func caption(of cell: CheckedCell) -> String? {
        guard presents("caption", of: cell.directive), case .scalar(let text, _, _)? = cell.cell.options["caption"] else { return nil }
        return text
    }
}
