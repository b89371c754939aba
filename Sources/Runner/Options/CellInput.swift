import Notebooks
import WholeNumbers

/// A cell's options as a directive reads them at run time: each accessor evaluates `=expression`
/// values in the cell's scope, checks the value against the directive's declared type for the key,
/// converts it and throws a located `Diagnostic` when the type is wrong, so a directive never has
/// to think about where a value came from.
public struct CellInput: Sendable {
    public var cell: Cell
    public var options: Options

    /// `keys` are the directive's declared keys: values computed by expressions are checked against them.
    public init(cell: Cell, scope: EvaluationScope, keys: [OptionKey] = []) {
        self.cell = cell
        self.options = Options(node: cell.options, scope: scope, path: "", declared: keys)
    }
}

public struct Options: Sendable {
    public let node: OptionNode
    public let scope: EvaluationScope
    /// Dotted path of this mapping inside the cell (for messages), "" at the top.
    public let path: String
    /// The declared keys of this mapping (empty: values are not checked beyond the accessors).
    public let declared: [OptionKey]

    public init(node: OptionNode, scope: EvaluationScope, path: String, declared: [OptionKey] = []) {
        self.node = node
        self.scope = scope
        self.path = path
        self.declared = declared
    }

    public var location: SourceLocation { node.location }
    public var keys: [String] { node.entries?.map(\.key) ?? [] }
    public func has(_ key: String) -> Bool { node[key] != nil }
    public func location(of key: String) -> SourceLocation { node[key]?.location ?? node.location }

    /// `key` with the dotted path of this mapping, as messages name it.
    public func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`, with expressions evaluated and checked against the key's declared type
    /// (literals were checked before anything ran); nil when absent.
    public func value(_ key: String) throws(Diagnostic) -> Value? {
        guard let child = node[key] else { return nil }
        let value = try Options.resolve(child, scope: scope)
        if let spec = declared.first(where: { $0.name == key }) {
            try OptionSchemaChecker.checkResolved(value, type: spec.type, name: qualified(key), at: location(of: key))
        }
        return value
    }

    /// Resolves any option node to a value: literals as YAML reads them, `=expr` evaluated,
    /// lists and mappings element by element.
    public static func resolve(_ node: OptionNode, scope: EvaluationScope) throws(Diagnostic) -> Value {
        if let (text, location) = node.expressionText {
            return try Expression.parse(text, at: location, allowFormat: false).evaluate(in: scope)
        }
        switch node {
        case .scalar:
            return node.scalarValue ?? .null
        case .list(let items, _):
            var out: [Value] = []
            for item in items { out.append(try resolve(item, scope: scope)) }
            return .list(out)
        case .mapping(let entries, _):
            var record = Record()
            for e in entries { record[e.key] = try resolve(e.value, scope: scope) }
            return .record(record)
        }
    }

    private func required<T>(_ key: String, _ value: T?, _ expected: String) throws(Diagnostic) -> T {
        guard let value else { throw Diagnostic(at: node.location, "missing required key '\(qualified(key))' (\(expected))") }
        return value
    }

    private func mismatch(_ key: String, _ expected: String, _ found: Value) -> Diagnostic {
        Diagnostic(at: location(of: key), "'\(qualified(key))' must be \(expected), found \(found.typeName) \(formatValue(found))")
    }

    public func number(_ key: String) throws(Diagnostic) -> Double? {
        guard let v = try value(key) else { return nil }
        guard case .number(let x) = v else { throw mismatch(key, "a number", v) }
        return x
    }
    public func requiredNumber(_ key: String) throws(Diagnostic) -> Double { try required(key, try number(key), "a number") }

    /// Whole numbers options may hold: beyond ±10¹⁵ a Double no longer holds every integer, and
    /// no count Folio could run is that large.
    public static let wholeNumbers = -1_000_000_000_000_000...1_000_000_000_000_000

    public func int(_ key: String) throws(Diagnostic) -> Int? {
        guard let x = try number(key) else { return nil }
        guard let n = WholeNumber.exact(x, in: Self.wholeNumbers) else { throw mismatch(key, "a whole number", .number(x)) }
        return n
    }
    public func requiredInt(_ key: String) throws(Diagnostic) -> Int { try required(key, try int(key), "a whole number") }

    public func string(_ key: String) throws(Diagnostic) -> String? {
        guard let v = try value(key) else { return nil }
        switch v {
        case .string(let s): return s
        case .number, .bool: return formatValue(v)
        default: throw mismatch(key, "text", v)
        }
    }
    public func requiredString(_ key: String) throws(Diagnostic) -> String { try required(key, try string(key), "text") }

    public func bool(_ key: String) throws(Diagnostic) -> Bool? {
        guard let v = try value(key) else { return nil }
        guard case .bool(let b) = v else { throw mismatch(key, "true or false", v) }
        return b
    }

    public func numbers(_ key: String) throws(Diagnostic) -> [Double]? {
        guard let v = try value(key) else { return nil }
        if case .number(let x) = v { return [x] }
        guard let xs = v.numbers else { throw mismatch(key, "a list of numbers", v) }
        return xs
    }

    public func ints(_ key: String) throws(Diagnostic) -> [Int]? {
        guard let xs = try numbers(key) else { return nil }
        let whole = xs.compactMap { WholeNumber.exact($0, in: Self.wholeNumbers) }
        guard whole.count == xs.count else { throw mismatch(key, "a list of whole numbers", .numbers(xs)) }
        return whole
    }

    /// A list of names: text items as they are, numbers and booleans formatted.
    public func strings(_ key: String) throws(Diagnostic) -> [String]? {
        guard let v = try value(key) else { return nil }
        guard case .list(let items) = v else { throw mismatch(key, "a list of text", v) }
        var out: [String] = []
        for item in items {
            switch item {
            case .string(let s): out.append(s)
            case .number, .bool: out.append(formatValue(item))
            default: throw mismatch(key, "a list of text", v)
            }
        }
        return out
    }

    /// A word from a fixed set, with a "did you mean" for near misses.
    public func choice(_ key: String, _ words: [String]) throws(Diagnostic) -> String {
        guard let s = try string(key) else { throw Diagnostic(at: node.location, "missing required key '\(qualified(key))' (one of \(words.joined(separator: ", ")))") }
        guard words.contains(s) else {
            throw Diagnostic(
                at: location(of: key), "'\(s)' is not a valid \(qualified(key))",
                note: closestMatch(to: s, in: words).map { "did you mean '\($0)'?" } ?? "expected one of: \(words.joined(separator: ", "))")
        }
        return s
    }

    /// A nested mapping's options.
    public func sub(_ key: String) throws(Diagnostic) -> Options? {
        guard let child = node[key] else { return nil }
        guard case .mapping = child else {
            throw Diagnostic(at: child.location, "'\(qualified(key))' must be a mapping (key: value pairs)")
        }
        var nested: [OptionKey] = []
        if case .mapping(let keys)? = declared.first(where: { $0.name == key })?.type { nested = keys }
        return Options(node: child, scope: scope, path: qualified(key), declared: nested)
    }

    /// The raw node for `key`, for directives that read structure themselves.
    public func node(_ key: String) -> OptionNode? { node[key] }
}
