/// A record read as a table: its list fields are columns of `rows` items each.
///
/// The row count is the length of the `step` column when there is one, otherwise of the first
/// list field. List fields of another length are not columns (`unaligned`); they are reported
/// only if a condition uses them. Scalar fields apply to every row.
struct Table {
    let record: Record
    let rows: Int
    let columns: [String]
    let unaligned: [String: Int]

    init?(_ record: Record) {
        let lists = record.fields.compactMap { f -> (String, Int)? in
            if case .list(let items) = f.value { (f.key, items.count) } else { nil }
        }
        guard let first = lists.first else { return nil }
        let rows = lists.first(where: { $0.0 == "step" })?.1 ?? first.1
        self.record = record
        self.rows = rows
        self.columns = lists.filter { $0.1 == rows }.map(\.0)
        self.unaligned = Dictionary(uniqueKeysWithValues: lists.filter { $0.1 != rows })
    }

    /// The record of row `i`: each column's item, other fields as they are.
    func row(_ i: Int) -> Record {
        var out = Record()
        for (key, value) in record.fields {
            if case .list(let items) = value, items.count == rows { out[key] = items[i] } else { out[key] = value }
        }
        return out
    }

    /// The table restricted to the rows in `kept` (in order); other fields unchanged.
    func filtered(_ kept: [Int]) -> Record {
        var out = Record()
        for (key, value) in record.fields {
            if case .list(let items) = value, items.count == rows {
                out[key] = .list(kept.map { items[$0] })
            } else {
                out[key] = value
            }
        }
        return out
    }
}

extension Evaluator {
    /// Reads `v` (the value of argument `arg` of `function`) as a table.
    func table(_ v: Value, for function: String, arg: Syntax) throws(Diagnostic) -> Table {
        guard case .record(let record) = v else {
            throw error(at: arg.start, "'\(function)' expects a table as its first argument, found \(describe(v))",
                        note: "a table is a record of equal-length columns, such as the result of a {data} or {train} cell")
        }
        guard let table = Table(record) else {
            throw error(at: arg.start, "'\(source(arg))' is not a table: none of its fields is a list",
                        note: record.isEmpty ? "it has no fields" : "fields: " + listing(record.keys))
        }
        return table
    }

    /// Evaluates `condition` for every row of `table` and returns the rows where it holds (or the
    /// first such row only, when `firstOnly`). A row's condition must be true, false or null (false).
    func rows(of table: Table, where condition: Syntax, in scope: any ExpressionScope, firstOnly: Bool) throws(Diagnostic) -> [Int] {
        var kept: [Int] = []
        for i in 0..<table.rows {
            let v = try evaluate(condition, in: RowScope(table: table, row: i, outer: scope))
            let holds: Bool
            switch v {
            case .bool(let b): holds = b
            case .null: holds = false
            default:
                throw error(at: condition.start, "the condition must be true or false for each row, but gives \(describe(v)) at row \(i)",
                            note: "compare it with something, e.g. '\(source(condition)) >= 0.9'")
            }
            if holds {
                kept.append(i)
                if firstOnly { break }
            }
        }
        return kept
    }

    /// `first_step(table, condition)`, `where(table, condition)`, `count(table, condition)`.
    func tableCondition(_ name: String, _ args: [Syntax], in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        let table = try self.table(try evaluate(args[0], in: scope), for: name, arg: args[0])
        switch name {
        case "first_step":
            guard case .list(let steps)? = table.record["step"], steps.count == table.rows else {
                throw error(at: args[0].start, "'\(source(args[0]))' has no 'step' column, which first_step returns",
                            note: "columns: " + listing(table.columns) + "; where(table, condition) gives the matching rows of any column")
            }
            let found = try rows(of: table, where: args[1], in: scope, firstOnly: true)
            return found.first.map { steps[$0] } ?? .null
        case "where":
            return .record(table.filtered(try rows(of: table, where: args[1], in: scope, firstOnly: false)))
        default:
            return .number(Double(try rows(of: table, where: args[1], in: scope, firstOnly: false).count))
        }
    }

    /// `column(table, "name")`: a field of a record, by a name computed as a string.
    func column(_ args: [Syntax], in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        let base = try evaluate(args[0], in: scope)
        guard case .record(let record) = base else {
            throw error(at: args[0].start, "'column' expects a table as its first argument, found \(describe(base))")
        }
        let nameValue = try evaluate(args[1], in: scope)
        guard case .string(let name) = nameValue else {
            throw error(at: args[1].start, "'column' expects a column name in quotes, found \(describe(nameValue))",
                        note: "for example column(\(source(args[0])), \"\(record.keys.first ?? "step")\")")
        }
        if let v = record[name] { return v }
        throw error(at: args[1].start, "'\(source(args[0]))' has no column '\(name)'", note: fieldsNote(name, record))
    }

    /// "did you mean 'x'? fields: a, b, c" (or just the fields).
    func fieldsNote(_ name: String, _ record: Record) -> String {
        let fields = record.isEmpty ? "it has no fields" : "fields: " + listing(record.keys)
        return suggestion(for: name, in: record.keys).map { "did you mean '\($0)'? \(fields)" } ?? fields
    }
}
