import Notebooks

/// A Swift type an option can be read as.
public protocol OptionValue: Sendable {
    /// The schema type of a key declared with this Swift type.
    static var optionType: OptionType { get }
    /// The value of `key` in `options` (nil when absent), with a located error when it has the wrong type.
    static func read(_ key: String, from options: Options) throws(Diagnostic) -> Self?
    /// As a notebook value (for the reference and for bounds).
    var optionValue: Notebooks.Value { get }
}

extension Double: OptionValue {
    public static var optionType: OptionType { .number }
    public static func read(_ key: String, from options: Options) throws(Diagnostic) -> Double? { try options.number(key) }
    public var optionValue: Notebooks.Value { .number(self) }
}

extension Int: OptionValue {
    public static var optionType: OptionType { .integer }
    public static func read(_ key: String, from options: Options) throws(Diagnostic) -> Int? { try options.int(key) }
    public var optionValue: Notebooks.Value { .number(Double(self)) }
}

extension Bool: OptionValue {
    public static var optionType: OptionType { .bool }
    public static func read(_ key: String, from options: Options) throws(Diagnostic) -> Bool? { try options.bool(key) }
    public var optionValue: Notebooks.Value { .bool(self) }
}

extension String: OptionValue {
    public static var optionType: OptionType { .string }
    public static func read(_ key: String, from options: Options) throws(Diagnostic) -> String? { try options.string(key) }
    public var optionValue: Notebooks.Value { .string(self) }
}

extension Array: OptionValue where Element == Int {
    public static var optionType: OptionType { .list(.integer) }
    public static func read(_ key: String, from options: Options) throws(Diagnostic) -> [Int]? { try options.ints(key) }
    public var optionValue: Notebooks.Value { .numbers(map(Double.init)) }
}

/// Any value, checked by the directive that reads it (`type: .any`, `.cellReference`, ...).
extension Notebooks.Value: OptionValue {
    public static var optionType: OptionType { .any }
    public static func read(_ key: String, from options: Options) throws(Diagnostic) -> Notebooks.Value? { try options.value(key) }
    public var optionValue: Notebooks.Value { self }
}

/// A fixed set of words, read as the enum case they name (with "did you mean" for near misses).
public protocol OptionChoice: OptionValue, RawRepresentable, CaseIterable where RawValue == String {}

extension OptionChoice {
    public static var optionType: OptionType { .choice(allCases.map(\.rawValue)) }
    public static func read(_ key: String, from options: Options) throws(Diagnostic) -> Self? {
        guard options.has(key) else { return nil }
        return Self(rawValue: try options.choice(key, allCases.map(\.rawValue)))
    }
    public var optionValue: Notebooks.Value { .string(rawValue) }
}
