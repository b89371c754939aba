/// The data behind a figure as CSV (RFC 4180: comma-separated, fields quoted when they hold a
/// comma, quote or line break, lines ending in "\n"). One row per point, bar, bin, cell, rule or
/// annotation, in layer order, with the columns
/// `layer,kind,series,x,x_end,y,y_lower,y_upper,value,text`, less the columns no row uses; cells a
/// kind does not use are empty. Scatter points that repeat exactly are one row whose `value` is
/// how many there are (thousands of functions drawn once share a handful of points). Numbers use
/// Swift's shortest round-trip form ("0.1", "1e-05", "nan", "inf"), so the file holds the data
/// exactly as given, including what the plot had to leave out.
enum FigureCSV {
    static let header = ["layer", "kind", "series", "x", "x_end", "y", "y_lower", "y_upper", "value", "text"]

    static func number(_ v: Double) -> String { "\(v)" }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func rows(_ figure: Figure) -> [[String]] {
        var rows: [[String]] = []
        for (index, layer) in figure.layers.enumerated() {
            let layerNumber = String(index + 1)
            func row(_ kind: String, _ series: String?, x: String = "", xEnd: String = "", y: String = "",
                     lower: String = "", upper: String = "", value: String = "", text: String = "") {
                rows.append([layerNumber, kind, series ?? "", x, xEnd, y, lower, upper, value, text])
            }
            switch layer {
            case .line(let m):
                for i in 0..<min(m.x.count, m.y.count) { row("line", m.series.label, x: number(m.x[i]), y: number(m.y[i])) }
            case .scatter(let m):
                var order: [String] = []
                var counts: [String: (x: String, y: String, count: Int)] = [:]
                for i in 0..<min(m.x.count, m.y.count) {
                    let (x, y) = (number(m.x[i]), number(m.y[i]))
                    let key = x + "," + y
                    if let seen = counts[key] { counts[key]!.count = seen.count + 1 } else {
                        counts[key] = (x, y, 1)
                        order.append(key)
                    }
                }
                let repeats = counts.values.contains { $0.count > 1 }
                for key in order {
                    let point = counts[key]!
                    row("scatter", m.series.label, x: point.x, y: point.y, value: repeats ? String(point.count) : "")
                }
            case .band(let m):
                for i in 0..<min(m.x.count, m.lower.count, m.upper.count) {
                    row("band", m.series.label, x: number(m.x[i]), lower: number(m.lower[i]), upper: number(m.upper[i]))
                }
            case .bar(let m):
                switch m.placement {
                case .categories(let names):
                    for i in 0..<min(names.count, m.values.count) { row("bar", m.series.label, x: names[i], y: number(m.values[i])) }
                case .numeric(let xs, _):
                    for i in 0..<min(xs.count, m.values.count) { row("bar", m.series.label, x: number(xs[i]), y: number(m.values[i])) }
                }
            case .histogram(let m):
                let heights = m.heights
                for i in m.binning.counts.indices {
                    row("histogram", m.series.label, x: number(m.binning.edges[i]), xEnd: number(m.binning.edges[i + 1]),
                        y: number(heights[i]), value: String(m.binning.counts[i]))
                }
            case .heatmap(let m):
                for (r, values) in m.values.enumerated() {
                    for (c, v) in values.enumerated() { row("heatmap", m.label, x: String(c), y: String(r), value: number(v)) }
                }
            case .rule(let m):
                if m.orientation == .horizontal {
                    row("rule", nil, y: number(m.value), text: m.label ?? "")
                } else {
                    row("rule", nil, x: number(m.value), text: m.label ?? "")
                }
            case .text(let m):
                row("text", nil, x: number(m.x), y: number(m.y), text: m.text)
            }
        }
        return rows
    }
}

extension Figure {
    /// The data behind the figure as CSV (see `FigureCSV` for the columns), for the report's
    /// download link.
    public func csv() -> String {
        let rows = FigureCSV.rows(self)
        // The identifying columns always; the others when some row has a value there.
        let kept = FigureCSV.header.indices.filter { c in c < 3 || rows.contains { !$0[c].isEmpty } }
        var lines = [kept.map { FigureCSV.header[$0] }.joined(separator: ",")]
        for row in rows {
            lines.append(kept.map { FigureCSV.field(row[$0]) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
