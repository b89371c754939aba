import Notebooks
import Plotting

/// `{heatmap}`: a matrix (a list of rows, or a table whose columns are drawn as columns) as
/// coloured cells with a colour bar; `colour_map: diverging` centres signed values at zero.
public enum HeatmapDirective: Directive {
    public static let kind = "heatmap"
    public static let traits: Set<DirectiveTrait> = [.drawsFigure, .presentsOnly]
    static let colourMap = DirectiveOption<ColourMap>("colour_map", "The colours of the scale.", default: .viridis)
    public static let summary = "A matrix drawn as coloured cells with a colour bar."
    public static let result = FigureOptions.result
    public static let keys = FigureOptions.axisKeys + [
        OptionKey("values", .any, required: true, "A list of rows (lists of numbers)."),
        colourMap.key,
        OptionKey("colour_label", .string, "Title of the colour bar."),
        OptionKey("colour_min", .number, "Fixed lower end of the colour scale."),
        OptionKey("colour_max", .number, "Fixed upper end of the colour scale."),
        OptionKey("column_labels", .list(.string), "Names of the columns, one per column, drawn in place of their indices."),
        OptionKey("row_labels", .list(.string), "Names of the rows, one per row, drawn in place of their indices."),
        OptionKey("row_breaks", .list(.integer), "Rows before which a separating line is drawn, e.g. [4] between rows 0–3 and 4–7."),
    ]

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        guard let value = try options.value("values") else { throw Diagnostic(at: options.location, "missing 'values'") }
        let rows = try matrix(value, at: options.location(of: "values"))
        let colourMap = try options.read(Self.colourMap)
        var domain: (min: Double, max: Double)?
        if let lo = try options.number("colour_min"), let hi = try options.number("colour_max") { domain = (lo, hi) }
        let columns = rows.map(\.count).max() ?? 0
        let mark = HeatmapMark(values: rows, colourMap: colourMap, domain: domain, label: try options.string("colour_label"),
                               columnLabels: try names(options, "column_labels", count: columns, of: "columns"),
                               rowLabels: try names(options, "row_labels", count: rows.count, of: "rows"),
                               rowBreaks: try rowBreaks(options, rows: rows.count))
        var x = try FigureOptions.axis(options, "x"), y = try FigureOptions.axis(options, "y")
        x.grid = false
        y.grid = false
        let figure = try FigureOptions.figure(options, context: context, layers: [.heatmap(mark)], x: x, y: y)
        return try FigureOptions.output(figure, options: options)
    }

    /// Row indices strictly inside the matrix (a break before row 0 or after the last is an error).
    private static func rowBreaks(_ options: Options, rows: Int) throws(Diagnostic) -> [Int] {
        guard let value = try options.value("row_breaks") else { return [] }
        guard let numbers = value.numbers, numbers.allSatisfy({ $0 == $0.rounded() && $0 >= 1 && $0 < Double(rows) }) else {
            throw Diagnostic(at: options.location(of: "row_breaks"), "'row_breaks' must list row indices between 1 and \(rows - 1)")
        }
        return numbers.map { Int($0) }
    }

    /// The names under `key`, which must be one per row or column.
    private static func names(_ options: Options, _ key: String, count: Int, of what: String) throws(Diagnostic) -> [String]? {
        guard let names = try options.strings(key) else { return nil }
        guard names.count == count else {
            throw Diagnostic(at: options.location(of: key), "'\(key)' has \(names.count) \(names.count == 1 ? "name" : "names") but the matrix has \(count) \(what)")
        }
        return names
    }

    /// Rows of numbers from a list of lists, or from a table (each column becomes a column).
    static func matrix(_ value: Value, at location: SourceLocation) throws(Diagnostic) -> [[Double]] {
        if case .record(let record) = value {
            let columns = record.fields.compactMap { $0.value.numbers }
            guard let n = columns.first?.count, columns.allSatisfy({ $0.count == n }) else {
                throw Diagnostic(at: location, "a table drawn as a heatmap needs equal-length number columns")
            }
            return (0..<n).map { i in columns.map { $0[i] } }
        }
        guard case .list(let items) = value else {
            throw Diagnostic(at: location, "'values' must be a list of rows, found \(value.typeName)")
        }
        var rows: [[Double]] = []
        for item in items {
            guard let row = item.numbers else {
                throw Diagnostic(at: location, "each row of 'values' must be a list of numbers, found \(item.typeName)")
            }
            rows.append(row)
        }
        return rows
    }
}
