extension PanelRenderer {
    /// Light lines at the major ticks of both axes, under the marks.
    func drawGrid(into out: inout SVGWriter) {
        var d = ""
        if figure.y.grid {
            for tick in layout.y.ticks where tick.isMajor {
                d += "M\(n(layout.plotLeft)) \(n(layout.y.position(tick.value)))H\(n(layout.plotRight))"
            }
        }
        if figure.x.grid, case .band = layout.x.kind {} else if figure.x.grid {
            for tick in layout.x.ticks where tick.isMajor {
                d += "M\(n(layout.x.position(tick.value))) \(n(layout.plotTop))V\(n(layout.plotBottom))"
            }
        }
        guard !d.isEmpty else { return }
        out.leaf("path", [("class", "grid"), ("fill", "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.1"),
                          ("shape-rendering", "crispEdges"), ("d", d)])
    }

    func drawAxes(into out: inout SVGWriter) {
        let tickFont = TextMetrics.tickFontSize
        let labelFont = TextMetrics.labelFontSize
        out.open("g", [("class", "axis"), ("fill", "currentColor")])
        out.newline()
        // Axis lines and tick marks in one path.
        var d = "M\(n(layout.plotLeft)) \(n(layout.plotTop))V\(n(layout.plotBottom))H\(n(layout.plotRight))"
        for tick in layout.x.ticks {
            let length = tick.isMajor ? PanelLayout.tickLength : PanelLayout.minorTickLength
            d += "M\(n(layout.x.position(tick.value))) \(n(layout.plotBottom))v\(n(length))"
        }
        for tick in layout.y.ticks {
            let length = tick.isMajor ? PanelLayout.tickLength : PanelLayout.minorTickLength
            d += "M\(n(layout.plotLeft)) \(n(layout.y.position(tick.value)))h\(n(-length))"
        }
        out.leaf("path", [("fill", "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.6"),
                          ("shape-rendering", "crispEdges"), ("d", d)])
        // x tick labels.
        let xBaseline = layout.plotBottom + PanelLayout.tickLength + PanelLayout.tickGap + tickFont * 0.8
        if layout.rotatesXLabels {
            out.open("g", [("text-anchor", "end")])
            for (tick, label) in zip(layout.x.ticks, layout.xTickLabels) where !label.isEmpty {
                let x = layout.x.position(tick.value)
                let y = layout.plotBottom + PanelLayout.tickLength + PanelLayout.tickGap
                out.textElement("text", [("transform", "translate(\(n(x + tickFont * 0.3)),\(n(y))) rotate(-45)"),
                                         ("dy", n(tickFont * 0.35))], label)
            }
        } else {
            out.open("g", [("text-anchor", "middle")])
            for tick in layout.x.ticks where !tick.label.isEmpty {
                out.textElement("text", [("x", n(layout.x.position(tick.value))), ("y", n(xBaseline))], tick.label)
            }
        }
        out.close("g")
        // y tick labels.
        out.open("g", [("text-anchor", "end")])
        let yLabelX = layout.plotLeft - PanelLayout.tickLength - PanelLayout.tickGap
        for tick in layout.y.ticks where !tick.label.isEmpty {
            out.textElement("text", [("x", n(yLabelX)), ("y", n(layout.y.position(tick.value) + tickFont * 0.35))], tick.label)
        }
        out.close("g")
        // Axis titles.
        if let label = figure.x.label {
            var y = layout.plotBottom + PanelLayout.tickLength + PanelLayout.tickGap + tickFont + PanelLayout.labelGap
            if layout.rotatesXLabels {
                let widest = layout.xTickLabels.map { TextMetrics.width($0, fontSize: tickFont) }.max() ?? 0
                y += widest * 0.7072
            }
            out.textElement("text", [("class", "axis-label"), ("x", n((layout.plotLeft + layout.plotRight) / 2)),
                                     ("y", n(y + labelFont * 0.8)), ("text-anchor", "middle"),
                                     ("font-size", n(labelFont))], label)
        }
        if let label = figure.y.label {
            let x = PanelLayout.pad + labelFont * 0.8
            let y = (layout.plotTop + layout.plotBottom) / 2
            out.textElement("text", [("class", "axis-label"), ("transform", "translate(\(n(x)),\(n(y))) rotate(-90)"),
                                     ("text-anchor", "middle"), ("font-size", n(labelFont))], label)
        }
        out.close("g")
    }
}
