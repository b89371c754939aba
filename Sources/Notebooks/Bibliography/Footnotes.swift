import Foundation

/// Footnotes in prose: a reference `[^name]` in the text, and a paragraph of its own starting with
/// `[^name]: ` that gives the note. The report numbers the notes in order of first reference,
/// prints each reference as a superscript link, and lists the notes at the end under "Notes",
/// each with a link back. A reference without a note, or a note never referred to, is an error
/// located where it is written.
public enum Footnotes {
    /// `[^name]` not followed by `:` (that would be a definition). Names are letters, digits, `_`, `-`.
    static let referencePattern = try! NSRegularExpression(pattern: #"\[\^([A-Za-z0-9_-]+)\]"#)
    static let definitionPattern = try! NSRegularExpression(pattern: #"^\[\^([A-Za-z0-9_-]+)\]:[ \t]*"#)

    /// The Markdown with every `[^` outside code written `\[^`, so that CommonMark keeps footnotes
    /// as text: `[^a]: note` would otherwise be a link reference definition (swallowed when the
    /// note is one word) and `[^a]` a link to it. Fenced blocks and code spans are left alone.
    public static func escapingBrackets(_ markdown: String) -> String {
        guard markdown.contains("[^") else { return markdown }
        var out: [String] = []
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
            if let open = fence {
                if marker.count >= open.count, marker.first == open.first { fence = nil }
                out.append(String(line))
                continue
            }
            if marker.count >= 3, marker.allSatisfy({ $0 == marker.first }) {
                fence = marker
                out.append(String(line))
                continue
            }
            var result = "", inCode = false
            var previous: Character = " "
            var i = line.startIndex
            while i < line.endIndex {
                let c = line[i]
                if c == "`" { inCode.toggle() }
                if !inCode, c == "[", previous != "\\", line.index(after: i) < line.endIndex, line[line.index(after: i)] == "^" {
                    result += "\\"
                }
                result.append(c)
                previous = c
                i = line.index(after: i)
            }
            out.append(result)
        }
        return out.joined(separator: "\n")
    }

    /// References in `text`: their ranges (UTF-16) and names.
    public static func references(in text: String) -> [(range: NSRange, name: String)] {
        let ns = text as NSString
        return referencePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).map {
            ($0.range, ns.substring(with: $0.range(at: 1)))
        }
    }

    /// When `paragraph` defines a note, its name and the length (UTF-16) of the `[^name]: ` prefix.
    public static func definition(_ paragraph: MarkdownNode) -> (name: String, prefixLength: Int)? {
        guard case .paragraph = paragraph.kind, let first = Citations.textRuns(paragraph).first,
              paragraph.children.first.map({ if case .text = $0.kind { true } else { false } }) == true else { return nil }
        let ns = first.text as NSString
        guard let match = definitionPattern.firstMatch(in: first.text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (ns.substring(with: match.range(at: 1)), match.range.length)
    }

    /// Every reference must have a note and every note a reference; a name is defined once.
    public static func check(_ notebook: Notebook) -> [Diagnostic] {
        var defined: [String: SourceLocation] = [:]
        var referenced: [String: SourceLocation] = [:]
        var problems: [Diagnostic] = []
        func visit(_ node: MarkdownNode) {
            if let (name, _) = definition(node) {
                if defined[name] != nil {
                    problems.append(Diagnostic(at: node.location, "footnote '[^\(name)]' is defined twice"))
                }
                defined[name] = defined[name] ?? node.location
            }
            if case .paragraph = node.kind {
                let skip = definition(node)?.prefixLength ?? 0
                for (index, run) in Citations.textRuns(node).enumerated() {
                    let text = index == 0 && skip > 0 ? String((run.text as NSString).substring(from: skip)) : run.text
                    let shift = index == 0 ? (run.text as NSString).substring(to: skip).utf8.count : 0
                    for (range, name) in references(in: text) where referenced[name] == nil {
                        let offset = (text as NSString).substring(to: range.location).utf8.count + shift
                        referenced[name] = run.location.advanced(by: offset)
                    }
                }
                return
            }
            node.children.forEach(visit)
        }
        for block in notebook.blocks { if case .markdown(let node) = block { visit(node) } }
        for (name, location) in referenced where defined[name] == nil {
            problems.append(Diagnostic(at: location, "footnote '[^\(name)]' has no note",
                                       note: "add a paragraph starting with '[^\(name)]: ' that gives it"))
        }
        for (name, location) in defined where referenced[name] == nil {
            problems.append(Diagnostic(at: location, "footnote '[^\(name)]' is never referred to",
                                       note: "refer to it in the text as [^\(name)], or remove it"))
        }
        return problems
    }
}
