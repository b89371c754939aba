extension Evaluator {
    /// `base.name`: a record's field; otherwise (or when the record has no such field) a postfix
    /// function such as `.last`, `.mean`, `.abs`.
    func field(_ name: String, of v: Value, base: Syntax, nameStart: Int) throws(Diagnostic) -> Value {
        if case .record(let record) = v, let field = record[name] { return field }
        if Builtins.byName[name]?.postfix == true {
            return try applyOne(name, to: v, argument: base)
        }
        switch v {
        case .record(let record):
            throw error(at: nameStart, "'\(source(base))' has no field '\(name)'", note: fieldsNote(name, record))
        case .list:
            let offered = "a list offers: " + Builtins.postfixNames.joined(separator: ", ")
            throw error(at: nameStart, "'\(source(base))' is a list and has no field '\(name)'",
                        note: suggestion(for: name, in: Builtins.postfixNames).map { "did you mean '\($0)'? \(offered)" } ?? offered)
        case .null:
            throw error(at: nameStart, "cannot read field '\(name)' of '\(source(base))', which is null")
        default:
            throw error(at: nameStart, "'\(source(base))' is \(describe(v)), which has no field '\(name)'")
        }
    }

    /// `base[index]`: a list item (negative indices count from the end), a record field by a
    /// string, or a table row by a number (a record of that row's values).
    func index(_ v: Value, base: Syntax, by i: Value, index: Syntax) throws(Diagnostic) -> Value {
        switch (v, i) {
        case (.list(let items), .number):
            return items[try position(i, count: items.count, index: index, base: base, noun: "items")]
        case (.record(let record), .string(let name)):
            if let field = record[name] { return field }
            throw error(at: index.start, "'\(source(base))' has no field '\(name)'", note: fieldsNote(name, record))
        case (.record(let record), .number):
            guard let table = Table(record) else {
                throw error(at: index.start, "'\(source(base))' is a record, not a table, so it has no rows; index it with a field name in quotes")
            }
            return .record(table.row(try position(i, count: table.rows, index: index, base: base, noun: "rows")))
        case (.list, _):
            throw error(at: index.start, "a list index must be a number, found \(describe(i))")
        case (.record, _):
            throw error(at: index.start, "a record is indexed by a field name in quotes or a row number, found \(describe(i))")
        default:
            throw error(at: base.start, "'\(source(base))' is \(describe(v)) and cannot be indexed")
        }
    }

    /// A whole-number index into `count` things, negative counting from the end.
    private func position(_ i: Value, count: Int, index: Syntax, base: Syntax, noun: String) throws(Diagnostic) -> Int {
        guard case .number(let x) = i, x == x.rounded(), abs(x) < 1e15 else {
            throw error(at: index.start, "an index must be a whole number, found \(describe(i))")
        }
        let k = Int(x)
        let p = k < 0 ? k + count : k
        guard p >= 0, p < count else {
            if count == 0 {
                throw error(at: index.start, "index \(k) is out of range: '\(source(base))' is empty")
            }
            throw error(at: index.start, "index \(k) is out of range: '\(source(base))' has \(count) \(noun)",
                        note: "indices run from 0 to \(count - 1), or from -\(count) to -1 counting from the end")
        }
        return p
    }
}
