import Markup
import Foundation
import Notebooks
import Runner

/// Renders what a cell displays: tables, figures, claims, summaries, and error or skipped boxes.
/// Figures and tables carry the numbers and ids the check phase gave them (`CrossReferences`).
struct CellRenderer {
    /// Notes longer than this many lines are folded.
    static let longListing = 16
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
            var shown = Shown()
            for display in output.display {
                switch display {
                case .table(var table) where caption != nil:
                    table.caption = caption
                    parts.append(render(.table(table), run: run, shown: &shown))
                default:
                    parts.append(render(display, run: run, shown: &shown))
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
            <div class="callout error" role="alert"><p class="callout-title">Cell <code>\(Markup.escape(cell.id))</code> failed</p>\
            <pre>\(Markup.escape(diagnostic.description))</pre></div>
            """)
        case .skipped(let blocker):
            parts.append("""
            <div class="callout skipped"><p class="callout-title">Cell <code>\(Markup.escape(cell.id))</code> was not run</p>\
            <p>It reads <code>\(Markup.escape(blocker))</code>, which did not run.</p></div>
            """)
        }
        parts.append(source(cell))
        let anchor = cell.hasExplicitID ? " id=\"cell-\(Markup.escape(cell.id))\"" : ""
        return "<div class=\"cell cell-\(Markup.escape(cell.cell.kind))\"\(anchor)>\n\(parts.joined(separator: "\n"))\n</div>\n"
    }

    /// The directive source, folded by default.
    private func source(_ cell: CheckedCell) -> String {
        let title = "{\(cell.cell.kind)}" + (cell.hasExplicitID ? " \(cell.id)" : "")
        return "<details class=\"source\"><summary>\(Markup.escape(title))</summary><pre><code>\(SourceHighlighter.html(cell.cell.body))</code></pre></details>"
    }

    /// How many figures and tables of the cell were rendered so far: the next one takes the
    /// next of the numbers and ids the check phase gave the cell.
    struct Shown {
        var figures = 0, tables = 0
    }

    private mutating func render(_ display: CellDisplay, run: CellRun, shown: inout Shown) -> String {
        switch display {
        case .table(let table):
            defer { shown.tables += 1 }
            return render(table, run: run, index: shown.tables)
        case .figure(let figure):
            defer { shown.figures += 1 }
            return render(figure, run: run, index: shown.figures)
        case .claim(let claim): return render(claim, at: run.cell.cell.location)
        case .summary(let title, let items):
            // The title names the cell, so that boxes of the same kind (eight training runs, say)
            // can be told apart on screen and in print, where the source below is hidden.
            let rows = items.map { "<dt>\(Markup.escape($0.label))</dt><dd>\(HTML.value($0.value))</dd>" }.joined()
            return "<div class=\"summary\"><p class=\"summary-title\">\(Markup.escape(title))\(cellName(run.cell))</p><dl>\(rows)</dl></div>"
        case .note(let text):
            // Multi-line notes (an extracted program, say) keep their lines; listings longer than
            // a screenful fold, with their length in the summary.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if lines > Self.longListing {
                return "<details class=\"listing\"><summary>Listing of \(lines) lines\(cellName(run.cell))</summary><pre class=\"note\">\(Markup.escape(text))</pre></details>"
            }
            if text.contains("\n") { return "<pre class=\"note\">\(Markup.escape(text))</pre>" }
            return "<p class=\"note\">\(Markup.escape(text))</p>"
        }
    }

    /// `<code>id</code>` for a cell with an explicit id, `cell N` otherwise.
    private func cellLabel(_ cell: CheckedCell) -> String {
        cell.hasExplicitID ? "<code>\(Markup.escape(cell.id))</code>" : "cell \(Markup.escape(cell.id.filter { $0 != "#" }))"
    }

    private func cellName(_ cell: CheckedCell) -> String { "<span class=\"cell-name\"> · \(cellLabel(cell))</span>" }

    /// A caption's HTML; a table or figure without one says which cell it shows rather than
    /// leaving a bare "Table 1.".
    private mutating func captionText(_ caption: String?, run: CellRun) -> String {
        if let caption, !caption.trimmingCharacters(in: .whitespaces).isEmpty { return math.plain(caption, at: run.cell.cell.location) }
        return "The values of \(cellLabel(run.cell))."
    }

    /// The `index`-th number of the cell's tables or figures, " N", or "" when the directive did
    /// not declare it (`Directive.numberedDisplays`).
    private func number(_ numbers: [Int]?, _ index: Int) -> String {
        guard let numbers, index < numbers.count else { return "" }
        return " \(numbers[index])"
    }

    private mutating func render(_ table: TableContent, run: CellRun, index: Int) -> String {
        let number = number(math.references.numbers[run.cell.id]?.tables, index)
        let label = index == 0 ? math.references.tableIDs[run.cell.id] : nil
        let id = label.map { " id=\"\(Markup.escape($0))\"" } ?? ""
        let caption = "<figcaption><span class=\"label\">Table\(number).</span> \(captionText(table.caption, run: run))</figcaption>"
        let head = "<thead><tr>" + zip(table.headers, table.numeric).map { h, n in
            "<th scope=\"col\"\(n ? " class=\"num\"" : "")>\(Markup.escape(h))</th>"
        }.joined() + "</tr></thead>"
        let body = table.rows.map { row in
            "<tr>" + zip(row, table.numeric).map { v, n in "<td\(n ? " class=\"num\"" : "")>\(HTML.value(v))</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<figure class=\"table\"\(id)>\(caption)<div class=\"table-wrap\"><table>\(head)<tbody>\n\(body)\n</tbody></table></div></figure>"
    }

    private mutating func render(_ figure: FigureContent, run: CellRun, index: Int) -> String {
        let number = number(math.references.numbers[run.cell.id]?.figures, index)
        // A figure the directive did not declare (`Directive.numberedDisplays`) has neither number nor id.
        let ids = math.references.figureIDs[run.cell.id] ?? []
        let anchor = index < ids.count ? ids[index] : nil
        let id = anchor.map { " id=\"\(Markup.escape($0))\"" } ?? ""
        let csv = "data:text/csv;charset=utf-8," + percentEncode(figure.csv)
        let warnings = figure.warnings.isEmpty ? "" :
            "<p class=\"figure-warning\">" + figure.warnings.map { Markup.escape($0) }.joined(separator: "; ") + "</p>"
        // On a phone the narrow rendering replaces the wide one (the stylesheet switches them), so
        // that tick labels are not scaled below legibility.
        let drawing = figure.narrowSVG.map { "<div class=\"fig-wide\">\(figure.svg)</div><div class=\"fig-narrow\">\($0)</div>" } ?? figure.svg
        return """
        <figure\(id)>\(drawing)
        <figcaption><span class="label">Figure\(number).</span> \(captionText(figure.caption, run: run))\
         <a class="csv" href="\(csv)" download="\(Markup.escape(anchor ?? "figure")).csv">data (CSV)</a>\
        <span class="provenance">cell <code>\(Markup.escape(run.cell.id))</code>\(seed.map { " · seed \(Markup.escape($0))" } ?? "")</span></figcaption>\(warnings)
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
