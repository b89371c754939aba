import Notebooks

/// One option of a directive, declared once with its Swift type, default and meaning:
///
///     static let gamma = DirectiveOption<Double>("gamma", "Localization strength γ.", default: 1)
///     public static let keys = OptionKey.of(gamma, ...)   // the check phase and the docs
///     let g = try options.read(gamma)                     // run time: the value or 1
///
/// The schema type comes from `T` (`Double` is a number, `Int` a whole number, an
/// `OptionChoice` enum one of its raw values); pass `type:` for cell references and free-form values.
public struct DirectiveOption<T: OptionValue>: Sendable {
    public let key: OptionKey
    public let defaultValue: T?

    public init(_ name: String, _ doc: String, type: OptionType = T.optionType, required: Bool = false,
                default defaultValue: T? = nil, defaultText: String? = nil, atLeast minimum: Double? = nil) {
        self.key = OptionKey(name, type, required: required, doc, default: defaultValue?.optionValue,
                             defaultText: defaultText, minimum: minimum)
        self.defaultValue = defaultValue
    }

    public var name: String { key.name }

    /// A seed option: any whole number (negative ones by their bits), 0 when absent.
    public static func seed(_ doc: String) -> DirectiveOption<Int> { DirectiveOption<Int>("seed", doc, default: 0) }
}

extension Options {
    /// The option's value, else its default; nil when it has neither.
    public func optional<T>(_ option: DirectiveOption<T>) throws(Diagnostic) -> T? {
        guard has(option.name) else { return option.defaultValue }
        let value = try T.read(option.name, from: self)
        if let minimum = option.key.minimum, case .number(let x)? = value?.optionValue, x < minimum {
            throw Diagnostic(at: location(of: option.name),
                             "'\(qualified(option.name))' must be at least \(formatValue(.number(minimum))), found \(formatValue(.number(x)))")
        }
        return value ?? option.defaultValue
    }

    /// The option's value, else its default; a located error when it has neither.
    public func read<T>(_ option: DirectiveOption<T>) throws(Diagnostic) -> T {
        guard let value = try optional(option) else {
            throw Diagnostic(at: location, "missing required key '\(qualified(option.name))' (\(option.key.type.description))")
        }
        return value
    }

    /// A seed option as the random generators take it: negative seeds by their two's-complement bits.
    public func seed(_ option: DirectiveOption<Int>) throws(Diagnostic) -> UInt64 {
        UInt64(bitPattern: Int64(try read(option)))
    }
}

/// Anything that declares a key: a `DirectiveOption` or a plain `OptionKey` (a nested mapping).
public protocol OptionDeclaration: Sendable {
    var key: OptionKey { get }
}

extension DirectiveOption: OptionDeclaration {}

extension OptionKey: OptionDeclaration {
    public var key: OptionKey { self }

    /// The keys of a directive's (or a mapping's) declarations, in the order the reference lists them.
    public static func of(_ declarations: any OptionDeclaration...) -> [OptionKey] { declarations.map(\.key) }
}
