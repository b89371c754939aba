import Foundation

extension Evaluator {
    /// A call of a built-in function (its name and argument count were checked when parsing).
    func call(_ name: String, _ args: [Syntax], at s: Syntax, in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        switch name {
        case "first_step", "where":
            return try tableCondition(name, args, in: scope)
        case "count" where args.count == 2:
            return try tableCondition(name, args, in: scope)
        case "column":
            return try column(args, in: scope)
        case "map": return try map(args, in: scope)
        case "group": return try group(args, in: scope)
        case "slice": return try slice(args, in: scope)
        case "str", "format": return try text(name, args, in: scope)
        case "fit": return try fit(args, in: scope)
        case "min" where args.count > 1, "max" where args.count > 1:
            var values: [Value] = []
            for arg in args {
                let v = try evaluate(arg, in: scope)
                switch v {
                case .number, .null: values.append(v)
                default:
                    throw error(at: arg.start, "'\(name)' of several values expects numbers, found \(describe(v))",
                                note: "to reduce a list, give it alone: \(name)(\(source(arg)))")
                }
            }
            return try reduce(name, .list(values), argument: s)
        case "round" where args.count == 2:
            let digits = try evaluate(args[1], in: scope)
            guard case .number(let d) = digits, d == d.rounded(), abs(d) <= 15 else {
                throw error(at: args[1].start, "'round' expects a whole number of digits from -15 to 15, found \(describe(digits))")
            }
            return try elementwise(name, try evaluate(args[0], in: scope), argument: args[0], digits: Int(d))
        default:
            return try applyOne(name, to: try evaluate(args[0], in: scope), argument: args[0])
        }
    }

    /// A one-argument function, called as `name(x)` or written `x.name`.
    func applyOne(_ name: String, to v: Value, argument: Syntax) throws(Diagnostic) -> Value {
        if name == "str" { return .string(formatValue(v)) }
        if Builtins.elementwise.contains(name) {
            return try elementwise(name, v, argument: argument, digits: 0)
        }
        return try reduce(name, v, argument: argument)
    }

    /// Reductions of a list. Null items are skipped by the numeric reductions and by `count`;
    /// an empty list (after skipping) gives null, except `sum` (0) and `count`/`len` (0).
    /// `min`/`max` give NaN when an item is NaN; `argmin`/`argmax` give the 0-based index of the
    /// first extreme item, ignoring NaN. `std` is the sample standard deviation
    /// sqrt(Σ(x - mean)² / (n - 1)), null for fewer than two items.
    func reduce(_ name: String, _ v: Value, argument: Syntax) throws(Diagnostic) -> Value {
        let items: [Value]
        switch v {
        case .null:
            return .null
        case .list(let list):
            items = list
        case .string(let s) where name == "len":
            return .number(Double(s.count))
        case .record(let record) where name == "len":
            if let table = Table(record) { return .number(Double(table.rows)) }
            return .number(Double(record.keys.count))
        case .record(let record):
            let example = Table(record)?.columns.first ?? record.keys.first ?? "field"
            throw error(at: argument.start, "'\(name)' expects a list, found a record",
                        note: "pick a column first, e.g. '\(source(argument)).\(example).\(name)'")
        default:
            throw error(at: argument.start, "'\(name)' expects a list, found \(describe(v))")
        }
        switch name {
        case "first": return items.first ?? .null
        case "last": return items.last ?? .null
        case "len": return .number(Double(items.count))
        case "count": return .number(Double(items.count { $0 != .null }))
        default: break
        }
        var xs: [(index: Int, x: Double)] = []
        xs.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            switch item {
            case .number(let x): xs.append((k, x))
            case .null: continue
            default:
                throw error(at: argument.start, "'\(name)' expects a list of numbers, but item \(k) of '\(source(argument))' is \(describe(item))")
            }
        }
        if name == "sum" { return .number(xs.reduce(0) { $0 + $1.x }) }
        guard !xs.isEmpty else { return .null }
        switch name {
        case "min", "max":
            if xs.contains(where: { $0.x.isNaN }) { return .number(.nan) }
            return .number(name == "min" ? xs.map(\.x).min()! : xs.map(\.x).max()!)
        case "mean":
            return .number(xs.reduce(0) { $0 + $1.x } / Double(xs.count))
        case "std":
            guard xs.count >= 2 else { return .null }
            let mean = xs.reduce(0) { $0 + $1.x } / Double(xs.count)
            let ss = xs.reduce(0) { $0 + ($1.x - mean) * ($1.x - mean) }
            return .number((ss / Double(xs.count - 1)).squareRoot())
        default:  // argmin, argmax
            var best: (index: Int, x: Double)?
            for item in xs where !item.x.isNaN {
                if let b = best, name == "argmax" ? !(item.x > b.x) : !(item.x < b.x) { continue }
                best = item
            }
            return best.map { .number(Double($0.index)) } ?? .null
        }
    }

    /// Functions of a number, applied to every item of a list; null stays null. Results follow
    /// IEEE 754 (sqrt(-1) and log(-1) are NaN, log(0) is -∞). `round(x, d)` rounds half away
    /// from zero to `d` decimals.
    func elementwise(_ name: String, _ v: Value, argument: Syntax, digits: Int) throws(Diagnostic) -> Value {
        switch v {
        case .null:
            return .null
        case .number(let x):
            switch name {
            case "abs": return .number(Swift.abs(x))
            case "sqrt": return .number(x.squareRoot())
            case "log": return .number(Foundation.log(x))
            case "log2": return .number(Foundation.log2(x))
            case "log10": return .number(Foundation.log10(x))
            case "exp": return .number(Foundation.exp(x))
            case "sin": return .number(Foundation.sin(x))
            case "cos": return .number(Foundation.cos(x))
            case "tan": return .number(Foundation.tan(x))
            case "floor": return .number(x.rounded(.down))
            case "ceil": return .number(x.rounded(.up))
            default:
                let scale = pow(10.0, Double(digits))
                return .number(digits == 0 ? x.rounded() : (x * scale).rounded() / scale)
            }
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try elementwise(name, item, argument: argument, digits: digits)) }
            return .list(out)
        default:
            throw error(at: argument.start, "'\(name)' expects a number or a list of numbers, found \(describe(v))")
        }
    }
}
