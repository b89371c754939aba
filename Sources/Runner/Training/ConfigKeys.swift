import Learning
import Notebooks

/// Learning's configuration keys (`TrainingConfig.keys` and the lists it nests) as directive
/// options: `{train}` declares no key of its own but `sweep`, so what the check phase accepts,
/// what docs/notebooks.md lists and what the trainer decodes cannot disagree.
extension OptionKey {
    init(_ key: ConfigKey) {
        var value: Value?, text: String?
        switch key.defaultValue {
        case .number(let x)?: value = .number(x)
        case .word(let w)?: value = .string(w)
        case .flag(let b)?: value = .bool(b)
        case .numbers(let xs)?: value = .numbers(xs)
        case .text(let t)?: text = t
        case .perKind(let pairs)?: text = pairs.map { "`\(formatValue(.number($0.value)))` (\($0.kind))" }.joined(separator: ", ")
        case nil: break
        }
        self.init(key.name, OptionType(key.shape), required: key.required, key.doc, default: value, defaultText: text)
    }
}

extension OptionType {
    init(_ shape: ConfigKey.Shape) {
        switch shape {
        case .number: self = .number
        case .wholeNumber: self = .integer
        case .flag: self = .bool
        case .text: self = .string
        case .word(let words): self = .choice(words)
        case .list(let element): self = .list(OptionType(element))
        case .keys(let keys): self = .mapping(keys.map(OptionKey.init))
        case .free: self = .any
        }
    }
}

extension ConfigurationError {
    /// The error as a diagnostic at the key it is about (the deepest part of its path the cell
    /// has: a missing key is reported at the mapping that lacks it).
    func diagnostic(in options: Options) -> Diagnostic {
        var node = options.node
        for key in path {
            guard let child = node[key] else { break }
            node = child
        }
        return Diagnostic(at: node.location, "{train} \(description)")
    }
}
