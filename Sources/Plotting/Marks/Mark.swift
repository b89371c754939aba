/// One layer of a figure. Layers are drawn in order, so later layers lie on top.
public enum Mark: Sendable {
    case line(LineMark)
    case scatter(ScatterMark)
    case band(BandMark)
    case bar(BarMark)
    case histogram(HistogramMark)
    case heatmap(HeatmapMark)
    case rule(RuleMark)
    case text(TextMark)
}

/// How a series is identified: the legend label and, optionally, a fixed palette index.
/// Marks with the same label share a colour (a line and its ± std band); unlabelled marks each
/// take the next colour.
public struct SeriesKey: Sendable, Equatable {
    public var label: String?
    public var colour: Int?
    public init(label: String? = nil, colour: Int? = nil) {
        self.label = label
        self.colour = colour
    }
}
