/// Bars from zero to `values[i]`. With `categories` the x axis is a band scale (several bar
/// marks over the same categories are drawn side by side); with numeric `x` each bar is centred
/// on `x[i]` with the given width in data units.
public struct BarMark: Sendable {
    public enum Placement: Sendable, Equatable {
        case categories([String])
        case numeric(x: [Double], width: Double)
    }

    public var placement: Placement
    public var values: [Double]
    public var series: SeriesKey

    public init(categories: [String], values: [Double], label: String? = nil, colour: Int? = nil) {
        self.placement = .categories(categories)
        self.values = values
        self.series = SeriesKey(label: label, colour: colour)
    }

    public init(x: [Double], values: [Double], width: Double = 0.8, label: String? = nil, colour: Int? = nil) {
        self.placement = .numeric(x: x, width: width)
        self.values = values
        self.series = SeriesKey(label: label, colour: colour)
    }
}
