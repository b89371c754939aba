import Markup

extension Figure {
    /// Renders the figure as one `<svg>` element. Never fails: data that cannot be drawn (NaN,
    /// infinities, values ≤ 0 on a log axis, empty series) is left out and reported in
    /// `warnings` and in the SVG's `<desc>`. The same figure always gives the same bytes.
    public func render() -> SVGResult {
        let data = PanelData(figure: self)
        let layout = PanelLayout.plan(self, data, width: width, height: height)
        let prefix = Markup.identifier(id)
        let body = PanelRenderer(figure: self, data: data, layout: layout, idPrefix: prefix).draw()
        let generated = Summary.describe(self, data, layout)
        let description = Summary.description(caption: caption, generated: generated, warnings: data.warnings)
        let svg = SVGDocument.wrap(body, idPrefix: prefix, width: layout.width, height: layout.height,
                                   title: title ?? "Figure \(id)", description: description)
        return SVGResult(svg: svg, warnings: data.warnings, description: description)
    }
}

/// The root `<svg>` element shared by figures and grids.
enum SVGDocument {
    static func wrap(_ body: SVGWriter, idPrefix: String, width: Double, height: Double,
                     title: String, description: String) -> String {
        var out = SVGWriter()
        out.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("id", idPrefix), ("class", "folio-fig"),
            ("viewBox", "0 0 \(n(width)) \(n(height))"), ("width", n(width)), ("height", n(height)),
            ("role", "img"), ("aria-labelledby", "\(idPrefix)-title \(idPrefix)-desc"),
            ("font-family", TextMetrics.fontFamily), ("font-size", n(TextMetrics.tickFontSize)),
            ("fill", "currentColor"), ("color", "#222222"),
        ])
        out.newline()
        out.textElement("title", [("id", "\(idPrefix)-title")], title)
        out.textElement("desc", [("id", "\(idPrefix)-desc")], description)
        out.append(body)
        out.close("svg")
        return out.text
    }
}
