/// One axis of a figure: its label, scale, optional fixed bounds and tick format.
public struct Axis: Sendable, Equatable {
    /// Axis title, drawn outside the tick labels.
    public var label: String?
    public var scale: ScaleKind
    /// Fixed lower bound; `nil` takes it from the data.
    public var min: Double?
    /// Fixed upper bound; `nil` takes it from the data.
    public var max: Double?
    public var format: TickFormat
    /// Extend the data domain to the nearest ticks (linear) or decades (log). Ignored when both
    /// bounds are given and for heatmap extents.
    public var nice: Bool
    /// Include zero in the domain (bars and histograms always do on their value axis).
    public var includesZero: Bool
    /// Draw light grid lines at major ticks.
    public var grid: Bool

    public init(_ label: String? = nil, scale: ScaleKind = .linear, min: Double? = nil, max: Double? = nil,
                format: TickFormat = .auto, nice: Bool = true, includesZero: Bool = false, grid: Bool = true) {
        self.label = label
        self.scale = scale
        self.min = min
        self.max = max
        self.format = format
        self.nice = nice
        self.includesZero = includesZero
        self.grid = grid
    }
}
