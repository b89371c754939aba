import Foundation
import Notebooks
import Runner

/// Renders what a cell displays: tables, figures, claims, summaries, and error or skipped boxes.
/// Figures and tables are numbered in document order.
struct CellRenderer {
    /// Notes longer than this many lines are folded.
    static let longListing = 16
    private(set) var figureCount = 0
    private(set) var tableCount = 0
    var math: MathHTML
    /// The notebook's `seed` parameter, if it has one, for each figure's provenance line.
    var seed: String?

    init(math: MathHTML, seed: String? = nil) {
        self.math = math
        self.seed = seed
    }

    mutating func render(_ run: CellRun) -> String {
        let cell = run.cell
        var parts: [String] = []
        switch run.status {
        case .succeeded(let output) where !CommonKeys.hidden(cell):
            let caption = CommonKeys.caption(of: cell)
            for display in output.display {
                switch display {
                case .table(var table) where caption != nil:
                    table.caption = caption
                    parts.append(render(.table(table), run: run))
                default:
                    parts.append(render(display, run: run))
                }
            }
            // A summary box or note has no caption of its own: the cell's follows what it shows.
            if let caption, !output.display.contains(where: { if case .table = $0 { true } else { false } }) {
                parts.append("<p class=\"cell-caption\">\(math.plain(caption, at: cell.cell.location))</p>")
            }
        case .succeeded:
            break
        case .failed(let diagnostic):
            parts.append("""
            <div class="callout error" role="alert"><p class="callout-title">Cell <code>\(HTML.escape(cell.id))</code> failed</p>\
            <pre>\(HTML.escape(diagnostic.description))</pre></div>
            """)
        case .skipped(let blocker):
            parts.append("""
            <div class="callout skipped"><p class="callout-title">Cell <code>\(HTML.escape(cell.id))</code> was not run</p>\
            <p>It reads <code>\(HTML.escape(blocker))</code>, which did not run.</p></div>
            """)
        }
        parts.append(source(cell))
        let anchor = cell.hasExplicitID ? " id=\"cell-\(HTML.escape(cell.id))\"" : ""
        return "<div class=\"cell cell-\(HTML.escape(cell.cell.kind))\"\(anchor)>\n\(parts.joined(separator: "\n"))\n</div>\n"
    }

    /// The directive source, folded by default.
    private func source(_ cell: CheckedCell) -> String {
        let title = "{\(cell.cell.kind)}" + (cell.hasExplicitID ? " \(cell.id)" : "")
        return "<details class=\"source\"><summary>\(HTML.escape(title))</summary><pre><code>\(SourceHighlighter.html(cell.cell.body))</code></pre></details>"
    }

    private mutating func render(_ display: CellDisplay, run: CellRun) -> String {
        switch display {
        case .table(let table): return render(table, run: run)
        case .figure(let figure): return render(figure, run: run)
        case .claim(let claim): return render(claim, at: run.cell.cell.location)
        case .summary(let title, let items):
            // The title names the cell, so that boxes of the same kind (eight training runs, say)
            // can be told apart on screen and in print, where the source below is hidden.
            let rows = items.map { "<dt>\(HTML.escape($0.label))</dt><dd>\(HTML.value($0.value))</dd>" }.joined()
            return "<div class=\"summary\"><p class=\"summary-title\">\(HTML.escape(title))\(cellName(run.cell))</p><dl>\(rows)</dl></div>"
        case .note(let text):
            // Multi-line notes (an extracted program, say) keep their lines; listings longer than
            // a screenful fold, with their length in the summary.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if lines > Self.longListing {
                return "<details class=\"listing\"><summary>Listing of \(lines) lines\(cellName(run.cell))</summary><pre class=\"note\">\(HTML.escape(text))</pre></details>"
            }
            if text.contains("\n") { return "<pre class=\"note\">\(HTML.escape(text))</pre>" }
            return "<p class=\"note\">\(HTML.escape(text))</p>"
        }
    }

    /// `<code>id</code>` for a cell with an explicit id, `cell N` otherwise.
    private func cellLabel(_ cell: CheckedCell) -> String {
        cell.hasExplicitID ? "<code>\(HTML.escape(cell.id))</code>" : "cell \(HTML.escape(cell.id.filter { $0 != "#" }))"
    }

    private func cellName(_ cell: CheckedCell) -> String { "<span class=\"cell-name\"> · \(cellLabel(cell))</span>" }

    /// A caption's HTML; a table or figure without one says which cell it shows rather than
    /// leaving a bare "Table 1.".
    private mutating func captionText(_ caption: String?, run: CellRun) -> String {
        if let caption, !caption.trimmingCharacters(in: .whitespaces).isEmpty { return math.plain(caption, at: run.cell.cell.location) }
        return "The values of \(cellLabel(run.cell))."
    }

    private mutating func render(_ table: TableContent, run: CellRun) -> String {
        tableCount += 1
        let tableCount = math.references.cellNumbers[run.cell.id] ?? tableCount
        let id = table.label.map { " id=\"\(HTML.escape($0))\"" } ?? ""
        let caption = "<figcaption><span class=\"label\">Table \(tableCount).</span> \(captionText(table.caption, run: run))</figcaption>"
        let head = "<thead><tr>" + zip(table.headers, table.numeric).map { h, n in
            "<th scope=\"col\"\(n ? " class=\"num\"" : "")>\(HTML.escape(h))</th>"
        }.joined() + "</tr></thead>"
        let body = table.rows.map { row in
            "<tr>" + zip(row, table.numeric).map { v, n in "<td\(n ? " class=\"num\"" : "")>\(HTML.value(v))</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<figure class=\"table\"\(id)>\(caption)<div class=\"table-wrap\"><table>\(head)<tbody>\n\(body)\n</tbody></table></div></figure>"
    }

    private mutating func render(_ figure: FigureContent, run: CellRun) -> String {
        figureCount += 1
        let figureCount = math.references.cellNumbers[run.cell.id] ?? figureCount
        let id = figure.label ?? "fig-\(run.cell.id.replacingOccurrences(of: "#", with: ""))-\(figureCount)"
        let csv = "data:text/csv;charset=utf-8," + percentEncode(figure.csv)
        let warnings = figure.warnings.isEmpty ? "" :
            "<p class=\"figure-warning\">" + figure.warnings.map(HTML.escape).joined(separator: "; ") + "</p>"
        // On a phone the narrow rendering replaces the wide one (the stylesheet switches them), so
        // that tick labels are not scaled below legibility.
        let drawing = figure.narrowSVG.map { "<div class=\"fig-wide\">\(figure.svg)</div><div class=\"fig-narrow\">\($0)</div>" } ?? figure.svg
        return """
        <figure id="\(HTML.escape(id))">\(drawing)
        <figcaption><span class="label">Figure \(figureCount).</span> \(captionText(figure.caption, run: run))\
         <a class="csv" href="\(csv)" download="\(HTML.escape(id)).csv">data (CSV)</a>\
        <span class="provenance">cell <code>\(HTML.escape(run.cell.id))</code>\(seed.map { " · seed \(HTML.escape($0))" } ?? "")</span></figcaption>\(warnings)
        </figure>
        """
    }

    private mutating func render(_ claim: ClaimContent, at location: SourceLocation) -> String {
        ClaimRenderer.render(claim, says: math.plain(claim.says, at: location))
    }

    private func percentEncode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
