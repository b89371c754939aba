import Notebooks
import Plotting

/// Options every figure directive shares: titles, axes, size, label; and the conversion of a
/// rendered `Figure` into report content.
enum FigureOptions {
    static let axisKeys = [
        OptionKey("title", .string, "Drawn above the plot."),
        OptionKey("caption", .string, "Shown under the figure (and read by screen readers)."),
        OptionKey("label", .string, "A label such as fig-loss for cross-references; also the figure's id."),
        OptionKey("x_label", .string, "Title of the x axis."),
        OptionKey("y_label", .string, "Title of the y axis."),
        OptionKey("x_scale", .choice(["linear", "log"]), "Scale of the x axis (default linear)."),
        OptionKey("y_scale", .choice(["linear", "log"]), "Scale of the y axis (default linear)."),
        OptionKey("x_format", .choice(TickFormat.allCases.map(\.rawValue)), "Tick labels of the x axis."),
        OptionKey("y_format", .choice(TickFormat.allCases.map(\.rawValue)), "Tick labels of the y axis."),
        OptionKey("x_min", .number, "Fixed lower end of the x axis."),
        OptionKey("x_max", .number, "Fixed upper end of the x axis."),
        OptionKey("y_min", .number, "Fixed lower end of the y axis."),
        OptionKey("y_max", .number, "Fixed upper end of the y axis."),
        OptionKey("width", .number, "Width in pixels (default 640)."),
        OptionKey("height", .number, "Height in pixels (default 400)."),
    ]

    static func axis(_ options: Options, _ name: String) throws(Diagnostic) -> Axis {
        Axis(
            try options.string("\(name)_label"),
            scale: ScaleKind(rawValue: try options.choice("\(name)_scale", ["linear", "log"], default: "linear")) ?? .linear,
            min: try options.number("\(name)_min"), max: try options.number("\(name)_max"),
            format: TickFormat(rawValue: try options.choice("\(name)_format", TickFormat.allCases.map(\.rawValue), default: "auto")) ?? .auto)
    }

    static func figure(_ options: Options, context: RunContext, layers: [Mark], x: Axis? = nil, y: Axis? = nil) throws(Diagnostic) -> Figure {
        let label = try options.string("label")
        let xAxis = if let x { x } else { try axis(options, "x") }
        let yAxis = if let y { y } else { try axis(options, "y") }
        // The SVG's id differs from the <figure>'s (the label, or fig-<cell>), which the report uses.
        return Figure(
            id: (label ?? "fig-\(context.cellID.filter { $0 != "#" })") + "-plot",
            title: try options.string("title"), caption: try options.string("caption"),
            x: xAxis, y: yAxis,
            width: try options.number("width", default: 640), height: try options.number("height", default: 400),
            layers: layers)
    }

    /// Width of the narrow rendering shown on phones: a 390 px screen less the page margins, so
    /// that it is drawn at about its own size and its 11 px tick labels stay above 9 CSS px.
    static let narrowWidth = 340.0

    /// The same figure laid out for a phone: `narrowWidth` wide, a little taller than its width
    /// share, with ids of its own so both renderings can sit in one page.
    static func narrow(_ figure: Figure) -> Figure {
        var small = figure
        small.id = figure.id + "-narrow"
        small.width = narrowWidth
        small.height = Swift.min(figure.height, Swift.max(260, figure.height * 0.7))
        return small
    }

    static func output(_ figure: Figure, options: Options, value: Value? = nil) throws(Diagnostic) -> CellOutput {
        let rendered = figure.render()
        let content = FigureContent(
            svg: rendered.svg, narrowSVG: figure.width > narrowWidth ? narrow(figure).render().svg : nil,
            caption: try options.string("caption"), label: try options.string("label"),
            csv: figure.csv(), warnings: rendered.warnings)
        return CellOutput(value: value, display: [.figure(content)])
    }

    /// A list of numbers from an option; nulls become NaN (drawn as gaps).
    static func numbers(_ options: Options, _ key: String) throws(Diagnostic) -> [Double]? {
        guard let value = try options.value(key) else { return nil }
        switch value {
        case .number(let x): return [x]
        case .list(let items):
            var out: [Double] = []
            for item in items {
                switch item {
                case .number(let x): out.append(x)
                case .null: out.append(.nan)
                default:
                    throw Diagnostic(at: options.location(of: key), "'\(key)' must be a list of numbers, found \(item.typeName) \(formatValue(item)) in it")
                }
            }
            return out
        default:
            throw Diagnostic(at: options.location(of: key), "'\(key)' must be a list of numbers, found \(value.typeName)")
        }
    }

    static func requiredNumbers(_ options: Options, _ key: String) throws(Diagnostic) -> [Double] {
        guard let xs = try numbers(options, key) else { throw Diagnostic(at: options.location, "missing required key '\(key)'") }
        return xs
    }
}
