/// Points `(x[i], y[i])` drawn as circles; invalid points are left out and counted.
public struct ScatterMark: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var series: SeriesKey
    /// Circle radius in pixels.
    public var radius: Double
    public var opacity: Double

    public init(x: [Double], y: [Double], label: String? = nil, colour: Int? = nil, radius: Double = 3, opacity: Double = 0.8) {
        self.x = x
        self.y = y
        self.series = SeriesKey(label: label, colour: colour)
        self.radius = radius
        self.opacity = opacity
    }
}
