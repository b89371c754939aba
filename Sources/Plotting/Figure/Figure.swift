/// One figure: axes, layers, title and caption, rendered to a standalone SVG.
///
/// ```swift
/// let figure = Figure(id: "loss", title: "Training loss",
///                     x: Axis("step"), y: Axis("loss", scale: .log),
///                     layers: [.line(LineMark(x: steps, y: train, label: "train")),
///                              .line(LineMark(x: steps, y: test, label: "test"))])
/// let result = figure.render()   // result.svg, result.warnings
/// ```
public struct Figure: Sendable {
    /// Stable identifier; every id inside the SVG derives from it (sanitised to `[A-Za-z0-9_-]`).
    public var id: String
    /// Drawn above the plot and used as the SVG's `<title>`.
    public var title: String?
    /// The SVG's `<desc>`; when absent a summary of the axes and series is generated.
    public var caption: String?
    public var x: Axis
    public var y: Axis
    /// Size of the SVG in pixels (its `viewBox`); the plot area is what the margins leave.
    public var width: Double
    public var height: Double
    public var layers: [Mark]
    /// Draw a legend (right of the plot) when at least one series has a label.
    public var showsLegend: Bool

    public init(id: String, title: String? = nil, caption: String? = nil, x: Axis = Axis(), y: Axis = Axis(),
                width: Double = 640, height: Double = 400, showsLegend: Bool = true, layers: [Mark]) {
        self.id = id
        self.title = title
        self.caption = caption
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.showsLegend = showsLegend
        self.layers = layers
    }
}
