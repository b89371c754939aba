import Notebooks

/// `{data}`: a named table of columns, given literally or computed by expressions over a range
/// and over the columns defined before them, so notebooks (and tests) can exercise plots, tables
/// and claims without training anything.
///
///     id: squares
///     range: {name: n, from: 1, to: 10}
///     columns:
///       square: =n^2
///       label: [a, b, c, d, e, f, g, h, i, j]
public enum DataDirective: Directive {
    public static let kind = "data"
    public static let traits: Set<DirectiveTrait> = [.presentsOnly]
    public static let summary = "A named table of columns, literal or computed."
    public static let result = "a table: one list per column, in order (including the range column)."
    /// The options of `range:`.
    enum Range {
        static let name = DirectiveOption<String>("name", "The column the range fills.", required: true)
        static let from = DirectiveOption<Double>("from", "First value.", required: true)
        static let to = DirectiveOption<Double>("to", "Last value (included when the steps land on it).", required: true)
        static let step = DirectiveOption<Double>("step", "Spacing; use `count` instead for evenly spaced points.", default: 1)
        static let count = DirectiveOption<Int>("count", "Number of evenly spaced points from `from` to `to`, both included.")
        static let scale = DirectiveOption<FigureOptions.AxisScale>("scale", "With `count`: linear or logarithmic spacing.", default: .linear)
    }
    static let range = OptionKey("range", .mapping(OptionKey.of(Range.name, Range.from, Range.to, Range.step, Range.count, Range.scale)),
                                 "An index column generated from a range.")
    static let columns = OptionKey("columns", .dictionary(.any), "Columns in order: a literal list, or `=expression` over the range and earlier columns.")
    static let show = DirectiveOption<Bool>("show", "Also show the table in the report.", default: false)
    public static let keys = OptionKey.of(range, columns, show)

    /// With `show: true` the cell shows its table, numbered with the notebook's tables.
    public static func traits(of options: OptionNode) -> Set<DirectiveTrait> {
        options[show.name]?.scalarValue == .bool(true) ? traits.union([.showsTable]) : traits
    }

    /// A column's expression sees the range column and the columns left of it (not itself, so
    /// `loss: =loss.final_loss` reads the cell `loss`); the range's own options see none.
    public static func localNames(_ options: OptionNode, at path: [String]) -> Set<String> {
        guard path.count >= 2, path[0] == "columns" else { return [] }
        var names: Set<String> = []
        if case .scalar(let n, _, _)? = options["range"]?["name"] { names.insert(n) }
        for entry in options["columns"]?.entries ?? [] {
            if entry.key == path[1] { break }
            names.insert(entry.key)
        }
        return names
    }

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        var table = Record()
        if let range = try cell.options.sub("range") {
            table[try range.read(Range.name)] = .numbers(try rangeValues(range))
        }
        if let columns = try cell.options.sub("columns") {
            for key in columns.keys {
                let visible = localNames(cell.options.node, at: ["columns", key])
                let locals = Dictionary(table.fields.filter { visible.contains($0.key) }.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b })
                let value = try Options.resolve(columns.node(key)!, scope: cell.options.scope.with(locals: locals))
                table[key] = if case .list = value { value } else { .list([value]) }
            }
        }
        let lengths = Set(table.fields.compactMap { $0.value.list?.count })
        if lengths.count > 1 {
            let described = table.fields.map { "\($0.key): \($0.value.list?.count ?? 0)" }.joined(separator: ", ")
            throw Diagnostic(at: cell.options.location, "the columns of a {data} cell must have equal lengths (\(described))")
        }
        var display: [CellDisplay] = []
        if try cell.options.read(show) {
            display.append(.table(TableDirective.content(of: table, formats: [:], caption: nil, label: nil, maxRows: try cell.options.read(TableDirective.maxRows))))
        }
        return CellOutput(value: .record(table), display: display)
    }

    /// The most values a range may have.
    static let maximumRows = 1_000_000

    /// The range's values: `from, from+step, ...` up to `to`, or `count` evenly spaced points
    /// (linearly or geometrically). Steps are computed as from + i·step to avoid drift.
    static func rangeValues(_ range: Options) throws(Diagnostic) -> [Double] {
        let from = try range.read(Range.from), to = try range.read(Range.to)
        if let count = try range.optional(Range.count) {
            guard count >= 2, count <= maximumRows else { throw Diagnostic(at: range.location(of: "count"), "'count' must be between 2 and \(maximumRows)") }
            if try range.read(Range.scale) == .log {
                guard from > 0, to > 0 else { throw Diagnostic(at: range.location(of: "from"), "a log range needs positive 'from' and 'to'") }
                let (a, b) = (Foundation.log(from), Foundation.log(to))
                return (0..<count).map { Foundation.exp(a + (b - a) * Double($0) / Double(count - 1)) }
            }
            return (0..<count).map { from + (to - from) * Double($0) / Double(count - 1) }
        }
        let step = try range.read(Range.step)
        guard step != 0, (to - from) / step >= 0 else { throw Diagnostic(at: range.location(of: "step"), "'step' must move from 'from' towards 'to'") }
        let span = (to - from) / step + 1e-9
        guard let n = WholeNumber.rounded(span, .down, in: 0...(maximumRows - 1)).map({ $0 + 1 }) else {
            throw Diagnostic(at: range.location, "the range has \(formatValue(.number(span.rounded(.down) + 1))) values; at most \(maximumRows) are allowed")
        }
        return (0..<n).map { from + Double($0) * step }
    }
}

import Foundation
import WholeNumbers
