import Notebooks

/// `{table}`: shows columns of earlier results (or any expressions) as an HTML table.
///
///     from: grok                      # a table-valued result
///     columns: [step, test_accuracy]  # which of its columns (default: all)
///     format: {test_accuracy: percent}
///     headers: {test_accuracy: held-out accuracy}
///
/// or, without `from`, `columns` maps each header to a list or an `=expression`.
public enum TableDirective: Directive {
    public static let kind = "table"
    public static let traits: Set<DirectiveTrait> = [.showsTable, .presentsOnly]
    /// Also the most rows a `{data}` cell with `show: true` shows.
    static let maxRows = DirectiveOption<Int>("max_rows", "Show at most this many rows, evenly spaced, always with the last; the caption then says how many of how many are shown.", default: 50)
    public static let summary = "A table of earlier results or expressions."
    public static let result = "the table it shows."
    public static let keys = [
        OptionKey("from", .cellReference, "A cell whose result is a table (record of equal-length columns)."),
        OptionKey("columns", .any, "With `from`: a list of its column names. Otherwise: header → list or `=expression`."),
        OptionKey("format", .dictionary(.string), "Header → format: percent, fixed(n), sci(n), int."),
        OptionKey("headers", .dictionary(.string), "Column → the header shown for it (e.g. {true_lambda: true λ}).", defaultText: "the column names"),
        OptionKey("caption", .string, "Shown above the table."),
        OptionKey("label", .string, "A label such as tbl-results for cross-references."),
        maxRows.key,
    ]

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        var table = Record()
        if let from = try options.string("from") {
            guard case .record(let source)? = options.scope.lookup(from) else {
                throw Diagnostic(at: options.location(of: "from"), "'\(from)' has no table result")
            }
            if let node = options.node("columns") {
                guard case .list(let items, _) = node else {
                    throw Diagnostic(at: node.location, "with 'from', 'columns' must be a list of column names")
                }
                for item in items {
                    guard case .scalar(let name, _, let location) = item else { continue }
                    guard let column = source[name] else {
                        throw Diagnostic(at: location, "'\(from)' has no column '\(name)'",
                                         note: closestMatch(to: name, in: source.keys).map { "did you mean '\($0)'?" }
                                             ?? "columns: \(source.keys.joined(separator: ", "))")
                    }
                    table[name] = column
                }
            } else {
                table = source
            }
        } else if let columns = try options.sub("columns") {
            for key in columns.keys { table[key] = try columns.value(key) }
        } else {
            throw Diagnostic(at: options.location, "{table} needs 'from' or 'columns'")
        }
        var formats: [String: ValueFormat] = [:]
        if let format = try options.sub("format") {
            for key in format.keys {
                let text = try format.requiredString(key)
                let parsed = try Expression.parse("0 | \(text)", at: format.location(of: key).advanced(by: -4), allowFormat: true)
                formats[key] = parsed.format
            }
        }
        var headers: [String: String] = [:]
        if let given = try options.sub("headers") {
            for key in given.keys {
                guard table[key] != nil else {
                    throw Diagnostic(at: given.location(of: key), "the table has no column '\(key)'",
                                     note: closestMatch(to: key, in: table.keys).map { "did you mean '\($0)'?" } ?? "columns: \(table.keys.joined(separator: ", "))")
                }
                headers[key] = try given.requiredString(key)
            }
        }
        let content = content(
            of: table, formats: formats, caption: try options.string("caption"), label: try options.string("label"),
            maxRows: try options.read(maxRows), headers: headers)
        return CellOutput(value: .record(table), display: [.table(content)])
    }

    /// Lays out a record of columns (lists or scalars) as rows of formatted strings.
    /// When rows are left out, the caption says so ("6 of 12 rows shown, ..."), so that a
    /// reader never takes a sample for the whole table.
    static func content(of table: Record, formats: [String: ValueFormat], caption: String?, label: String?, maxRows: Int,
                        headers: [String: String] = [:]) -> TableContent {
        let columns = table.fields.map { field -> [Value] in
            if case .list(let items) = field.value { return items }
            return [field.value]
        }
        let rowCount = columns.map(\.count).max() ?? 0
        var indices = Array(0..<rowCount)
        if rowCount > maxRows, maxRows >= 2 {
            indices = (0..<maxRows).map { Int((Double($0) * Double(rowCount - 1) / Double(maxRows - 1)).rounded()) }
        }
        let rows = indices.map { r in
            zip(table.keys, columns).map { key, column -> String in
                guard r < column.count else { return "" }
                return formats[key].map { $0.format(column[r]) } ?? formatValue(column[r])
            }
        }
        let numeric = columns.map { column in column.allSatisfy { if case .number = $0 { true } else { false } } }
        var caption = caption
        if indices.count < rowCount {
            let note = "\(indices.count) of \(rowCount) rows shown, evenly spaced, with the first and the last."
            caption = caption.map { $0.hasSuffix(".") || $0.hasSuffix("?") ? $0 + " " + note : $0 + ". " + note } ?? note
        }
        return TableContent(caption: caption, label: label, headers: table.keys.map { headers[$0] ?? $0 }, rows: rows, numeric: numeric)
    }
}
