import Notebooks

/// One allowed key of a directive's body: its name, type, default and meaning, written once.
/// The check phase, the directive reference of docs/notebooks.md and the run-time reading
/// (`Options.read`) all take them from here. Directives usually declare an `DirectiveOption<Value>`,
/// whose `key` this is.
public struct OptionKey: Sendable {
    public var name: String
    public var type: OptionType
    public var required: Bool
    public var doc: String
    /// The value a missing key stands for, when it is a value.
    public var defaultValue: Value?
    /// What a missing key means when it is not a value ("full batch", "n / ln n").
    public var defaultText: String?
    /// The least value allowed (counts and sizes), checked when the value is read.
    public var minimum: Double?

    public init(_ name: String, _ type: OptionType, required: Bool = false, _ doc: String,
                default defaultValue: Value? = nil, defaultText: String? = nil, minimum: Double? = nil) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = doc
        self.defaultValue = defaultValue
        self.defaultText = defaultText
        self.minimum = minimum
    }

    /// The `id` key every directive has.
    public static let id = OptionKey("id", .string, "Names the cell's result for later cells, prose and claims.")

    /// The default as the reference prints it ("" when the key has none).
    public var defaultDescription: String {
        if let defaultText { return defaultText }
        guard let defaultValue else { return "" }
        if case .string(let s) = defaultValue { return "`\(s)`" }
        return "`\(formatValue(defaultValue))`"
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
