import Markup
import Foundation
import Notebooks
import Runner

/// Renders a notebook's Markdown blocks to HTML from the immutable tree: headings get ids (and
/// numbers when the notebook asks), inline `=expression` spans become their values, raw HTML is
/// dropped unless the front matter allows it. Collects the table of contents on the way.
struct ProseRenderer {
    struct Heading { var level: Int; var id: String; var number: String; var text: String }

    var inlineValues: [String: InlineValue]
    var math: MathHTML
    var rawHTML: Bool
    var numberSections: Bool
    /// BibTeX entries by key, for citations.
    var bibliography: [String: BibEntry] = [:]
    /// Keys cited so far, in order of first citation.
    private(set) var cited: [String] = []
    /// Footnote names in order of first reference, and each note's HTML by name.
    private var noteOrder: [String] = []
    private var notes: [String: String] = [:]
    private(set) var headings: [Heading] = []
    private var usedIDs: [String: Int] = [:]
    private var counters = [0, 0, 0, 0, 0, 0]

    init(inlineValues: [String: InlineValue], math: MathHTML, rawHTML: Bool, numberSections: Bool) {
        self.inlineValues = inlineValues
        self.math = math
        self.rawHTML = rawHTML
        self.numberSections = numberSections
    }

    mutating func render(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .document: return children(node)
        case .blockQuote: return "<blockquote>\n\(children(node))</blockquote>\n"
        case .list(let ordered, let start, let tight):
            let items = node.children.map { item -> String in
                let body = item.children.map { child -> String in
                    // Tight lists show paragraphs without <p>, as CommonMark specifies.
                    if tight, case .paragraph = child.kind { return inlines(child) }
                    return render(child)
                }.joined()
                return "<li>\(body)</li>\n"
            }.joined()
            if ordered {
                return "<ol\(start != 1 ? " start=\"\(start)\"" : "")>\n\(items)</ol>\n"
            }
            return "<ul>\n\(items)</ul>\n"
        case .item: return "<li>\(children(node))</li>\n"
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map { " class=\"language-\(Markup.escape(String($0)))\"" } ?? ""
            return "<pre><code\(language)>\(Markup.escape(literal))</code></pre>\n"
        case .htmlBlock(let html): return rawHTML ? html : ""
        case .paragraph:
            if let (name, prefix) = Footnotes.definition(node) {
                // A note: kept for the Notes list at the end, not printed here.
                notes[name] = inlines(node, dropping: prefix)
                return ""
            }
            return "<p>\(inlines(node))</p>\n"
        case .heading(let level): return heading(node, level: level)
        case .thematicBreak: return "<hr>\n"
        default: return inline(node)
        }
    }

    private mutating func children(_ node: MarkdownNode) -> String {
        node.children.map { render($0) }.joined()
    }

    /// Consecutive text nodes are rendered as one, since the Markdown parser splits text at
    /// brackets and a citation `[@key]` would otherwise be cut in three.
    /// `dropping` leaves out that many UTF-16 units at the start of the first text (a note's
    /// `[^name]: `).
    private mutating func inlines(_ node: MarkdownNode, dropping: Int = 0) -> String {
        var out = "", pending: String?
        var drop = dropping
        func flush(_ renderer: inout ProseRenderer) {
            if let text = pending { out += renderer.footnoting(renderer.linkingReferences(renderer.citing(renderer.math.text(text)))) }
            pending = nil
        }
        for child in node.children {
            if case .text(var s) = child.kind {
                if drop > 0 {
                    let ns = s as NSString
                    let n = Swift.min(drop, ns.length)
                    s = ns.substring(from: n)
                    drop -= n
                }
                pending = (pending ?? "") + s
                continue
            }
            flush(&self)
            out += inline(child)
        }
        flush(&self)
        return out
    }

    /// `[^name]` becomes a superscript number linking to the note (numbered in order of first
    /// reference); the first reference carries the id the note links back to.
    private mutating func footnoting(_ html: String) -> String {
        guard html.contains("[^") else { return html }
        let ns = html as NSString
        var out = "", cursor = 0
        for (range, name) in Footnotes.references(in: html) {
            let first = !noteOrder.contains(name)
            if first { noteOrder.append(name) }
            let number = noteOrder.firstIndex(of: name)! + 1
            out += ns.substring(with: NSRange(location: cursor, length: range.location - cursor))
            let back = first ? " id=\"fnref-\(Markup.escape(name))\"" : ""
            out += "<sup class=\"fnref\"><a href=\"#fn-\(Markup.escape(name))\"\(back) aria-label=\"Note \(number)\">\(number)</a></sup>"
            cursor = range.location + range.length
        }
        return out + ns.substring(from: cursor)
    }

    /// The Notes list, in order of first reference (empty when there are none).
    var notesHTML: String {
        guard !noteOrder.isEmpty else { return "" }
        let items = noteOrder.map { name in
            "<li id=\"fn-\(Markup.escape(name))\">\(notes[name] ?? "") <a class=\"fnback\" href=\"#fnref-\(Markup.escape(name))\" aria-label=\"Back to the text\">↩</a></li>"
        }.joined(separator: "\n")
        return "<section class=\"footnotes\" aria-labelledby=\"notes-title\">\n<h2 id=\"notes-title\">Notes</h2>\n<ol>\n\(items)\n</ol>\n</section>\n"
    }

    /// `[@key; @other, p. 3]` becomes "(Author, 2020; Other and Else, 2021, p. 3)" with each
    /// name linked to its entry in the references (keys were checked).
    private mutating func citing(_ html: String) -> String {
        guard html.contains("@"), !bibliography.isEmpty else { return html }
        let ns = html as NSString
        var out = "", cursor = 0
        for match in Citations.find(in: html) {
            let parts = match.items.compactMap { item -> String? in
                guard let entry = bibliography[item.key] else { return nil }
                if !cited.contains(item.key) { cited.append(item.key) }
                let locator = item.locator.isEmpty ? "" : ", " + item.locator
                return "<a href=\"#ref-\(Markup.escape(item.key))\">\(Markup.escape(entry.authorsShort)), \(Markup.escape(entry.year))</a>\(locator)"
            }
            guard parts.count == match.items.count else { continue }
            out += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            out += "<span class=\"citation\">(" + parts.joined(separator: "; ") + ")</span>"
            cursor = match.range.location + match.range.length
        }
        return narrative(out + ns.substring(from: cursor))
    }

    /// Bare `@key` of a known entry: "Nanda et al. (2023)", linked.
    private mutating func narrative(_ html: String) -> String {
        let ns = html as NSString
        var out = "", cursor = 0
        for (range, key) in Citations.narrative(in: html, keys: Set(bibliography.keys)) {
            guard let entry = bibliography[key] else { continue }
            if !cited.contains(key) { cited.append(key) }
            out += ns.substring(with: NSRange(location: cursor, length: range.location - cursor))
            out += "<a class=\"citation\" href=\"#ref-\(Markup.escape(key))\">\(Markup.escape(entry.authorsShort)) (\(Markup.escape(entry.year)))</a>"
            cursor = range.location + range.length
        }
        return out + ns.substring(from: cursor)
    }

    private mutating func inline(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .text(let s): return linkingReferences(citing(math.text(s)))
        case .softBreak: return "\n"
        case .lineBreak: return "<br>\n"
        case .code(let literal):
            if literal.hasPrefix("=") {
                switch inlineValues[literal] {
                case .text(let value)?: return "<span class=\"value\" title=\"\(Markup.escape(literal))\">\(Markup.escape(value))</span>"
                case .failed(let why)?: return "<span class=\"value failed\" title=\"\(Markup.escape(why))\">\(Markup.escape(literal)) ⚠</span>"
                case nil: break
                }
            }
            return "<code>\(Markup.escape(literal))</code>"
        case .htmlInline(let html): return rawHTML ? html : ""
        case .emphasis: return "<em>\(inlines(node))</em>"
        case .strong: return "<strong>\(inlines(node))</strong>"
        case .link(let url, let title):
            let titleAttribute = title.isEmpty ? "" : " title=\"\(Markup.escape(title))\""
            return "<a href=\"\(Markup.escape(HTML.safeURL(url)))\"\(titleAttribute)>\(inlines(node))</a>"
        case .image(let url, let title):
            // Only inline data: images keep a report self-contained; others become their alt text.
            let alt = Markup.escape(node.plainText)
            guard url.hasPrefix("data:image/") else { return "<span class=\"image-alt\">[\(alt)]</span>" }
            return "<img src=\"\(Markup.escape(url))\" alt=\"\(alt)\" title=\"\(Markup.escape(title))\">"
        default: return render(node)
        }
    }

    /// `@fig-...`, `@tbl-...`, `@eq-...` become links to the numbered target (labels were checked).
    func linkingReferences(_ html: String) -> String {
        guard html.contains("@") else { return html }
        let ns = html as NSString
        var out = "", cursor = 0
        for match in CrossReferences.pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let label = ns.substring(with: match.range(at: 1))
            guard let target = math.references.labels[label] else { continue }
            out += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            out += "<a class=\"xref\" href=\"#\(Markup.escape(label))\">\(target.text)</a>"
            cursor = match.range.location + match.range.length
        }
        return out + ns.substring(from: cursor)
    }

    private mutating func heading(_ node: MarkdownNode, level: Int) -> String {
        let text = node.plainText
        var id = HTML.slug(text)
        if let n = usedIDs[id] {
            usedIDs[id] = n + 1
            id += "-\(n + 1)"
        } else {
            usedIDs[id] = 1
        }
        var number = ""
        if numberSections, level >= 2 {
            let depth = level - 2
            counters[depth] += 1
            for i in (depth + 1)..<counters.count { counters[i] = 0 }
            number = counters[0...depth].map(String.init).joined(separator: ".")
        }
        headings.append(Heading(level: level, id: id, number: number, text: text))
        let numberHTML = number.isEmpty ? "" : "<span class=\"secno\">\(number)</span> "
        return "<h\(level) id=\"\(id)\">\(numberHTML)\(inlines(node)) <a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
    }
}
