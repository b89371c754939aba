extension PanelRenderer {
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
        out.leaf("path", attributes)
    }

    func drawScatter(_ m: ScatterMark, series: Int, into out: inout SVGWriter) {
        out.open("g", seriesAttributes(series) + [("fill", "currentColor"), ("fill-opacity", n(m.opacity))])
        out.newline()
        for i in 0..<Swift.min(m.x.count, m.y.count) {
            guard let (px, py) = point(m.x[i], m.y[i]) else { continue }
            out.leaf("circle", [("cx", n(px)), ("cy", n(py)), ("r", n(m.radius))])
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

    private func rect(_ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double, into out: inout SVGWriter) {
        out.leaf("rect", [("x", n(Swift.min(x0, x1))), ("y", n(Swift.min(y0, y1))),
                          ("width", n(abs(x1 - x0))), ("height", n(abs(y1 - y0)))])
    }

    func drawBars(_ m: BarMark, series: Int, slot: Int?, into out: inout SVGWriter) {
        out.open("g", seriesAttributes(series) + [("fill", "currentColor")])
        out.newline()
        let base = barBase
        switch m.placement {
        case .categories(let names):
            let slots = Swift.max(1, data.barSlotCount)
            for (i, name) in names.enumerated() where i < m.values.count {
                guard let index = layout.x.categories.firstIndex(of: name), layout.y.accepts(m.values[i]) else { continue }
                let band = layout.x.band(index)
                let width = band.width / Double(slots)
                let x0 = band.start + width * Double(slot ?? 0)
                rect(x0, x0 + width, base, layout.y.position(m.values[i]), into: &out)
            }
        case .numeric(let xs, let width):
            guard width.isFinite else { break }
            for i in 0..<Swift.min(xs.count, m.values.count) {
                let x0 = xs[i] - abs(width) / 2
                let x1 = xs[i] + abs(width) / 2
                guard layout.x.accepts(x0), layout.x.accepts(x1), layout.y.accepts(m.values[i]) else { continue }
                rect(layout.x.position(x0), layout.x.position(x1), base, layout.y.position(m.values[i]), into: &out)
            }
        }
        out.close("g")
    }

    func drawHistogram(_ m: HistogramMark, series: Int, into out: inout SVGWriter) {
        out.open("g", seriesAttributes(series) + [("fill", "currentColor"), ("fill-opacity", "0.8")])
        out.newline()
        let base = barBase
        let edges = m.binning.edges
        for (i, h) in m.heights.enumerated() where h != 0 {
            guard layout.x.accepts(edges[i]), layout.x.accepts(edges[i + 1]), layout.y.accepts(h) else { continue }
            var x0 = layout.x.position(edges[i])
            var x1 = layout.x.position(edges[i + 1])
            // A hairline gap between neighbouring bins when they are wide enough.
            if abs(x1 - x0) > 3 {
                x0 += 0.5
                x1 -= 0.5
            }
            rect(x0, x1, base, layout.y.position(h), into: &out)
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

    /// Rule labels and text annotations, drawn above the marks and outside the clip.
    func drawAnnotations(into out: inout SVGWriter) {
        let font = TextMetrics.tickFontSize
        for layer in figure.layers {
            switch layer {
            case .rule(let m):
                guard let label = m.label else { continue }
                if m.orientation == .horizontal, layout.y.accepts(m.value) {
                    let y = layout.y.position(m.value)
                    guard y >= layout.plotTop - 1, y <= layout.plotBottom + 1 else { continue }
                    // Above the line, unless that would leave the plot.
                    let baseline = y - 4 - font > layout.plotTop ? y - 4 : y + 4 + font * 0.8
                    out.textElement("text", [("class", "annotation"), ("x", n(layout.plotRight - 4)), ("y", n(baseline)),
                                             ("text-anchor", "end")], label)
                } else if m.orientation == .vertical, layout.x.accepts(m.value), layout.x.categories.isEmpty {
                    let x = layout.x.position(m.value)
                    guard x >= layout.plotLeft - 1, x <= layout.plotRight + 1 else { continue }
                    let width = TextMetrics.width(label, fontSize: font)
                    let fitsRight = x + 4 + width <= layout.plotRight
                    out.textElement("text", [("class", "annotation"), ("x", n(fitsRight ? x + 4 : x - 4)),
                                             ("y", n(layout.plotTop + font)), ("text-anchor", fitsRight ? "start" : "end")], label)
                }
            case .text(let m):
                guard let (px, py) = point(m.x, m.y) else { continue }
                guard px >= layout.plotLeft - 1, px <= layout.plotRight + 1,
                      py >= layout.plotTop - 1, py <= layout.plotBottom + 1 else { continue }
                if m.showsPoint {
                    out.leaf("circle", [("class", "annotation"), ("cx", n(px)), ("cy", n(py)), ("r", "2.5")])
                }
                let width = TextMetrics.width(m.text, fontSize: font)
                var anchor = m.anchor
                var x = px + m.dx
                // Flip to the other side of the point rather than run past the plot.
                if anchor == .start && x + width > layout.plotRight {
                    anchor = .end
                    x = px - m.dx
                } else if anchor == .end && x - width < layout.plotLeft {
                    anchor = .start
                    x = px - m.dx
                }
                var y = py + m.dy
                y = Swift.min(layout.plotBottom - 2, Swift.max(layout.plotTop + font * 0.8, y))
                out.textElement("text", [("class", "annotation"), ("x", n(x)), ("y", n(y)),
                                         ("text-anchor", anchor.rawValue)], m.text)
            default:
                continue
            }
        }
    }
}
