import Foundation

extension Evaluator {
    /// `l op r` for + - * / % ^. Numbers follow IEEE 754: x/0 is ±∞ and 0/0 is NaN. `%` is the
    /// floored remainder (its sign follows the divisor: -1 % 97 == 96). Lists combine elementwise
    /// with a number or with a list of the same length; null with anything gives null; `+` also
    /// joins two strings.
    func arithmetic(_ op: ArithmeticOperator, _ l: Value, _ r: Value, operatorStart: Int, left: Syntax, right: Syntax) throws(Diagnostic) -> Value {
        switch (l, r) {
        case (.null, _), (_, .null):
            return .null
        case (.number(let a), .number(let b)):
            return .number(Evaluator.apply(op, a, b))
        case (.list(let xs), .list(let ys)):
            guard xs.count == ys.count else {
                throw error(at: operatorStart, "cannot apply '\(op.rawValue)' to lists of different lengths (\(xs.count) and \(ys.count))",
                            note: "lists combine item by item, so they must be equally long")
            }
            var out: [Value] = []
            out.reserveCapacity(xs.count)
            for k in xs.indices {
                if case .number(let a) = xs[k], case .number(let b) = ys[k] {
                    out.append(.number(Evaluator.apply(op, a, b)))  // the common case, without recursion
                } else {
                    out.append(try arithmetic(op, xs[k], ys[k], operatorStart: operatorStart, left: left, right: right))
                }
            }
            return .list(out)
        case (.list(let xs), _):
            var out: [Value] = []
            out.reserveCapacity(xs.count)
            for x in xs {
                if case .number(let a) = x, case .number(let b) = r {
                    out.append(.number(Evaluator.apply(op, a, b)))
                } else {
                    out.append(try arithmetic(op, x, r, operatorStart: operatorStart, left: left, right: right))
                }
            }
            return .list(out)
        case (_, .list(let ys)):
            var out: [Value] = []
            out.reserveCapacity(ys.count)
            for y in ys {
                if case .number(let a) = l, case .number(let b) = y {
                    out.append(.number(Evaluator.apply(op, a, b)))
                } else {
                    out.append(try arithmetic(op, l, y, operatorStart: operatorStart, left: left, right: right))
                }
            }
            return .list(out)
        case (.string(let a), .string(let b)) where op == .add:
            return .string(a + b)
        default:
            var note: String?
            if case .record(let record) = l {
                note = "'\(source(left))' is a record; pick one of its fields (\(listing(record.keys)))"
            } else if case .record(let record) = r {
                note = "'\(source(right))' is a record; pick one of its fields (\(listing(record.keys)))"
            }
            throw error(at: operatorStart, "cannot apply '\(op.rawValue)' to a \(l.typeName) and a \(r.typeName)", note: note)
        }
    }

    static func apply(_ op: ArithmeticOperator, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .remainder: b == 0 ? .nan : a - b * (a / b).rounded(.down)
        case .power: pow(a, b)
        }
    }

    /// `-x`: numbers, lists elementwise, null stays null.
    func negate(_ v: Value, at s: Syntax) throws(Diagnostic) -> Value {
        switch v {
        case .null: return .null
        case .number(let x): return .number(-x)
        case .list(let items):
            var out: [Value] = []
            for item in items { out.append(try negate(item, at: s)) }
            return .list(out)
        default:
            throw error(at: s.start, "cannot negate \(describe(v))")
        }
    }

    /// `l op r` for == != < <= > >=. Numbers compare as IEEE doubles (NaN compares false), strings
    /// by Unicode order, booleans only with == and !=. Ordering with null is false; == and != treat
    /// null as equal to null only. Lists and records cannot be compared (reduce them first).
    func compare(_ op: ComparisonOperator, _ l: Value, _ r: Value, operatorStart: Int, left: Syntax, right: Syntax) throws(Diagnostic) -> Bool {
        for (v, s, other) in [(l, left, r), (r, right, l)] {
            switch v {
            case .list(let items):
                throw error(at: s.start, "cannot compare a list with a \(other.typeName); reduce the list first (e.g. .last)",
                            note: "'\(source(s))' is a list of \(items.count) item\(items.count == 1 ? "" : "s"); try '\(source(s)).last' or 'max(\(source(s)))'")
            case .record(let record):
                throw error(at: s.start, "cannot compare a record with a \(other.typeName); pick one of its fields",
                            note: "'\(source(s))' has fields: " + listing(record.keys))
            default: break
            }
        }
        switch (l, r) {
        case (.null, .null):
            return op == .equal
        case (.null, _), (_, .null):
            return op == .notEqual
        case (.number(let a), .number(let b)):
            return Evaluator.holds(op, a, b)
        case (.string(let a), .string(let b)):
            return Evaluator.holds(op, a, b)
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            default: throw error(at: operatorStart, "booleans cannot be ordered with '\(op.rawValue)'; only '==' and '!=' compare them")
            }
        default:
            throw error(at: operatorStart, "cannot compare a \(l.typeName) with a \(r.typeName)")
        }
    }

    static func holds<T: Comparable>(_ op: ComparisonOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessEqual: a <= b
        case .greater: a > b
        case .greaterEqual: a >= b
        }
    }
}
