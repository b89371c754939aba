import Markup

/// Small multiples: several figures in a grid, in one SVG. With `sharesX` / `sharesY` every
/// panel uses the same domain on that axis (the union of the panels' data), and all panels get
/// the same margins so their plot areas line up. The series of all panels share one legend,
/// drawn in rows under the title (panels draw none), so equal labels should mean equal series.
public struct FigureGrid: Sendable {
    public var id: String
    public var title: String?
    public var caption: String?
    /// Panels in reading order; each panel's `width` and `height` are ignored in favour of
    /// `panelWidth` and `panelHeight`, and its title is drawn above it.
    public var panels: [Figure]
    public var columns: Int
    public var sharesX: Bool
    public var sharesY: Bool
    public var panelWidth: Double
    public var panelHeight: Double

    public init(id: String, title: String? = nil, caption: String? = nil, panels: [Figure], columns: Int = 2,
                sharesX: Bool = false, sharesY: Bool = false, panelWidth: Double = 320, panelHeight: Double = 240) {
        self.id = id
        self.title = title
        self.caption = caption
        self.panels = panels
        self.columns = columns
        self.sharesX = sharesX
        self.sharesY = sharesY
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    public func render() -> SVGResult {
        let prefix = Markup.identifier(id)
        let panelWidth = self.panelWidth.isFinite && self.panelWidth >= 1 ? Swift.min(self.panelWidth, 100_000) : 320
        let panelHeight = self.panelHeight.isFinite && self.panelHeight >= 1 ? Swift.min(self.panelHeight, 100_000) : 240
        let columns = Swift.max(1, Swift.min(self.columns, Swift.max(1, panels.count)))
        let rows = (panels.count + columns - 1) / columns
        let panels = self.panels.map { panel -> Figure in
            var copy = panel
            copy.showsLegend = false
            return copy
        }
        var data = panels.map(PanelData.init(figure:))
        var legend: [PanelData.LegendEntry] = []
        for entry in data.flatMap(\.legend) where !legend.contains(where: { $0.label == entry.label }) {
            legend.append(entry)
        }
        // Shared axes: every panel sees the union of the extents, so each computes one domain.
        if sharesX {
            let union = data.compactMap(\.xExtent).reduce(nil) { $0?.union($1) ?? $1 }
            for i in data.indices { data[i].xExtent = union }
        }
        if sharesY {
            let union = data.compactMap(\.yExtent).reduce(nil) { $0?.union($1) ?? $1 }
            let zero = data.contains(where: \.valueAxisIncludesZero)
            for i in data.indices {
                data[i].yExtent = union
                data[i].valueAxisIncludesZero = zero
            }
        }
        func plan(_ margins: Margins, _ x: SharedDomain?, _ y: SharedDomain?) -> [PanelLayout] {
            panels.indices.map {
                PanelLayout.plan(panels[$0], data[$0], width: panelWidth, height: panelHeight,
                                 sharedX: x, sharedY: y, minimumMargins: margins)
            }
        }
        var layouts = plan(.zero, nil, nil)
        var sharedX: SharedDomain?
        var sharedY: SharedDomain?
        if sharesX, let first = layouts.first { sharedX = SharedDomain(lower: first.x.lower, upper: first.x.upper) }
        if sharesY, let first = layouts.first { sharedY = SharedDomain(lower: first.y.lower, upper: first.y.upper) }
        for _ in 0..<2 {
            let margins = layouts.map(\.margins).reduce(Margins.zero) { $0.union($1) }
            layouts = plan(margins, sharedX, sharedY)
        }
        let totalWidth = Double(columns) * panelWidth
        var titleHeight = 0.0
        if let title {
            let lines = TextWrap.lines(title, width: totalWidth - 2 * PanelLayout.pad, fontSize: TextMetrics.titleFontSize)
            titleHeight = PanelLayout.pad + TextWrap.titleHeight(lineCount: lines.count) + PanelLayout.labelGap
        }
        var body = SVGWriter()
        if !legend.isEmpty {
            // Entries flow left to right and wrap at the grid's width.
            var x = PanelLayout.pad
            var y = titleHeight + PanelLayout.pad + PanelLayout.legendRow / 2
            body.open("g", [("class", "legend")])
            body.newline()
            for var entry in legend {
                entry.label = TextMetrics.truncate(entry.label, toWidth: totalWidth - 2 * PanelLayout.pad - 2 * PanelLayout.legendSwatch,
                                                   fontSize: TextMetrics.tickFontSize)
                let width = Legend.width(entry)
                if x > PanelLayout.pad && x + width > totalWidth - PanelLayout.pad {
                    x = PanelLayout.pad
                    y += PanelLayout.legendRow
                }
                Legend.drawEntry(entry, x: x, y: y, into: &body)
                x += width + PanelLayout.sideGap
            }
            body.close("g")
            titleHeight = y + PanelLayout.legendRow / 2
        }
        var warnings: [String] = []
        var summaries: [String] = []
        for (i, panel) in panels.enumerated() {
            let x = Double(i % columns) * panelWidth
            let y = titleHeight + Double(i / columns) * panelHeight
            let name = "panel \(i + 1)" + (panel.title.map { " “\($0)”" } ?? "")
            body.open("g", [("class", "panel"), ("transform", "translate(\(n(x)),\(n(y)))")])
            body.newline()
            body.append(PanelRenderer(figure: panel, data: data[i], layout: layouts[i], idPrefix: "\(prefix)-p\(i + 1)").draw())
            body.close("g")
            warnings += data[i].warnings.map { "\(name): \($0)" }
            summaries.append("\(name.prefix(1).uppercased())\(name.dropFirst()): \(Summary.describe(panel, data[i], layouts[i]))")
        }
        if let title {
            TextWrap.drawTitle(title, width: totalWidth, into: &body)
        }
        let generated = "\(panels.count) \(plural("panel", panels.count)) in \(rows) \(plural("row", rows)) of \(columns). "
            + summaries.joined(separator: " ")
        let description = Summary.description(caption: caption, generated: generated, warnings: warnings)
        let width = totalWidth
        let height = titleHeight + Double(Swift.max(1, rows)) * panelHeight
        let svg = SVGDocument.wrap(body, idPrefix: prefix, width: width, height: height,
                                   title: title ?? "Figure \(id)", description: description)
        return SVGResult(svg: svg, warnings: warnings, description: description)
    }

    /// The data of all panels, with a leading `panel` column (1-based).
    public func csv() -> String {
        var lines = ["panel," + FigureCSV.header.joined(separator: ",")]
        for (i, panel) in panels.enumerated() {
            for row in FigureCSV.rows(panel) {
                lines.append(([String(i + 1)] + row).map(FigureCSV.field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
