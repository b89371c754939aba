import Foundation

extension PanelRenderer {
    /// The drawable points of a scatter mark grouped by the pixel they round to, in order of
    /// first appearance: (position of the first, indices of all).
    func scatterGroups(_ m: ScatterMark) -> [(px: Double, py: Double, members: [Int])] {
        var groups: [(px: Double, py: Double, members: [Int])] = []
        var groupAt: [Int: Int] = [:]  // pixel key → group index
        for i in 0..<Swift.min(m.x.count, m.y.count) {
            guard let (px, py) = point(m.x[i], m.y[i]), abs(px) < 1e9, abs(py) < 1e9 else { continue }
            let key = Int(px.rounded()) &* 1_000_003 &+ Int(py.rounded())
            if let g = groupAt[key] {
                groups[g].members.append(i)
            } else {
                groupAt[key] = groups.count
                groups.append((px, py, [i]))
            }
        }
        return groups
    }

    /// Radius of a circle standing for `count` points: its area is 1 + log₂ count times one's.
    static func mergedRadius(_ radius: Double, count: Int) -> Double {
        radius * (1 + Foundation.log2(Double(Swift.max(1, count)))).squareRoot()
    }

    /// Pixel position of a data point, or nil when it cannot be drawn.
    func point(_ x: Double, _ y: Double) -> (Double, Double)? {
        guard layout.x.accepts(x), layout.y.accepts(y) else { return nil }
        if case .band(let names) = layout.x.kind {
            // On a band axis, x = i is the centre of category i.
            guard x >= 0, x < Double(names.count), x == x.rounded() else { return nil }
            return (layout.x.position(x + 0.5), layout.y.position(y))
        }
        return (layout.x.position(x), layout.y.position(y))
    }

    /// Path data through consecutive drawable points, a new subpath after each gap. Points that
    /// round to the same coordinates as the previous one are skipped, and a run with more points
    /// than the plot has pixel columns is reduced by `M4` first.
    func polyline(_ xs: [Double], _ ys: [Double]) -> String {
        var d = ""
        var run: [(Double, Double)] = []
        func flush() {
            guard !run.isEmpty else { return }
            let points = run.count > Int(layout.plotWidth) ? Self.m4(run) : run
            var previous = ""
            for (i, (px, py)) in points.enumerated() {
                let pair = n(px) + " " + n(py)
                if i == 0 {
                    d += "M" + pair
                } else if pair != previous {
                    d += " " + pair
                }
                previous = pair
            }
            run = []
        }
        for i in 0..<Swift.min(xs.count, ys.count) {
            guard let p = point(xs[i], ys[i]) else {
                flush()
                continue
            }
            run.append(p)
        }
        flush()
        return d
    }

    /// M4 aggregation (Jugel et al., "M4: A Visualization-Oriented Time Series Data
    /// Aggregation", PVLDB 7(10), 2014): of each run of consecutive points falling in the same
    /// one-pixel column, keep the first, the lowest, the highest and the last, in their original
    /// order. A line through the kept points rasterises to the same pixels as the full line.
    static func m4(_ points: [(Double, Double)]) -> [(Double, Double)] {
        var kept: [(Double, Double)] = []
        var start = 0
        while start < points.count {
            let column = points[start].0.rounded(.down)
            var end = start + 1
            while end < points.count && points[end].0.rounded(.down) == column { end += 1 }
            var low = start
            var high = start
            for i in start..<end {
                if points[i].1 < points[low].1 { low = i }
                if points[i].1 > points[high].1 { high = i }
            }
            for i in Set([start, low, high, end - 1]).sorted() { kept.append(points[i]) }
            start = end
        }
        return kept
    }

    func drawLine(_ m: LineMark, series: Int, into out: inout SVGWriter) {
        let d = polyline(m.x, m.y)
        guard !d.isEmpty else { return }
        var attributes = seriesAttributes(series)
        attributes += [("fill", "none"), ("stroke", "currentColor"), ("stroke-width", n(m.width)),
                       ("stroke-linejoin", "round"), ("stroke-linecap", "round")]
        if m.dashed { attributes.append(("stroke-dasharray", "6 4")) }
        attributes.append(("d", d))
        // A line has no points to hover, so its title sums it up: name, length, ranges.
        let count = Swift.min(m.x.count, m.y.count)
        let name = m.series.label.map { $0 + ": " } ?? ""
        out.open("path", attributes)
        out.textElement("title", [], "\(name)\(count) \(count == 1 ? "point" : "points"), x \(HoverText.range(Array(m.x.prefix(count)).filter(\.isFinite))), y \(HoverText.range(Array(m.y.prefix(count)).filter(\.isFinite)))")
        out.close("path")
    }

    /// Circles, one per pixel: points that round to the same pixel are drawn once, with an area
    /// of 1 + log₂ n times a single point's and a title giving n (thousands of functions at the
    /// same probability otherwise pile into one blot of unknown weight). Each circle's `<title>`
    /// shows its values on hover. Error bars (y ± error) are drawn under the circles.
    func drawScatter(_ m: ScatterMark, series: Int, into out: inout SVGWriter) {
        out.open("g", seriesAttributes(series) + [("fill", "currentColor"), ("fill-opacity", n(m.opacity))])
        out.newline()
        if let error = m.error {
            var d = ""
            for i in 0..<Swift.min(m.x.count, m.y.count, error.count) where error[i].isFinite {
                guard let (px, _) = point(m.x[i], m.y[i]) else { continue }
                let ends = [m.y[i] - abs(error[i]), m.y[i] + abs(error[i])].map { layout.y.accepts($0) ? layout.y.position($0) : nil }
                guard let low = ends[0] ?? (layout.y.kind == .log ? layout.y.position(layout.y.lower) : nil), let high = ends[1] else { continue }
                d += "M\(n(px)) \(n(low))V\(n(high))M\(n(px - 3)) \(n(low))h6M\(n(px - 3)) \(n(high))h6"
            }
            if !d.isEmpty {
                out.leaf("path", [("class", "error-bar"), ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "1.2"), ("d", d)])
            }
        }
        for group in scatterGroups(m) {
            let radius = Self.mergedRadius(m.radius, count: group.members.count)
            let first = group.members[0]
            var title = "\(HoverText.pair(m.x[first], m.y[first]))"
            if let error = m.error, first < error.count, error[first].isFinite { title += " ± " + HoverText.number(abs(error[first])) }
            if group.members.count > 1 {
                let xs = group.members.map { m.x[$0] }, ys = group.members.map { m.y[$0] }
                title = "\(group.members.count) points: x \(HoverText.range(xs)), y \(HoverText.range(ys))"
            }
            out.open("circle", [("cx", n(group.px)), ("cy", n(group.py)), ("r", n(radius))])
            out.textElement("title", [], title)
            out.close("circle")
        }
        out.close("g")
    }

    func drawBand(_ m: BandMark, series: Int, into out: inout SVGWriter) {
        var d = ""
        var upper: [(Double, Double)] = []
        var lower: [(Double, Double)] = []
        func flush() {
            if upper.count >= 2 {
                d += "M" + upper.map { n($0.0) + " " + n($0.1) }.joined(separator: " ")
                d += "L" + lower.reversed().map { n($0.0) + " " + n($0.1) }.joined(separator: " ") + "Z"
            }
            upper = []
            lower = []
        }
        for i in 0..<Swift.min(m.x.count, m.lower.count, m.upper.count) {
            guard let top = point(m.x[i], m.upper[i]), let bottom = point(m.x[i], m.lower[i]) else {
                flush()
                continue
            }
            upper.append(top)
            lower.append(bottom)
        }
        flush()
        guard !d.isEmpty else { return }
        out.leaf("path", seriesAttributes(series) + [("fill", "currentColor"), ("fill-opacity", n(m.opacity)), ("d", d)])
    }

    /// The pixel row of a bar's base: zero when the value axis shows it, else the axis bottom.
    private var barBase: Double {
        let lo = Swift.min(layout.y.lower, layout.y.upper)
        let hi = Swift.max(layout.y.lower, layout.y.upper)
        if layout.y.kind == .log { return layout.y.position(lo) }
        return layout.y.position(Swift.min(hi, Swift.max(lo, 0)))
    }

    /// Bars from the base to each value, with a hover title; on a log value axis, dots at the
    /// values instead (`PanelData.barsAsDots`).
    func drawBars(_ m: BarMark, series: Int, slot: Int?, into out: inout SVGWriter) {
        out.open("g", seriesAttributes(series) + [("fill", "currentColor")])
        out.newline()
        let base = barBase
        func bar(_ x0: Double, _ x1: Double, value: Double, title: String) {
            let top = layout.y.position(value)
            if data.barsAsDots {
                out.open("circle", [("cx", n((x0 + x1) / 2)), ("cy", n(top)), ("r", "4")])
            } else {
                out.open("rect", [("x", n(Swift.min(x0, x1))), ("y", n(Swift.min(base, top))),
                                  ("width", n(abs(x1 - x0))), ("height", n(abs(top - base)))])
            }
            out.textElement("title", [], title)
            out.close(data.barsAsDots ? "circle" : "rect")
        }
        switch m.placement {
        case .categories(let names):
            let slots = Swift.max(1, data.barSlotCount)
            for (i, name) in names.enumerated() where i < m.values.count {
                guard let index = layout.x.categories.firstIndex(of: name), layout.y.accepts(m.values[i]) else { continue }
                let band = layout.x.band(index)
                let width = band.width / Double(slots)
                let x0 = band.start + width * Double(slot ?? 0)
                bar(x0, x0 + width, value: m.values[i], title: "\(name): \(HoverText.number(m.values[i]))")
            }
        case .numeric(let xs, let width):
            guard width.isFinite else { break }
            for i in 0..<Swift.min(xs.count, m.values.count) {
                let x0 = xs[i] - abs(width) / 2
                let x1 = xs[i] + abs(width) / 2
                guard layout.x.accepts(x0), layout.x.accepts(x1), layout.y.accepts(m.values[i]) else { continue }
                bar(layout.x.position(x0), layout.x.position(x1), value: m.values[i], title: HoverText.pair(xs[i], m.values[i]))
            }
        }
        out.close("g")
    }

    /// Filled bars for one histogram; with several on the same axes, each is an outline (a step
    /// line along the tops of its bins), so none hides or tints another. Every bin has a hover
    /// title with its range and height.
    func drawHistogram(_ m: HistogramMark, series: Int, into out: inout SVGWriter) {
        let outlined = data.histogramCount > 1
        out.open("g", seriesAttributes(series) + [("fill", "currentColor"), ("fill-opacity", outlined ? "0" : "0.8")])
        out.newline()
        let base = barBase
        let edges = m.binning.edges
        let heights = m.heights
        var outline = ""
        for (i, h) in heights.enumerated() {
            guard layout.x.accepts(edges[i]), layout.x.accepts(edges[i + 1]), layout.y.accepts(h) || h == 0 else { continue }
            var x0 = layout.x.position(edges[i])
            var x1 = layout.x.position(edges[i + 1])
            let top = h == 0 || !layout.y.accepts(h) ? base : layout.y.position(h)
            if outlined {
                outline += (outline.isEmpty ? "M\(n(x0)) \(n(base))" : "") + "V\(n(top))H\(n(x1))"
                if i == heights.count - 1 { outline += "V\(n(base))" }
            }
            guard h != 0 else { continue }
            // A hairline gap between neighbouring bins when they are wide enough.
            if !outlined && abs(x1 - x0) > 3 {
                x0 += 0.5
                x1 -= 0.5
            }
            out.open("rect", [("x", n(Swift.min(x0, x1))), ("y", n(Swift.min(base, top))),
                              ("width", n(abs(x1 - x0))), ("height", n(abs(top - base)))])
            let what = m.density ? "density" : "count"
            out.textElement("title", [], "[\(HoverText.number(edges[i])), \(HoverText.number(edges[i + 1]))): \(what) \(HoverText.number(h))")
            out.close("rect")
        }
        if outlined && !outline.isEmpty {
            out.leaf("path", [("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "1.8"), ("stroke-linejoin", "miter"), ("d", outline)])
        }
        out.close("g")
    }

    func drawRule(_ m: RuleMark, into out: inout SVGWriter) {
        var attributes: SVGWriter.Attributes = [("class", "rule"), ("fill", "none"), ("stroke", "currentColor"),
                                                ("stroke-opacity", "0.7")]
        if m.dashed { attributes.append(("stroke-dasharray", "4 3")) }
        switch m.orientation {
        case .horizontal:
            guard layout.y.accepts(m.value) else { return }
            let y = layout.y.position(m.value)
            attributes.append(("d", "M\(n(layout.plotLeft)) \(n(y))H\(n(layout.plotRight))"))
        case .vertical:
            guard layout.x.accepts(m.value), layout.x.categories.isEmpty else { return }
            let x = layout.x.position(m.value)
            attributes.append(("d", "M\(n(x)) \(n(layout.plotTop))V\(n(layout.plotBottom))"))
        }
        out.leaf("path", attributes)
    }
}
