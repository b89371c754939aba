/// A value of the expression language: what parameters, cell results, inline values and claims
/// are made of. A cell's result is a `.record`; a table is a record whose fields are equal-length
/// `.list`s of scalars (its columns).
public indirect enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])
    case record(Record)

    /// A short name of the value's type, for error messages ("expected a number, found a list").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .list: "list"
        case .record: "record"
        }
    }

    public var number: Double? { if case .number(let x) = self { x } else { nil } }
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var list: [Value]? { if case .list(let l) = self { l } else { nil } }
    public var record: Record? { if case .record(let r) = self { r } else { nil } }

    /// A list of numbers, or nil when the value is not a list or holds a non-number.
    public var numbers: [Double]? {
        guard case .list(let items) = self else { return nil }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .number(let x) = item else { return nil }
            out.append(x)
        }
        return out
    }

    public static func numbers(_ xs: [Double]) -> Value { .list(xs.map { .number($0) }) }
    public static func numbers(_ xs: [Int]) -> Value { .list(xs.map { .number(Double($0)) }) }
    public static func strings(_ xs: [String]) -> Value { .list(xs.map { .string($0) }) }
}

/// An ordered mapping from field names to values. Order is the order fields were added, so
/// tables keep their column order and output stays deterministic.
public struct Record: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}

    public init(_ fields: [(String, Value)]) {
        for (k, v) in fields { self[k] = v }
    }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var fields: [(key: String, value: Value)] { keys.map { ($0, storage[$0]!) } }
    public var isEmpty: Bool { keys.isEmpty }
}
