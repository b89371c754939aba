/// A polyline through `(x[i], y[i])`. A non-finite point (or one ≤ 0 on a log axis) breaks the
/// line: the segments on either side are drawn, the gap is not bridged.
public struct LineMark: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var series: SeriesKey
    public var dashed: Bool
    public var width: Double

    /// `x` and `y` pair up to the shorter length.
    public init(x: [Double], y: [Double], label: String? = nil, colour: Int? = nil, dashed: Bool = false, width: Double = 1.75) {
        self.x = x
        self.y = y
        self.series = SeriesKey(label: label, colour: colour)
        self.dashed = dashed
        self.width = width
    }

    /// A line at x = 0, 1, 2, … (e.g. a value per training step).
    public init(y: [Double], label: String? = nil, colour: Int? = nil, dashed: Bool = false) {
        self.init(x: y.indices.map(Double.init), y: y, label: label, colour: colour, dashed: dashed)
    }
}
