import Markup
import Notebooks

/// The References section of a report: every cited BibTeX entry, sorted by its first author's
/// family name and year, each with the id its citations link to (`ref-<key>`).
///
///     Neel Nanda, Lawrence Chan, Tom Lieberum, Jess Smith and Jacob Steinhardt (2023).
///     Progress measures for grokking via mechanistic interpretability. ICLR. arXiv:2301.05217.
enum ReferenceList {
    static func html(cited: [String], bibliography: [String: BibEntry]) -> String {
        let entries = cited.compactMap { bibliography[$0] }.sorted {
            ($0.familyNames.first ?? $0.key, $0.year, $0.key) < ($1.familyNames.first ?? $1.key, $1.year, $1.key)
        }
        guard !entries.isEmpty else { return "" }
        let items = entries.map { "<li id=\"ref-\(Markup.escape($0.key))\">\(entry($0))</li>" }.joined(separator: "\n")
        return "<section class=\"references\" aria-labelledby=\"references-title\">\n<h2 id=\"references-title\">References</h2>\n<ol>\n\(items)\n</ol>\n</section>\n"
    }

    static func entry(_ e: BibEntry) -> String {
        var parts: [String] = []
        let names = e.fullNames
        let people = names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
        parts.append("\(Markup.escape(people.isEmpty ? e.key : people)) (\(Markup.escape(e.year))).")
        if let title = e["title"] { parts.append(Markup.escape(title.hasSuffix(".") || title.hasSuffix("?") ? title : title + ".")) }
        var venue = e["journal"] ?? e["booktitle"] ?? e["publisher"] ?? e["howpublished"] ?? e["institution"] ?? ""
        if !venue.isEmpty {
            if let volume = e["volume"] { venue += " \(volume)" + (e["number"].map { "(\($0))" } ?? "") }
            if let pages = e["pages"] { venue += ", \(pages)" }
            parts.append("<em>\(Markup.escape(venue))</em>.")
        }
        if let eprint = e["eprint"], (e["archiveprefix"] ?? e["eprinttype"] ?? "").lowercased() == "arxiv" {
            parts.append("arXiv:\(Markup.escape(eprint)).")
        }
        if let note = e["note"] { parts.append(Markup.escape(note.hasSuffix(".") ? note : note + ".")) }
        if let doi = e["doi"] {
            let url = "https://doi.org/" + doi
            parts.append("<a href=\"\(Markup.escape(url))\">doi:\(Markup.escape(doi))</a>")
        } else if let url = e["url"] {
            parts.append("<a href=\"\(Markup.escape(HTML.safeURL(url)))\">\(Markup.escape(url))</a>")
        }
        return parts.joined(separator: " ")
    }
}
