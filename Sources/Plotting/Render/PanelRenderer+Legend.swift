extension PanelRenderer {
    /// One row per labelled series right of the plot: a swatch in the series colour (a line,
    /// dot or filled square, as the series is drawn), then the label.
    func drawLegend(into out: inout SVGWriter) {
        guard figure.showsLegend, !data.legend.isEmpty else { return }
        var x0 = layout.plotRight + layout.ruleLabelWidth + PanelLayout.sideGap
        out.open("g", [("class", "legend")])
        out.newline()
        var columnWidth = 0.0
        for (index, entry) in data.legend.enumerated() {
            let row = index % layout.legendRowsPerColumn
            if row == 0 && index > 0 {
                x0 += columnWidth + PanelLayout.sideGap
                columnWidth = 0
            }
            var shown = entry
            if index < layout.legendLabels.count { shown.label = layout.legendLabels[index] }
            columnWidth = Swift.max(columnWidth, Legend.width(shown))
            let y = layout.plotTop + TextMetrics.tickFontSize * 0.5 + Double(row) * PanelLayout.legendRow
            Legend.drawEntry(shown, x: x0, y: y, into: &out)
        }
        out.close("g")
    }
}

/// Legend entries, shared by panels (a column right of the plot) and grids (rows under the title).
enum Legend {
    /// Width of an entry: swatch, gap, label.
    static func width(_ entry: PanelData.LegendEntry) -> Double {
        PanelLayout.legendSwatch + PanelLayout.labelGap + TextMetrics.width(entry.label, fontSize: TextMetrics.tickFontSize)
    }

    /// Draws an entry whose swatch starts at `x` and whose centre line is `y`.
    static func drawEntry(_ entry: PanelData.LegendEntry, x x0: Double, y: Double, into out: inout SVGWriter) {
        let swatch = PanelLayout.legendSwatch
        out.open("g", [("class", SeriesPalette.className(entry.series)), ("color", SeriesPalette.colour(entry.series).hex)])
        func line(_ dashed: Bool) {
            var attributes: SVGWriter.Attributes = [("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "2")]
            if dashed { attributes.append(("stroke-dasharray", "6 4")) }
            attributes.append(("d", "M\(n(x0)) \(n(y))h\(n(swatch))"))
            out.leaf("path", attributes)
        }
        switch entry.swatch {
        case .line(let dashed):
            line(dashed)
        case .point:
            out.leaf("circle", [("cx", n(x0 + swatch / 2)), ("cy", n(y)), ("r", "3.5"), ("fill", "currentColor")])
        case .area(let opacity):
            out.leaf("rect", [("x", n(x0 + 3)), ("y", n(y - 6)), ("width", "14"), ("height", "12"),
                              ("fill", "currentColor"), ("fill-opacity", n(opacity))])
        case .lineOverArea(let dashed, let opacity):
            out.leaf("rect", [("x", n(x0)), ("y", n(y - 6)), ("width", n(swatch)), ("height", "12"),
                              ("fill", "currentColor"), ("fill-opacity", n(opacity))])
            line(dashed)
        }
        out.close("g")
        out.textElement("text", [("x", n(x0 + swatch + PanelLayout.labelGap)),
                                 ("y", n(y + TextMetrics.tickFontSize * 0.35)), ("fill", "currentColor")], entry.label)
    }
}
