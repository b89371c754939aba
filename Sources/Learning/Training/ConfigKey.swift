/// One key of a training configuration as a notebook writes it (snake_case), with its shape,
/// default and meaning. Each configuration lists its keys once (`TaskConfig.keys`,
/// `ModelConfig.keys`, ...), named by its own `CodingKeys`, so the keys Learning decodes and the
/// keys the `{train}` directive accepts and documents are one list.
public struct ConfigKey: Sendable {
    public indirect enum Shape: Sendable {
        case number
        case wholeNumber
        case flag
        case text
        /// One of a fixed set of words.
        case word([String])
        case list(Shape)
        /// A nested configuration.
        case keys([ConfigKey])
        /// A value the configuration reads itself (a checkpoint schedule).
        case free
    }

    /// A default as a notebook would write it.
    public enum Default: Sendable {
        case number(Double)
        case word(String)
        case flag(Bool)
        case numbers([Double])
        /// A number that depends on the kind: (kind, value) pairs.
        case perKind([(kind: String, value: Double)])
        /// A default that is not a single value ("full batch", "64 (mlp), 128 (onehot_mlp)").
        case text(String)
    }

    public var name: String
    public var shape: Shape
    public var required: Bool
    public var doc: String
    public var defaultValue: Default?

    init<K: CodingKey>(_ key: K, _ shape: Shape, required: Bool = false, _ doc: String, default defaultValue: Default? = nil) {
        self.name = key.stringValue
        self.shape = shape
        self.required = required
        self.doc = doc
        self.defaultValue = defaultValue
    }

    /// One of an enumeration's raw values.
    static func word<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> Shape where E.RawValue == String {
        .word(type.allCases.map(\.rawValue))
    }
}

/// A configuration a run cannot be built from, with the key it is about (`["model", "heads"]`,
/// from the top of the `{train}` cell), so that the notebook's error points at that key.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: [String]
    public var message: String

    public init(_ path: [String], _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path.joined(separator: ".")): \(message)" }
}
