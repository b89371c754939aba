/// A parsed expression: a tree of nodes, each with the UTF-8 byte range of its text, so that
/// evaluation errors point at the offending sub-expression and `explain` can quote it.
struct Syntax: Sendable, Equatable {
    indirect enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case null
        case list([Syntax])
        case name(String)
        /// `base.name`; `nameStart` is the offset of `name`.
        case field(Syntax, name: String, nameStart: Int)
        case index(Syntax, Syntax)
        /// A call of a built-in function; `name` is known to exist (checked when parsing).
        case call(String, [Syntax])
        case negate(Syntax)
        case not(Syntax)
        case arithmetic(ArithmeticOperator, Syntax, Syntax, operatorStart: Int)
        case comparison(ComparisonOperator, Syntax, Syntax, operatorStart: Int)
        case and(Syntax, Syntax)
        case or(Syntax, Syntax)
    }

    var kind: Kind
    var start: Int
    var end: Int

    /// A literal, or a list of literals: shown as written, so `explain` leaves it out.
    var isLiteral: Bool {
        switch kind {
        case .number, .string, .bool, .null: true
        case .list(let items): items.allSatisfy(\.isLiteral)
        case .negate(let x): x.isLiteral
        default: false
        }
    }
}

enum ArithmeticOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
}

enum ComparisonOperator: String, Sendable, Equatable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

extension Syntax: CustomStringConvertible {
    /// A parenthesized prefix dump of the tree, for tests: `(>= (call max xs) (* 1.5 y))`.
    var description: String {
        switch kind {
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        case .string(let s): "\"\(s)\""
        case .bool(let b): "\(b)"
        case .null: "null"
        case .list(let items): "[" + items.map(\.description).joined(separator: " ") + "]"
        case .name(let n): n
        case .field(let base, let name, _): "(. \(base) \(name))"
        case .index(let base, let i): "([] \(base) \(i))"
        case .call(let name, let args): "(\(name)" + args.map { " \($0)" }.joined() + ")"
        case .negate(let x): "(neg \(x))"
        case .not(let x): "(not \(x))"
        case .arithmetic(let op, let l, let r, _): "(\(op.rawValue) \(l) \(r))"
        case .comparison(let op, let l, let r, _): "(\(op.rawValue) \(l) \(r))"
        case .and(let l, let r): "(and \(l) \(r))"
        case .or(let l, let r): "(or \(l) \(r))"
        }
    }
}
