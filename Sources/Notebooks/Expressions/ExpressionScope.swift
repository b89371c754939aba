/// The names an expression can read (`params`, results of earlier cells by id, ...).
public protocol ExpressionScope {
    /// The value named `name`, or nil when there is none.
    func lookup(_ name: String) -> Value?
    /// Names offered in "did you mean" notes when a lookup fails. Defaults to none.
    var knownNames: [String] { get }
}

extension ExpressionScope {
    public var knownNames: [String] { [] }
}

/// A record is a scope whose names are its fields (handy for tests and small tools).
extension Record: ExpressionScope {
    public func lookup(_ name: String) -> Value? { self[name] }
    public var knownNames: [String] { keys }
}

/// The scope of a condition evaluated for one row of a table: each column's value at that row,
/// the table's other fields as they are, then the outer scope. Lists whose length differs from
/// the table's row count (`unaligned`) are not bound, so a condition naming one fails clearly.
struct RowScope: ExpressionScope {
    let table: Table
    let row: Int
    let outer: any ExpressionScope

    var rowCount: Int { table.rows }
    var unaligned: [String: Int] { table.unaligned }

    func lookup(_ name: String) -> Value? {
        if let v = table.record[name] {
            if case .list(let items) = v {
                return items.count == table.rows ? items[row] : outer.lookup(name)
            }
            return v
        }
        return outer.lookup(name)
    }

    var knownNames: [String] { table.columns + outer.knownNames }
}
