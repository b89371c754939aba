import Notebooks
import Plotting

extension TickFormat: OptionChoice {}
extension ColourMap: OptionChoice {}

/// Options every figure directive shares — titles, axes, size, label — and the conversion of a
/// rendered `Figure` into report content. A directive that draws a figure declares the trait
/// `.drawsFigure`, lists `FigureOptions.axisKeys` among its keys, builds its marks and returns
/// `FigureOptions.output(FigureOptions.figure(...))`: numbering, the figure's id, its caption
/// and its CSV download follow from that.
public enum FigureOptions {
    /// The result of a directive that only draws a figure, for the reference.
    public static let result = "nothing; it draws a numbered figure whose data can be downloaded as CSV."

    /// An axis's scale as a notebook writes it (a band scale is chosen by bar categories).
    public enum AxisScale: String, OptionChoice { case linear, log }

    static let title = DirectiveOption<String>("title", "Drawn above the plot.")
    static let caption = DirectiveOption<String>("caption", "Shown under the figure (and read by screen readers).")
    static let label = DirectiveOption<String>("label", "A label such as fig-loss for cross-references; also the figure's id.")
    static let width = DirectiveOption<Double>("width", "Width in pixels.", default: 640)
    static let height = DirectiveOption<Double>("height", "Height in pixels.", default: 400)

    static let x = AxisOptions("x"), y = AxisOptions("y")

    public static let axisKeys = OptionKey.of(title, caption, label, x.label, y.label, x.scale, y.scale, x.format, y.format,
                                              x.min, x.max, y.min, y.max, width, height)

    /// The options of the x or the y axis, declared once for both.
    struct AxisOptions: Sendable {
        let label: DirectiveOption<String>, scale: DirectiveOption<AxisScale>, format: DirectiveOption<TickFormat>, min: DirectiveOption<Double>, max: DirectiveOption<Double>
        init(_ a: String) {
            label = DirectiveOption("\(a)_label", "Title of the \(a) axis.")
            scale = DirectiveOption("\(a)_scale", "Scale of the \(a) axis.", default: .linear)
            format = DirectiveOption("\(a)_format", "Tick labels of the \(a) axis.", default: .auto)
            min = DirectiveOption("\(a)_min", "Fixed lower end of the \(a) axis.")
            max = DirectiveOption("\(a)_max", "Fixed upper end of the \(a) axis.")
        }
    }

    /// The x or y axis as the cell's options describe it.
    public static func axis(_ options: Options, _ name: String) throws(Diagnostic) -> Axis {
        let a = name == "x" ? x : y
        return Axis(try options.optional(a.label), scale: try options.read(a.scale) == .log ? .log : .linear,
                    min: try options.optional(a.min), max: try options.optional(a.max), format: try options.read(a.format))
    }

    /// The figure of the cell, with the id the check phase gave it (`RunContext.anchor`).
    public static func figure(_ options: Options, context: RunContext, layers: [Mark], x: Axis? = nil, y: Axis? = nil) throws(Diagnostic) -> Figure {
        let xAxis = if let x { x } else { try axis(options, "x") }
        let yAxis = if let y { y } else { try axis(options, "y") }
        // The SVG's id differs from the <figure>'s (the anchor), which the report uses.
        return Figure(
            id: (context.anchor ?? "figure") + "-plot",
            title: try options.optional(title), caption: try options.optional(caption),
            x: xAxis, y: yAxis, width: try options.read(width), height: try options.read(height), layers: layers)
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

    /// The report content of `figure`: the SVG, a narrow rendering for phones, caption and CSV.
    public static func output(_ figure: Figure, options: Options, value: Value? = nil) throws(Diagnostic) -> CellOutput {
        let rendered = figure.render()
        let content = FigureContent(
            svg: rendered.svg, narrowSVG: figure.width > narrowWidth ? narrow(figure).render().svg : nil,
            caption: try options.optional(caption), label: try options.optional(label),
            csv: figure.csv(), warnings: rendered.warnings)
        return CellOutput(value: value, display: [.figure(content)])
    }

    /// A list of numbers from an option; nulls become NaN (drawn as gaps).
    public static func numbers(_ options: Options, _ key: String) throws(Diagnostic) -> [Double]? {
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

    public static func requiredNumbers(_ options: Options, _ key: String) throws(Diagnostic) -> [Double] {
        guard let xs = try numbers(options, key) else { throw Diagnostic(at: options.location, "missing required key '\(key)'") }
        return xs
    }
}
