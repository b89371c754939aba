/// A YAML value from a cell body or the front matter, with the location of every node, so that
/// every later error (unknown key, wrong type, bad expression) can point at the source.
public indirect enum OptionNode: Sendable, Equatable {
    /// A scalar as written. `quoted` is true for '...' or "..." scalars, which are always strings.
    case scalar(String, quoted: Bool, at: SourceLocation)
    case list([OptionNode], at: SourceLocation)
    case mapping([OptionEntry], at: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let l), .list(_, let l), .mapping(_, let l): l
        }
    }

    /// What the node is, for error messages ("expected a number, found a mapping").
    public var typeName: String {
        switch self {
        case .scalar: "scalar"
        case .list: "list"
        case .mapping: "mapping"
        }
    }

    /// The entries of a mapping node, or nil.
    public var entries: [OptionEntry]? { if case .mapping(let e, _) = self { e } else { nil } }

    /// The entry for `key` of a mapping node.
    public subscript(key: String) -> OptionNode? { entries?.first { $0.key == key }?.value }

    /// The expression text if this is an unquoted-or-quoted string scalar starting with `=`.
    public var expressionText: (text: String, location: SourceLocation)? {
        guard case .scalar(let s, let quoted, let loc) = self, s.hasPrefix("=") else { return nil }
        // Quoted scalars start one column later than their opening quote.
        return (String(s.dropFirst()), loc.advanced(by: quoted ? 2 : 1))
    }

    /// The plain value of a scalar following YAML 1.2 core-schema rules: null, booleans,
    /// integers and floats for unquoted scalars, a string otherwise.
    public var scalarValue: Value? {
        guard case .scalar(let s, let quoted, _) = self else { return nil }
        if quoted { return .string(s) }
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", "+.inf", ".Inf": return .number(.infinity)
        case "-.inf", "-.Inf": return .number(-.infinity)
        case ".nan", ".NaN": return .number(.nan)
        default: break
        }
        if let x = Double(s), s.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true {
            return .number(x)
        }
        return .string(s)
    }
}

/// One `key: value` of a mapping, with the key's own location.
public struct OptionEntry: Sendable, Equatable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: OptionNode

    public init(key: String, keyLocation: SourceLocation, value: OptionNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
