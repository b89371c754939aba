/// A filled area between `lower[i]` and `upper[i]` over `x[i]` (e.g. mean ± std across seeds).
/// Give it the label of the line it surrounds to share that line's colour; a band alone in the
/// legend only when no other mark has its label.
public struct BandMark: Sendable {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var series: SeriesKey
    public var opacity: Double

    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil, colour: Int? = nil, opacity: Double = 0.25) {
        self.x = x
        self.lower = lower
        self.upper = upper
        self.series = SeriesKey(label: label, colour: colour)
        self.opacity = opacity
    }
}
