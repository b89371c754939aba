/// The built-in functions of the expression language: their names, how many arguments they take,
/// and whether they may also be written as a postfix field (`xs.last` for `last(xs)`).
///
/// Unknown names and wrong argument counts are rejected when parsing, so `folio check` finds them
/// before anything runs. The functions themselves are evaluated in `Evaluator+Functions.swift`.
enum Builtins {
    struct Signature: Sendable {
        let name: String
        let arity: ClosedRange<Int>
        /// How to call it, shown in arity errors.
        let usage: String
        /// One-argument functions (reductions and elementwise math) can be written `x.name`.
        let postfix: Bool
        /// The index of an argument that is a per-row condition over a table, if any. Plain names in
        /// it are the row's columns, not root references.
        let conditionArgument: Int?
    }

    /// Reductions of a list to one value.
    static let reductions = ["first", "last", "min", "max", "mean", "sum", "count", "std", "argmax", "argmin", "len"]
    /// Functions of a number, applied to each item of a list.
    static let elementwise = ["abs", "sqrt", "log", "log2", "log10", "exp", "sin", "cos", "tan", "floor", "ceil", "round"]

    static let all: [Signature] = {
        var out: [Signature] = []
        for name in reductions {
            switch name {
            case "min", "max":
                out.append(Signature(name: name, arity: 1...64, usage: "\(name)(list) or \(name)(a, b, ...)", postfix: true, conditionArgument: nil))
            case "count":
                out.append(Signature(name: name, arity: 1...2, usage: "count(list) or count(table, condition)", postfix: true, conditionArgument: 1))
            default:
                out.append(Signature(name: name, arity: 1...1, usage: "\(name)(list)", postfix: true, conditionArgument: nil))
            }
        }
        for name in elementwise {
            let usage = name == "round" ? "round(x) or round(x, digits)" : "\(name)(x)"
            out.append(Signature(name: name, arity: name == "round" ? 1...2 : 1...1, usage: usage, postfix: true, conditionArgument: nil))
        }
        out.append(Signature(name: "first_step", arity: 2...2, usage: "first_step(table, condition)", postfix: false, conditionArgument: 1))
        out.append(Signature(name: "where", arity: 2...2, usage: "where(table, condition)", postfix: false, conditionArgument: 1))
        out.append(Signature(name: "column", arity: 2...2, usage: "column(table, \"name\")", postfix: false, conditionArgument: nil))
        // `map`'s expression is evaluated per item, like a condition: plain names there are the
        // item's fields (or `it`), not root references.
        out.append(Signature(name: "map", arity: 2...2, usage: "map(list or table, expression)", postfix: false, conditionArgument: 1))
        out.append(Signature(name: "group", arity: 2...2, usage: "group(table, \"column\") or group(table, [\"a\", \"b\"])", postfix: false, conditionArgument: nil))
        out.append(Signature(name: "slice", arity: 2...3, usage: "slice(items, from) or slice(items, from, to)", postfix: false, conditionArgument: nil))
        out.append(Signature(name: "str", arity: 1...1, usage: "str(x)", postfix: true, conditionArgument: nil))
        out.append(Signature(name: "format", arity: 2...2, usage: "format(x, \"fixed(2)\")", postfix: false, conditionArgument: nil))
        out.append(Signature(name: "fit", arity: 2...2, usage: "fit(x, y)", postfix: false, conditionArgument: nil))
        return out
    }()

    static let byName: [String: Signature] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static var names: [String] { all.map(\.name) }
    static var postfixNames: [String] { all.filter(\.postfix).map(\.name) }
}
