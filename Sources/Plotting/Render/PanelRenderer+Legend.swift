extension PanelRenderer {
    /// One row per labelled series right of the plot: a swatch in the series colour (a line,
    /// dot or filled square, as the series is drawn), then the label.
    func drawLegend(into out: inout SVGWriter) {
        guard figure.showsLegend, !data.legend.isEmpty else { return }
        let font = TextMetrics.tickFontSize
        let x0 = layout.plotRight + PanelLayout.sideGap
        out.open("g", [("class", "legend")])
        out.newline()
        for (row, entry) in data.legend.enumerated() {
            let y = layout.plotTop + font * 0.5 + Double(row) * PanelLayout.legendRow
            out.open("g", seriesAttributes(entry.series))
            switch entry.swatch {
            case .line(let dashed):
                var attributes: SVGWriter.Attributes = [("fill", "none"), ("stroke", "currentColor"), ("stroke-width", "2")]
                if dashed { attributes.append(("stroke-dasharray", "6 4")) }
                attributes.append(("d", "M\(n(x0)) \(n(y))h\(n(PanelLayout.legendSwatch))"))
                out.leaf("path", attributes)
            case .point:
                out.leaf("circle", [("cx", n(x0 + PanelLayout.legendSwatch / 2)), ("cy", n(y)), ("r", "3.5"), ("fill", "currentColor")])
            case .area:
                out.leaf("rect", [("x", n(x0 + 3)), ("y", n(y - 6)), ("width", "14"), ("height", "12"),
                                  ("fill", "currentColor"), ("fill-opacity", "0.8")])
            }
            out.close("g")
            out.textElement("text", [("x", n(x0 + PanelLayout.legendSwatch + PanelLayout.labelGap)),
                                     ("y", n(y + font * 0.35)), ("fill", "currentColor")], entry.label)
        }
        out.close("g")
    }
}
