import Foundation

/// Functions over whole lists and tables: `map`, `group`, `slice`, `str`, `format`, `fit`.
extension Evaluator {
    /// `map(items, expression)`: `expression` evaluated once per item of a list, or once per row of
    /// a table, giving a list. Inside it `it` is the item (a table's row is a record); when the
    /// item is a record, its fields are also names (`model_hidden`, `runs`), as in a condition.
    func map(_ args: [Syntax], in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        let base = try evaluate(args[0], in: scope)
        let items: [Value]
        switch base {
        case .list(let list): items = list
        case .record(let record):
            guard let table = Table(record) else {
                throw error(at: args[0].start, "'map' expects a list or a table, but '\(source(args[0]))' is a record with no list fields",
                            note: record.isEmpty ? nil : "fields: " + listing(record.keys))
            }
            items = (0..<table.rows).map { .record(table.row($0)) }
        case .null: return .null
        default:
            throw error(at: args[0].start, "'map' expects a list or a table, found \(describe(base))")
        }
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            do {
                out.append(try evaluate(args[1], in: ItemScope(item: item, outer: scope)))
            } catch {
                throw Diagnostic(at: error.location, error.message + " (at item \(i) of '\(source(args[0]))')", note: error.note)
            }
        }
        return .list(out)
    }

    /// `group(table, by)`: one row per distinct value of the column `by` (or combination of the
    /// columns in a list `by`), in order of first appearance, with those columns, `rows` (how many
    /// rows the group has) and, for every other column of numbers, `mean_NAME`, `std_NAME` (sample
    /// standard deviation) and `count_NAME` (its items that are not null). Null items are skipped;
    /// a group with no numbers has a null mean. Columns of other values are left out.
    func group(_ args: [Syntax], in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        let table = try self.table(try evaluate(args[0], in: scope), for: "group", arg: args[0])
        let byValue = try evaluate(args[1], in: scope)
        let by: [String]
        switch byValue {
        case .string(let name): by = [name]
        case .list(let names) where !names.isEmpty && names.allSatisfy({ $0.string != nil }): by = names.compactMap(\.string)
        default:
            throw error(at: args[1].start, "'group' expects a column name in quotes or a list of them, found \(describe(byValue))",
                        note: "for example group(\(source(args[0])), \"\(table.columns.first ?? "seed")\")")
        }
        var keyColumns: [[Value]] = []
        for name in by {
            guard table.columns.contains(name), case .list(let items)? = table.record[name] else {
                throw error(at: args[1].start, "'\(source(args[0]))' has no column '\(name)' to group by", note: fieldsNote(name, Record(table.columns.map { ($0, .null) })))
            }
            keyColumns.append(items)
        }
        let groups = Grouping.groups((0..<table.rows).map { i in keyColumns.map { $0[i] } })
        var out = Record()
        for (k, name) in by.enumerated() { out[name] = .list(groups.map { $0.key[k] }) }
        out["rows"] = .numbers(groups.map(\.members.count))
        for name in table.columns where !by.contains(name) {
            guard case .list(let items)? = table.record[name],
                  items.allSatisfy({ if case .number = $0 { true } else { $0 == .null } }),
                  items.contains(where: { $0 != .null }) else { continue }
            let stats = groups.map { g in
                let xs = g.members.compactMap { items[$0].number }
                return (Grouping.meanAndStd(xs), xs.count)
            }
            out["mean_\(name)"] = .list(stats.map { $0.0.mean.map(Value.number) ?? .null })
            out["std_\(name)"] = .list(stats.map { $0.0.std.map(Value.number) ?? .null })
            out["count_\(name)"] = .numbers(stats.map(\.1))
        }
        return .record(out)
    }

    /// `slice(items, from)` and `slice(items, from, to)`: the items from index `from` up to but not
    /// including `to` (default: the end) of a list, the characters of a string or the rows of a
    /// table. Negative indices count from the end; indices past either end are clamped, so
    /// `slice(xs, -3)` is the last three items (or all of them when there are fewer).
    func slice(_ args: [Syntax], in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        let base = try evaluate(args[0], in: scope)
        let count: Int
        switch base {
        case .list(let items): count = items.count
        case .string(let s): count = s.count
        case .record: count = try table(base, for: "slice", arg: args[0]).rows
        case .null: return .null
        default: throw error(at: args[0].start, "'slice' expects a list, a string or a table, found \(describe(base))")
        }
        func bound(_ k: Int, default fallback: Int) throws(Diagnostic) -> Int {
            guard k < args.count else { return fallback }
            let v = try evaluate(args[k], in: scope)
            guard case .number(let x) = v, x == x.rounded(), abs(x) < 1e15 else {
                throw error(at: args[k].start, "'slice' expects whole-number indices, found \(describe(v))")
            }
            let i = Int(x)
            return Swift.min(Swift.max(i < 0 ? i + count : i, 0), count)
        }
        let from = try bound(1, default: 0)
        let to = Swift.max(try bound(2, default: count), from)
        switch base {
        case .list(let items): return .list(Array(items[from..<to]))
        case .string(let s): return .string(String(s.dropFirst(from).prefix(to - from)))
        case .record(let record): return .record(Table(record)!.filtered(Array(from..<to)))
        default: return .null
        }
    }

    /// `str(x)`: the text an inline value without a format prints (`str(0.5)` is "0.5", null is "—").
    /// `format(x, "fixed(2)")`: the text of `x` in an inline format (percent, percent(n), fixed(n),
    /// sci(n), int). Both build labels: `'width ' + str(model_hidden)`.
    func text(_ name: String, _ args: [Syntax], in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        let v = try evaluate(args[0], in: scope)
        guard name == "format" else { return .string(formatValue(v)) }
        let spec = try evaluate(args[1], in: scope)
        guard case .string(let text) = spec else {
            throw error(at: args[1].start, "'format' expects a format in quotes, such as \"fixed(2)\", found \(describe(spec))")
        }
        let format: ValueFormat
        do throws(Diagnostic) {
            var parser = try Parser("| " + text, origin: origin)
            format = try parser.parseFormat()
            guard parser.token.kind == .end else { throw parser.error(at: parser.token.start, "unexpected text after the format") }
        } catch {
            throw self.error(at: args[1].start, "'\(text)' is not a format: \(error.message)",
                             note: "formats: percent, percent(n), fixed(n), sci(n), int")
        }
        return .string(format.format(v))
    }

    /// `fit(x, y)`: the least-squares line y ≈ slope·x + intercept through the pairs of two lists
    /// of equal length, as a record of `slope`, `intercept`, `r2` (the coefficient of
    /// determination, 1 − SS_res/SS_tot) and `n` (pairs used). Pairs where either item is null
    /// or not finite are skipped. slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², intercept = ȳ − slope·x̄.
    /// On log axes fit the logarithms: `fit(log(widths), log(losses)).slope` is the exponent of
    /// a power law.
    func fit(_ args: [Syntax], in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        var columns: [[Value]] = []
        for arg in args {
            let v = try evaluate(arg, in: scope)
            guard case .list(let items) = v else {
                throw error(at: arg.start, "'fit' expects two lists of numbers, but '\(source(arg))' is \(describe(v))")
            }
            columns.append(items)
        }
        guard columns[0].count == columns[1].count else {
            throw error(at: args[1].start, "'fit' needs lists of the same length, found \(columns[0].count) x values and \(columns[1].count) y values")
        }
        var pairs: [(x: Double, y: Double)] = []
        for (k, (a, b)) in zip(columns[0], columns[1]).enumerated() {
            for (item, arg) in [(a, args[0]), (b, args[1])] {
                switch item {
                case .number, .null: break
                default: throw error(at: arg.start, "'fit' expects numbers, but item \(k) of '\(source(arg))' is \(describe(item))")
                }
            }
            if let x = a.number, let y = b.number, x.isFinite, y.isFinite { pairs.append((x, y)) }
        }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.x } / n, my = pairs.reduce(0) { $0 + $1.y } / n
        let sxx = pairs.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        guard pairs.count >= 2, sxx > 0 else {
            throw error(at: args[0].start, "'fit' needs at least two pairs with different x values, found \(pairs.count) usable pair\(pairs.count == 1 ? "" : "s")",
                        note: "pairs with a null or infinite item are skipped")
        }
        let sxy = pairs.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) }
        let syy = pairs.reduce(0) { $0 + ($1.y - my) * ($1.y - my) }
        let slope = sxy / sxx, intercept = my - slope * mx
        let residual = pairs.reduce(0) { $0 + ($1.y - intercept - slope * $1.x) * ($1.y - intercept - slope * $1.x) }
        return .record(Record([
            ("slope", .number(slope)), ("intercept", .number(intercept)),
            ("r2", syy > 0 ? .number(1 - residual / syy) : .null), ("n", .number(n)),
        ]))
    }
}

/// The scope of `map`'s expression for one item: `it` is the item, a record item's fields are
/// names, then the outer scope.
struct ItemScope: ExpressionScope {
    let item: Value
    let outer: any ExpressionScope

    func lookup(_ name: String) -> Value? {
        if name == "it" { return item }
        if case .record(let record) = item, let v = record[name] { return v }
        return outer.lookup(name)
    }

    var knownNames: [String] { ["it"] + (item.record?.keys ?? []) + outer.knownNames }
}
