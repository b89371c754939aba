/// Points `(x[i], y[i])` drawn as circles; invalid points are left out and counted. Points that
/// fall on the same pixel are drawn as one circle whose area grows with 1 + log₂ of their number
/// (its hover title gives the count). `error[i]`, when given, draws a bar over y ± error[i].
public struct ScatterMark: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var series: SeriesKey
    /// Circle radius in pixels.
    public var radius: Double
    public var opacity: Double
    /// Half-lengths of vertical error bars (a standard deviation, say); nil for none.
    public var error: [Double]?

    public init(x: [Double], y: [Double], label: String? = nil, colour: Int? = nil, radius: Double = 3, opacity: Double = 0.8,
                error: [Double]? = nil) {
        self.error = error
        self.x = x
        self.y = y
        self.series = SeriesKey(label: label, colour: colour)
        self.radius = radius
        self.opacity = opacity
    }
}
