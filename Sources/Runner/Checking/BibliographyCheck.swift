import Foundation
import Notebooks

/// Reads the BibTeX file a notebook's front matter names and checks every `[@key]` citation in
/// its prose against it: an unreadable or malformed file, a citation without a `bibliography:`,
/// and a key the file lacks are errors located where they occur.
enum BibliographyCheck {
    static func load(_ notebook: Notebook, problems: inout [Diagnostic]) -> [String: BibEntry] {
        let front = notebook.frontMatter
        var entries: [String: BibEntry] = [:]
        var loaded = false
        if let name = front.bibliography {
            let directory = (notebook.file as NSString).deletingLastPathComponent
            let path = directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
            let at = front.bibliographyLocation ?? SourceLocation(file: notebook.file, line: 1, column: 1)
            if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
                do {
                    for entry in try BibTeX.parse(text, file: path) { entries[entry.key] = entry }
                    loaded = true
                } catch {
                    problems += error.diagnostics
                }
            } else {
                problems.append(Diagnostic(at: at, "cannot read the bibliography '\(path)'", note: "the path is relative to the notebook's folder"))
            }
        }
        var saidNoBibliography = false
        for block in notebook.blocks {
            guard case .markdown(let node) = block else { continue }
            for run in Citations.textRuns(node) {
                let ns = run.text as NSString
                for match in Citations.find(in: run.text) {
                    let offset = ns.substring(to: match.range.location).utf8.count
                    let location = run.location.advanced(by: offset)
                    if front.bibliography == nil {
                        if !saidNoBibliography {
                            problems.append(Diagnostic(at: location, "a citation needs a bibliography",
                                                       note: "name a BibTeX file in the front matter: bibliography: references.bib"))
                            saidNoBibliography = true
                        }
                        continue
                    }
                    for item in match.items where loaded && entries[item.key] == nil {
                        problems.append(Diagnostic(
                            at: location, "unknown citation key '@\(item.key)'",
                            note: closestMatch(to: item.key, in: entries.keys.sorted()).map { "did you mean '@\($0)'?" }
                                ?? "keys in \(front.bibliography!): \(entries.keys.sorted().prefix(12).joined(separator: ", "))"))
                    }
                }
            }
        }
        return entries
    }
}
