import Notebooks
import Plotting

/// `{plot}`: lines, points, bands and bars over earlier results.
///
///     series:
///       - {x: =grok.step, y: =grok.train_accuracy, label: train}
///       - {x: =grok.step, y: =grok.test_accuracy, label: test, mark: line}
///       - {x: =sweep.width, lower: =sweep.low, upper: =sweep.high, mark: band, label: test}
///       - {x: =llc.truth, y: =llc.estimate, error: =llc.std, mark: scatter}
///     rules: [{y: 0.99, label: threshold}]
///     x_scale: log
public enum PlotDirective: Directive {
    public static let kind = "plot"
    public static let traits: Set<DirectiveTrait> = [.drawsFigure, .presentsOnly]
    public static let summary = "A figure of lines, points, bands and bars."
    public static let result = FigureOptions.result

    enum SeriesMark: String, OptionChoice { case line, scatter, band, bar }
    static let mark = DirectiveOption<SeriesMark>("mark", "How to draw the series.", default: .line)
    static let dashed = DirectiveOption<Bool>("dashed", "line: dashed stroke.", default: false)
    static let legend = DirectiveOption<Bool>("legend", "Show the legend (when a series has a label).", default: true)
    static let seriesKeys = [
        OptionKey("x", .any, "x values (numbers); categories for bars may be text."),
        OptionKey("y", .any, "y values (line, scatter, bar)."),
        OptionKey("lower", .any, "band: lower edge."),
        OptionKey("upper", .any, "band: upper edge."),
        OptionKey("label", .string, "Legend entry; a line and a band with the same label share a colour."),
        mark.key,
        dashed.key,
        OptionKey("error", .any, "scatter: error bar half-lengths, one per point (e.g. a std); drawn over y ± error."),
        OptionKey("colour", .integer, "Palette index (0–7) instead of the next free colour."),
    ]
    static let ruleKeys = [
        OptionKey("x", .number, "A vertical rule at this x."),
        OptionKey("y", .number, "A horizontal rule at this y."),
        OptionKey("label", .string, "Text beside the rule."),
    ]

    public static let keys = FigureOptions.axisKeys + [
        OptionKey("series", .list(.mapping(seriesKeys)), required: true, "The data, one entry per series."),
        OptionKey("rules", .list(.mapping(ruleKeys)), "Reference lines."),
        legend.key,
    ]

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        var layers: [Mark] = []
        guard case .list(let seriesNodes, _)? = options.node("series") else {
            throw Diagnostic(at: options.location, "'series' must be a list of mappings")
        }
        var categories: [String]?
        for node in seriesNodes {
            let series = Options(node: node, scope: options.scope, path: "series", declared: seriesKeys)
            let label = try series.string("label")
            let colour = try series.int("colour")
            if let colour, !SeriesPalette.okabeIto.indices.contains(colour) {
                throw Diagnostic(at: series.location(of: "colour"), "'colour' must be a palette index from 0 to \(SeriesPalette.okabeIto.count - 1), found \(colour)")
            }
            let mark = try series.read(Self.mark)
            switch mark {
            case .band:
                let lower = try FigureOptions.requiredNumbers(series, "lower"), upper = try FigureOptions.requiredNumbers(series, "upper")
                let x = try FigureOptions.numbers(series, "x") ?? lower.indices.map(Double.init)
                layers.append(.band(BandMark(x: x, lower: lower, upper: upper, label: label, colour: colour)))
            case .bar:
                let y = try FigureOptions.requiredNumbers(series, "y")
                if case .list(let items)? = try series.value("x"), items.contains(where: { $0.string != nil }) {
                    let names = items.map { $0.string ?? formatValue($0) }
                    categories = names
                    layers.append(.bar(BarMark(categories: names, values: y, label: label, colour: colour)))
                } else {
                    let x = try FigureOptions.numbers(series, "x") ?? y.indices.map(Double.init)
                    layers.append(.bar(BarMark(x: x, values: y, label: label, colour: colour)))
                }
            default:
                let y = try FigureOptions.requiredNumbers(series, "y")
                let x = try FigureOptions.numbers(series, "x") ?? y.indices.map(Double.init)
                guard x.count == y.count else {
                    throw Diagnostic(at: series.location, "x has \(x.count) values but y has \(y.count)")
                }
                let error = try FigureOptions.numbers(series, "error")
                if let error, error.count != y.count {
                    throw Diagnostic(at: series.location(of: "error"), "error has \(error.count) values but y has \(y.count)")
                }
                if error != nil && mark != .scatter {
                    throw Diagnostic(at: series.location(of: "error"), "error bars are drawn on scatter series; add mark: scatter")
                }
                if mark == .scatter {
                    layers.append(.scatter(ScatterMark(x: x, y: y, label: label, colour: colour, error: error)))
                } else {
                    layers.append(.line(LineMark(x: x, y: y, label: label, colour: colour, dashed: try series.read(dashed))))
                }
            }
        }
        if case .list(let ruleNodes, _)? = options.node("rules") {
            for node in ruleNodes {
                let rule = Options(node: node, scope: options.scope, path: "rules", declared: ruleKeys)
                if let y = try rule.number("y") {
                    layers.append(.rule(RuleMark(y: y, label: try rule.string("label"))))
                } else if let x = try rule.number("x") {
                    layers.append(.rule(RuleMark(x: x, label: try rule.string("label"))))
                } else {
                    throw Diagnostic(at: rule.location, "a rule needs 'x' or 'y'")
                }
            }
        }
        var x = try FigureOptions.axis(options, "x")
        if categories != nil { x.scale = .band }
        var figure = try FigureOptions.figure(options, context: context, layers: layers, x: x)
        figure.showsLegend = try options.read(legend)
        return try FigureOptions.output(figure, options: options)
    }
}
