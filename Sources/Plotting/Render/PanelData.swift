/// What a figure's layers contain once validated against its axes: data extents, categories,
/// series colours, legend entries and the warnings about what cannot be drawn.
struct PanelData {
    enum Swatch: Equatable {
        case line(dashed: Bool)
        case point
        case area(opacity: Double)
        /// A line drawn over its band (mean ± std), one legend entry for both.
        case lineOverArea(dashed: Bool, opacity: Double)

        /// The swatch of two marks sharing a label.
        func merged(with other: Swatch) -> Swatch {
            switch (self, other) {
            case (.line(let dashed), .area(let opacity)), (.area(let opacity), .line(let dashed)):
                return .lineOverArea(dashed: dashed, opacity: opacity)
            default:
                return self
            }
        }
    }

    struct LegendEntry: Equatable {
        var label: String
        let series: Int
        var swatch: Swatch
    }

    struct Extent: Equatable {
        var min: Double
        var max: Double
        mutating func include(_ v: Double) {
            min = Swift.min(min, v)
            max = Swift.max(max, v)
        }
        func union(_ other: Extent?) -> Extent {
            guard let other else { return self }
            return Extent(min: Swift.min(min, other.min), max: Swift.max(max, other.max))
        }
    }

    var xKind: ScaleKind
    var yKind: ScaleKind
    var seriesOfLayer: [Int?] = []
    var legend: [LegendEntry] = []
    var xExtent: Extent?
    var yExtent: Extent?
    var categories: [String] = []
    /// Slot of each categorical bar layer among the bar layers (bars side by side).
    var barSlot: [Int: Int] = [:]
    var barSlotCount = 0
    var heatmap: HeatmapMark?
    /// Heatmap extents are drawn exactly, without nice rounding, and rows run downwards.
    var exactX = false
    var exactY = false
    var yReversed = false
    var valueAxisIncludesZero = false
    /// Histogram layers in the figure: two or more are drawn as outlines, since overlapping
    /// translucent fills blend into colours the legend does not show.
    var histogramCount = 0
    /// Points are drawn as circles: an x axis ending exactly at the data would cut the outermost
    /// in half, so it gets a small margin (the axis still does not run on to a round number).
    var padsX = false
    /// Bars on a log value axis have no base (log 0 is −∞), so their length would depend on where
    /// the axis happens to start: they are drawn as dots at their values instead.
    var barsAsDots: Bool { yKind == .log }
    var warnings: [String] = []
    /// Short descriptions of the layers for the generated summary ("line “train” (100 points)").
    var layerSummaries: [String] = []

    init(figure: Figure) {
        let hasCategories = figure.layers.contains {
            if case .bar(let bar) = $0, case .categories = bar.placement { return true }
            return false
        }
        xKind = hasCategories ? .band : (figure.x.scale == .band ? .linear : figure.x.scale)
        yKind = figure.y.scale == .band ? .linear : figure.y.scale
        if figure.y.scale == .band { warnings.append("a band scale is only available on the x axis; y is linear") }
        if figure.x.scale == .band && !hasCategories {
            warnings.append("a band x scale needs bars with categories; x is linear")
        }
        histogramCount = figure.layers.filter { if case .histogram = $0 { true } else { false } }.count
        assignSeries(figure.layers)
        for (index, layer) in figure.layers.enumerated() {
            include(layer, index: index)
        }
    }

    // MARK: Series

    private mutating func assignSeries(_ layers: [Mark]) {
        var byLabel: [String: Int] = [:]
        var next = 0
        for layer in layers {
            guard let (key, swatch) = seriesKey(layer) else {
                seriesOfLayer.append(nil)
                continue
            }
            let series: Int
            if let label = key.label, let known = byLabel[label] {
                series = key.colour ?? known
                if let entry = legend.firstIndex(where: { $0.label == label }) {
                    legend[entry].swatch = legend[entry].swatch.merged(with: swatch)
                }
            } else {
                series = key.colour ?? next
                if key.colour == nil { next += 1 }
                if let label = key.label {
                    byLabel[label] = series
                    legend.append(LegendEntry(label: label, series: series, swatch: swatch))
                }
            }
            seriesOfLayer.append(series)
        }
    }

    private func seriesKey(_ layer: Mark) -> (SeriesKey, Swatch)? {
        switch layer {
        case .line(let m): return (m.series, .line(dashed: m.dashed))
        case .scatter(let m): return (m.series, .point)
        case .band(let m): return (m.series, .area(opacity: m.opacity))
        case .bar(let m): return (m.series, barsAsDots ? .point : .area(opacity: 1))
        case .histogram(let m): return (m.series, histogramCount > 1 ? .line(dashed: false) : .area(opacity: 0.8))
        case .heatmap, .rule, .text: return nil
        }
    }

    // MARK: Extents and validation

    private func valid(_ v: Double, _ kind: ScaleKind) -> Bool {
        v.isFinite && (kind != .log || v > 0)
    }

    private mutating func includeX(_ v: Double) {
        if xExtent == nil { xExtent = Extent(min: v, max: v) } else { xExtent!.include(v) }
    }

    private mutating func includeY(_ v: Double) {
        if yExtent == nil { yExtent = Extent(min: v, max: v) } else { yExtent!.include(v) }
    }

    /// Counts points left out for each reason and records one warning per reason.
    private struct LeftOut {
        var nonFinite = 0
        var nonPositiveX = 0
        var nonPositiveY = 0

        func warnings(_ name: String, unit: String) -> [String] {
            var out: [String] = []
            if nonFinite > 0 { out.append("\(name): \(nonFinite) \(plural(unit, nonFinite)) with NaN or infinite values left out") }
            if nonPositiveX > 0 { out.append("\(name): \(nonPositiveX) \(plural(unit, nonPositiveX)) with x ≤ 0 left out of the log x scale") }
            if nonPositiveY > 0 { out.append("\(name): \(nonPositiveY) \(plural(unit, nonPositiveY)) with y ≤ 0 left out of the log y scale") }
            return out
        }
    }

    /// Checks one point; returns whether it can be drawn and counts why not.
    private func check(_ x: Double, _ y: Double, _ leftOut: inout LeftOut, xKind: ScaleKind? = nil) -> Bool {
        let xk = xKind ?? self.xKind
        if !x.isFinite || !y.isFinite {
            leftOut.nonFinite += 1
            return false
        }
        if xk == .log && x <= 0 {
            leftOut.nonPositiveX += 1
            return false
        }
        if yKind == .log && y <= 0 {
            leftOut.nonPositiveY += 1
            return false
        }
        return true
    }

    private mutating func include(_ layer: Mark, index: Int) {
        switch layer {
        case .line(let m):
            includePoints(m.x, m.y, name: Self.name("line", m.series.label), unit: "point")
        case .scatter(let m):
            padsX = true
            includePoints(m.x, m.y, name: Self.name("scatter", m.series.label), unit: "point")
            if let error = m.error {
                for i in 0..<min(m.x.count, m.y.count, error.count) where error[i].isFinite {
                    for end in [m.y[i] - abs(error[i]), m.y[i] + abs(error[i])] where valid(end, yKind) { includeY(end) }
                }
            }
        case .band(let m):
            let name = Self.name("band", m.series.label)
            let count = min(m.x.count, m.lower.count, m.upper.count)
            var leftOut = LeftOut()
            var drawn = 0
            for i in 0..<count {
                let ok = check(m.x[i], m.lower[i], &leftOut) && check(m.x[i], m.upper[i], &leftOut)
                guard ok else { continue }
                drawn += 1
                includeX(m.x[i])
                includeY(m.lower[i])
                includeY(m.upper[i])
            }
            finish(name, unit: "point", drawn: drawn, leftOut: leftOut)
        case .bar(let m):
            includeBar(m, index: index)
        case .histogram(let m):
            let name = Self.name("histogram", m.series.label)
            valueAxisIncludesZero = true
            let edges = m.binning.edges
            var leftOut = LeftOut()
            var drawn = 0
            for (i, h) in m.heights.enumerated() {
                guard check(edges[i], h, &leftOut), check(edges[i + 1], h, &leftOut) else { continue }
                drawn += 1
                includeX(edges[i])
                includeX(edges[i + 1])
                includeY(h)
            }
            if m.binning.leftOut > 0 {
                warnings.append("\(name): \(m.binning.leftOut) \(plural("value", m.binning.leftOut)) not finite or outside the bins left out")
            }
            let total = m.binning.counts.reduce(0, +)
            layerSummaries.append("\(name) of \(total) \(plural("value", total)) in \(m.binning.counts.count) \(plural("bin", m.binning.counts.count))")
            if drawn == 0 { warnings.append("\(name) has no data to draw") }
            if leftOut.nonFinite + leftOut.nonPositiveX + leftOut.nonPositiveY > 0 {
                warnings += leftOut.warnings(name, unit: "bin")
            }
        case .heatmap(let m):
            includeHeatmap(m)
        case .rule(let m):
            let isX = m.orientation == .vertical
            let ok = valid(m.value, isX ? xKind : yKind) && !(isX && xKind == .band)
            if ok {
                if isX { includeX(m.value) } else { includeY(m.value) }
            } else {
                warnings.append("rule at \(isX ? "x" : "y") = \(m.value) cannot be drawn on this scale and was left out")
            }
        case .text(let m):
            var leftOut = LeftOut()
            if xKind != .band, check(m.x, m.y, &leftOut) {
                includeX(m.x)
                includeY(m.y)
            } else {
                warnings.append("annotation “\(m.text)” at a position that cannot be drawn was left out")
            }
        }
    }

    private mutating func includePoints(_ xs: [Double], _ ys: [Double], name: String, unit: String) {
        let count = min(xs.count, ys.count)
        var leftOut = LeftOut()
        var drawn = 0
        for i in 0..<count where check(xs[i], ys[i], &leftOut) {
            drawn += 1
            if xKind == .band { continue }
            includeX(xs[i])
            includeY(ys[i])
        }
        if xs.count != ys.count {
            warnings.append("\(name): x has \(xs.count) and y \(ys.count) values; the extra \(abs(xs.count - ys.count)) left out")
        }
        finish(name, unit: unit, drawn: drawn, leftOut: leftOut)
    }

    private mutating func includeBar(_ m: BarMark, index: Int) {
        let name = Self.name("bars", m.series.label)
        if !barsAsDots { valueAxisIncludesZero = true }
        var leftOut = LeftOut()
        var drawn = 0
        switch m.placement {
        case .categories(let names):
            barSlot[index] = barSlotCount
            barSlotCount += 1
            for (i, category) in names.enumerated() {
                if !categories.contains(category) { categories.append(category) }
                guard i < m.values.count else { continue }
                guard check(0, m.values[i], &leftOut, xKind: .linear) else { continue }
                drawn += 1
                includeY(m.values[i])
            }
        case .numeric(let xs, let width):
            for i in 0..<min(xs.count, m.values.count) where check(xs[i], m.values[i], &leftOut) {
                drawn += 1
                if xKind != .band {
                    let half = width.isFinite ? abs(width) / 2 : 0
                    if xKind != .log || xs[i] - half > 0 {
                        includeX(xs[i] - half)
                        includeX(xs[i] + half)
                    } else {
                        includeX(xs[i])
                    }
                }
                includeY(m.values[i])
            }
        }
        finish(name, unit: "bar", drawn: drawn, leftOut: leftOut)
    }

    private mutating func includeHeatmap(_ m: HeatmapMark) {
        if heatmap == nil { heatmap = m }
        let rows = m.rowCount
        let columns = m.columnCount
        let cells = m.values.joined()
        let nonFinite = cells.filter { !$0.isFinite }.count + (rows * columns - cells.count)
        let name = Self.name("heatmap", m.label)
        layerSummaries.append("\(name) of \(rows) × \(columns) cells, colour map \(m.colourMap.rawValue)")
        if rows == 0 || columns == 0 {
            warnings.append("\(name) is empty")
            return
        }
        if nonFinite > 0 { warnings.append("\(name): \(nonFinite) \(plural("cell", nonFinite)) NaN, infinite or missing left blank") }
        if xKind == .linear { includeX(-0.5); includeX(Double(columns) - 0.5); exactX = true }
        if yKind == .linear { includeY(-0.5); includeY(Double(rows) - 0.5); exactY = true; yReversed = true }
        if xKind != .linear || yKind != .linear { warnings.append("\(name) needs linear axes") }
    }

    private mutating func finish(_ name: String, unit: String, drawn: Int, leftOut: LeftOut) {
        layerSummaries.append("\(name) (\(drawn) \(plural(unit, drawn)))")
        if drawn == 0 { warnings.append("\(name) has no data to draw") }
        warnings += leftOut.warnings(name, unit: unit)
    }

    static func name(_ kind: String, _ label: String?) -> String {
        guard let label else { return kind }
        return "\(kind) “\(label)”"
    }
}

func plural(_ word: String, _ count: Int) -> String {
    count == 1 ? word : word + "s"
}
