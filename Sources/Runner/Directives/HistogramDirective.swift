import Notebooks
import Plotting
import WholeNumbers

/// `{histogram}`: the distribution of one or more lists of values, with automatic
/// (Freedman–Diaconis) or given bins.
public enum HistogramDirective: Directive {
    public static let kind = "histogram"
    public static let traits: Set<DirectiveTrait> = [.drawsFigure, .presentsOnly]
    public static let summary = "Histograms of one or more lists of values."
    public static let result = FigureOptions.result
    static let seriesKeys = [
        OptionKey("values", .any, required: true, "The values."),
        OptionKey("label", .string, "Legend entry."),
    ]
    static let bins = DirectiveOption<Value>("bins", "A bin count, a list of edges, 'auto' (Freedman–Diaconis) or 'sturges'.", default: .string("auto"))
    static let density = DirectiveOption<Bool>("density", "Normalise to a density instead of counts.", default: false)
    public static let keys = FigureOptions.axisKeys + OptionKey.of(
        OptionKey("values", .any, "The values (for a single histogram)."),
        OptionKey("series", .list(.mapping(seriesKeys)), "Several histograms on one axes."),
        bins, density)

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let rule = try bins(options)
        let density = try options.read(Self.density)
        var layers: [Mark] = []
        if options.has("values") {
            layers.append(.histogram(HistogramMark(values: try FigureOptions.requiredNumbers(options, "values"), bins: rule, density: density)))
        }
        if case .list(let nodes, _)? = options.node("series") {
            for node in nodes {
                let series = Options(node: node, scope: options.scope, path: "series", declared: seriesKeys)
                layers.append(.histogram(HistogramMark(
                    values: try FigureOptions.requiredNumbers(series, "values"), bins: rule,
                    label: try series.string("label"), density: density)))
            }
        }
        guard !layers.isEmpty else { throw Diagnostic(at: options.location, "{histogram} needs 'values' or 'series'") }
        var y = try FigureOptions.axis(options, "y")
        if y.label == nil { y.label = density ? "density" : "count" }
        return try FigureOptions.output(try FigureOptions.figure(options, context: context, layers: layers, y: y), options: options)
    }

    static func bins(_ options: Options) throws(Diagnostic) -> BinRule {
        switch try options.read(Self.bins) {
        case .string("auto"): return .automatic
        case .string("sturges"): return .sturges
        case .number(let n) where WholeNumber.exact(n, in: 1...Binning.maximumBinCount) != nil: return .count(Int(n))
        case .number(let n):
            throw Diagnostic(at: options.location(of: "bins"), "'bins' must be a whole number from 1 to \(Binning.maximumBinCount), found \(formatValue(.number(n)))")
        case let value:
            if let edges = value.numbers, edges.count >= 2 { return .edges(edges) }
            throw Diagnostic(at: options.location(of: "bins"), "'bins' must be a count, a list of edges, 'auto' or 'sturges'")
        }
    }
}
