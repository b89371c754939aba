/// Draws one panel (a figure without its `<svg>` wrapper) in panel coordinates, origin at the
/// panel's top-left corner. `Figure.render` wraps one panel; `FigureGrid.render` several.
struct PanelRenderer {
    let figure: Figure
    let data: PanelData
    let layout: PanelLayout
    /// Prefix of every id in this panel (derived from the figure id, and the panel index in a grid).
    let idPrefix: String

    var clipId: String { idPrefix + "-clip" }
    var gradientId: String { idPrefix + "-cbar" }

    func draw() -> SVGWriter {
        var out = SVGWriter()
        out.open("defs")
        out.newline()
        out.open("clipPath", [("id", clipId)])
        // The clip rectangle is 4 px larger than the plot so points on its edge show whole.
        out.leaf("rect", [("x", n(layout.plotLeft - 4)), ("y", n(layout.plotTop - 4)),
                          ("width", n(layout.plotWidth + 8)), ("height", n(layout.plotHeight + 8))])
        out.close("clipPath")
        if let heatmap = data.heatmap { colourBarGradient(heatmap, into: &out) }
        out.close("defs")
        drawGrid(into: &out)
        out.open("g", [("class", "marks"), ("clip-path", "url(#\(clipId))")])
        out.newline()
        for (index, layer) in figure.layers.enumerated() {
            drawLayer(layer, index: index, into: &out)
        }
        out.close("g")
        drawAxes(into: &out)
        drawAnnotations(into: &out)
        drawLegend(into: &out)
        if let heatmap = data.heatmap { drawColourBar(heatmap, into: &out) }
        if let title = figure.title {
            TextWrap.drawTitle(title, width: layout.width, into: &out)
        }
        return out
    }

    private func drawLayer(_ layer: Mark, index: Int, into out: inout SVGWriter) {
        let series = data.seriesOfLayer[index] ?? 0
        switch layer {
        case .line(let m): drawLine(m, series: series, into: &out)
        case .scatter(let m): drawScatter(m, series: series, into: &out)
        case .band(let m): drawBand(m, series: series, into: &out)
        case .bar(let m): drawBars(m, series: series, slot: data.barSlot[index], into: &out)
        case .histogram(let m): drawHistogram(m, series: series, into: &out)
        case .heatmap(let m): drawHeatmap(m, into: &out)
        case .rule(let m): drawRule(m, into: &out)
        case .text: break  // drawn above the axes, unclipped, by drawAnnotations
        }
    }

    /// Attributes that colour a series: a class the stylesheet maps to `--folio-series-i`, and
    /// the default colour as the `color` presentation attribute for use without the stylesheet.
    func seriesAttributes(_ series: Int) -> SVGWriter.Attributes {
        [("class", SeriesPalette.className(series)), ("color", SeriesPalette.colour(series).hex)]
    }
}
