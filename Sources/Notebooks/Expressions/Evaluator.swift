/// Evaluates a syntax tree against a scope. Every error is a `Diagnostic` at the sub-expression
/// (or operator) that caused it, quoting that sub-expression's source.
///
/// Null rules: arithmetic and functions of null give null; ordering comparisons with null are
/// false; `==`/`!=` treat null as equal only to null; `and`, `or`, `not` and conditions treat null
/// as false.
struct Evaluator {
    let bytes: [UInt8]
    let origin: SourceLocation

    init(text: String, origin: SourceLocation) {
        self.bytes = Array(text.utf8)
        self.origin = origin
    }

    func source(_ s: Syntax) -> String {
        String(decoding: bytes[s.start..<s.end], as: UTF8.self)
    }

    func error(at offset: Int, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(at: origin.advanced(by: offset), message, note: note)
    }

    func evaluate(_ s: Syntax, in scope: any ExpressionScope) throws(Diagnostic) -> Value {
        switch s.kind {
        case .number(let x): return .number(x)
        case .string(let t): return .string(t)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item, in: scope)) }
            return .list(values)
        case .name(let name):
            if let v = scope.lookup(name) { return v }
            throw unknownName(name, at: s, in: scope)
        case .field(let base, let name, let nameStart):
            return try field(name, of: try evaluate(base, in: scope), base: base, nameStart: nameStart)
        case .index(let base, let index):
            return try self.index(try evaluate(base, in: scope), base: base, by: try evaluate(index, in: scope), index: index)
        case .call(let name, let args):
            return try call(name, args, at: s, in: scope)
        case .negate(let x):
            return try negate(try evaluate(x, in: scope), at: s)
        case .not(let x):
            return .bool(!(try truth(try evaluate(x, in: scope), of: x, for: "not")))
        case .arithmetic(let op, let l, let r, let opStart):
            return try arithmetic(op, try evaluate(l, in: scope), try evaluate(r, in: scope), operatorStart: opStart, left: l, right: r)
        case .comparison(let op, let l, let r, let opStart):
            return .bool(try compare(op, try evaluate(l, in: scope), try evaluate(r, in: scope), operatorStart: opStart, left: l, right: r))
        case .and(let l, let r):
            guard try truth(try evaluate(l, in: scope), of: l, for: "and") else { return .bool(false) }
            return .bool(try truth(try evaluate(r, in: scope), of: r, for: "and"))
        case .or(let l, let r):
            if try truth(try evaluate(l, in: scope), of: l, for: "or") { return .bool(true) }
            return .bool(try truth(try evaluate(r, in: scope), of: r, for: "or"))
        }
    }

    private func unknownName(_ name: String, at s: Syntax, in scope: any ExpressionScope) -> Diagnostic {
        if let row = scope as? RowScope, let length = row.unaligned[name] {
            return error(at: s.start, "'\(name)' has \(length) items but the table has \(row.rowCount) rows, so it cannot be read row by row")
        }
        if Builtins.byName[name] != nil {
            return error(at: s.start, "unknown name '\(name)'", note: "'\(name)' is a function; call it with parentheses, e.g. \(name)(x)")
        }
        let candidates = scope.knownNames + ["true", "false", "null"]
        let note = suggestion(for: name, in: candidates).map { "did you mean '\($0)'?" }
            ?? (scope.knownNames.isEmpty ? nil : "names available here: " + listing(scope.knownNames))
        return error(at: s.start, "unknown name '\(name)'", note: note)
    }

    /// `a, b, c` truncated after 12 names.
    func listing(_ names: [String]) -> String {
        names.count <= 12 ? names.joined(separator: ", ") : names.prefix(12).joined(separator: ", ") + ", …"
    }

    /// The truth of an operand of `and`, `or`, `not`: booleans as they are, null as false.
    func truth(_ v: Value, of s: Syntax, for op: String) throws(Diagnostic) -> Bool {
        switch v {
        case .bool(let b): return b
        case .null: return false
        default:
            let note: String? = if case .list = v { "'\(source(s))' is a list; reduce it first, e.g. '\(source(s)).last >= 0.9'" } else { nil }
            throw error(at: s.start, "'\(op)' expects true or false, found \(describe(v))", note: note)
        }
    }

    /// "a number (3.5)", "a list of 100 items", "a string ("abc")", ... for messages.
    func describe(_ v: Value) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): "a boolean (\(b))"
        case .number: "a number (\(formatValue(v)))"
        case .string(let s): "a string (\"\(s.count > 30 ? String(s.prefix(30)) + "…" : s)\")"
        case .list(let items): "a list of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .record: "a record"
        }
    }
}
