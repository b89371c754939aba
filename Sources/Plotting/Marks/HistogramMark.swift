/// A histogram: bars over bins, from raw values (binned by a `BinRule`) or from counts already
/// computed.
public struct HistogramMark: Sendable {
    public var binning: Binning
    public var series: SeriesKey
    /// Draw counts divided by (total · bin width), so the bars integrate to one.
    public var density: Bool

    public init(values: [Double], bins: BinRule = .automatic, label: String? = nil, colour: Int? = nil, density: Bool = false) {
        self.binning = Binning(values: values, rule: bins)
        self.series = SeriesKey(label: label, colour: colour)
        self.density = density
    }

    public init(binning: Binning, label: String? = nil, colour: Int? = nil, density: Bool = false) {
        self.binning = binning
        self.series = SeriesKey(label: label, colour: colour)
        self.density = density
    }

    /// Bar heights: counts, or densities.
    var heights: [Double] {
        let total = Double(binning.counts.reduce(0, +))
        return binning.counts.indices.map { i in
            let count = Double(binning.counts[i])
            guard density else { return count }
            let width = binning.edges[i + 1] - binning.edges[i]
            return total > 0 && width > 0 ? count / (total * width) : 0
        }
    }
}
