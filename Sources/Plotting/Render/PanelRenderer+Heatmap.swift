import WholeNumbers

extension PanelRenderer {
    /// Number of colour levels a heatmap is quantized to: one `<path>` per level used.
    static let heatmapLevels = 256

    /// Draws the cells of a matrix compactly: values are quantized to 256 colour levels, equal
    /// neighbours in a row merge into one run, and all runs of a level form one `<path>` in cell
    /// units (`M{col} {row}h{run}v1h-{run}z`) inside a group scaled to the cell size. A 113×113
    /// matrix of distinct values takes about 170 KB.
    func drawHeatmap(_ m: HeatmapMark, into out: inout SVGWriter) {
        let columns = m.columnCount
        let rows = m.rowCount
        guard rows > 0, columns > 0, layout.x.kind == .linear, layout.y.kind == .linear else { return }
        let domain = m.resolvedDomain
        let table = m.colourMap.table(levels: Self.heatmapLevels)
        var paths = [String](repeating: "", count: table.count)
        for (r, row) in m.values.enumerated() {
            var c = 0
            while c < row.count {
                guard let level = level(row[c], domain: domain, levels: table.count) else {
                    c += 1
                    continue
                }
                var run = 1
                while c + run < row.count, self.level(row[c + run], domain: domain, levels: table.count) == level {
                    run += 1
                }
                paths[level] += "M\(c) \(r)h\(run)v1h-\(run)z"
                c += run
            }
        }
        let x0 = layout.x.position(-0.5)
        let y0 = layout.y.position(-0.5)
        let cellWidth = layout.x.position(0.5) - x0
        let cellHeight = layout.y.position(0.5) - y0
        out.open("g", [("class", "heatmap"), ("transform", "translate(\(n(x0)),\(n(y0))) scale(\(scaleText(cellWidth)),\(scaleText(cellHeight)))"),
                       ("shape-rendering", "crispEdges")])
        out.newline()
        for (level, d) in paths.enumerated() where !d.isEmpty {
            out.leaf("path", [("fill", table[level].hex), ("d", d)])
        }
        out.close("g")
        let breaks = m.rowBreaks.filter { $0 > 0 && $0 < rows }
        if !breaks.isEmpty {
            let d = breaks.map { r in "M\(n(x0)) \(n(layout.y.position(Double(r) - 0.5)))H\(n(layout.x.position(Double(columns) - 0.5)))" }.joined()
            out.leaf("path", [("class", "row-break"), ("fill", "none"), ("stroke", "#ffffff"), ("stroke-width", "3"), ("d", d)])
        }
    }

    /// Scale factors keep four decimals: a rounding error of 0.005 px per cell would add up to
    /// half a pixel across a hundred cells.
    private func scaleText(_ v: Double) -> String {
        let whole = CoordinateFormat.format((v * 100).rounded() / 100)
        let fine = (v * 10000).rounded() / 10000
        guard fine != (v * 100).rounded() / 100 else { return whole }
        let sign = fine < 0 ? "-" : ""
        let magnitude = Int64(abs(fine) * 10000 + 0.5)
        var fraction = String(magnitude % 10000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 10000) + "." + fraction
    }

    /// Colour level of a value, or nil when it is not finite. Values outside the domain clamp.
    private func level(_ v: Double, domain: (min: Double, max: Double), levels: Int) -> Int? {
        guard v.isFinite else { return nil }
        // Scaled term by term: (v − min)/(max − min) overflows for a domain spanning ±1e308.
        let scale = domain.max / 2 - domain.min / 2
        let t = (v / 2 - domain.min / 2) / scale
        return WholeNumber.clamped(t * Double(levels - 1), to: 0...(levels - 1))
    }

    func colourBarGradient(_ m: HeatmapMark, into out: inout SVGWriter) {
        out.open("linearGradient", [("id", gradientId), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
        out.newline()
        let anchors = m.colourMap.anchors
        for (i, colour) in anchors.enumerated() {
            let offset = Double(i) / Double(anchors.count - 1)
            out.leaf("stop", [("offset", n(offset)), ("stop-color", colour.hex)])
        }
        out.close("linearGradient")
    }

    /// The colour bar: a gradient strip right of the plot (after the legend), ticks and labels
    /// on its right, its title rotated beyond them.
    func drawColourBar(_ m: HeatmapMark, into out: inout SVGWriter) {
        let font = TextMetrics.tickFontSize
        let x0 = layout.plotRight + layout.ruleLabelWidth + layout.legendWidth + PanelLayout.sideGap
        let top = layout.plotTop
        let height = layout.plotHeight
        let domain = m.resolvedDomain
        out.open("g", [("class", "colourbar"), ("fill", "currentColor")])
        out.newline()
        out.leaf("rect", [("x", n(x0)), ("y", n(top)), ("width", n(PanelLayout.colourBarThickness)),
                          ("height", n(height)), ("fill", "url(#\(gradientId))")])
        var d = ""
        func y(_ v: Double) -> Double { top + height - (v - domain.min) / (domain.max - domain.min) * height }
        let right = x0 + PanelLayout.colourBarThickness
        for tick in layout.colourTicks {
            d += "M\(n(right)) \(n(y(tick.value)))h\(n(PanelLayout.tickLength))"
        }
        if !d.isEmpty {
            out.leaf("path", [("fill", "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.6"), ("d", d)])
        }
        let labelX = right + PanelLayout.tickLength + PanelLayout.tickGap
        for tick in layout.colourTicks {
            out.textElement("text", [("x", n(labelX)), ("y", n(y(tick.value) + font * 0.35))], tick.label)
        }
        if let label = m.label {
            let widest = layout.colourTicks.map { TextMetrics.width($0.label, fontSize: font) }.max() ?? 0
            let x = labelX + widest + PanelLayout.labelGap + TextMetrics.labelFontSize * 0.8
            out.textElement("text", [("class", "axis-label"), ("transform", "translate(\(n(x)),\(n(top + height / 2))) rotate(-90)"),
                                     ("text-anchor", "middle"), ("font-size", n(TextMetrics.labelFontSize))], label)
        }
        out.close("g")
    }
}
