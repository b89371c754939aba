import Foundation

/// Citations in prose: `[@key]`, `[@key, p. 12]`, `[@a; @b]`. Each key must name an entry of the
/// BibTeX file the front matter's `bibliography:` names; the report prints them author–year,
/// "(Nanda et al., 2023; Power et al., 2022)", each linked to its entry under References. A bare
/// `@key` naming an entry is a narrative citation, "Nanda et al. (2023)"; a bare `@word` that
/// names no entry is left as text (it may be a handle or an address).
/// Labels of figures, tables and equations (`@fig-`, `@tbl-`, `@eq-`) are cross-references, not
/// citations.
public enum Citations {
    public struct Item: Sendable, Equatable {
        public var key: String
        /// Text after the key, such as "p. 12"; empty when none.
        public var locator: String
    }

    public struct Match: Sendable {
        /// Range of the whole bracket in the text (UTF-16, as NSString counts).
        public var range: NSRange
        public var items: [Item]
    }

    /// A bracket holding one or more `@key` items separated by ';'. Keys are letters, digits and
    /// `_:.-`, ending in a letter or digit.
    static let pattern = try! NSRegularExpression(
        pattern: #"\[(@[A-Za-z0-9_:.\-]*[A-Za-z0-9][^\[\]@;]*(?:;\s*@[A-Za-z0-9_:.\-]*[A-Za-z0-9][^\[\]@;]*)*)\]"#)

    static let crossReferencePrefixes = ["fig-", "tbl-", "eq-"]

    /// Every citation bracket in `text`.
    public static func find(in text: String) -> [Match] {
        let ns = text as NSString
        return pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            let inner = ns.substring(with: match.range(at: 1))
            let items = inner.split(separator: ";").map { part -> Item in
                let trimmed = part.trimmingCharacters(in: .whitespaces).dropFirst()  // the '@'
                let key = String(trimmed.prefix { $0.isLetter || $0.isNumber || "_:.-".contains($0) })
                var locator = trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
                if locator.hasPrefix(",") { locator = locator.dropFirst().trimmingCharacters(in: .whitespaces) }
                return Item(key: key, locator: locator)
            }
            if items.contains(where: { item in crossReferencePrefixes.contains { item.key.hasPrefix($0) } }) { return nil }
            return Match(range: match.range, items: items)
        }
    }

    static let narrativePattern = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9@\[])@([A-Za-z0-9_:.\-]*[A-Za-z0-9])"#)

    /// Bare `@key` mentions of keys in `keys`, with their ranges (UTF-16).
    public static func narrative(in text: String, keys: Set<String>) -> [(range: NSRange, key: String)] {
        let ns = text as NSString
        return narrativePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            let key = ns.substring(with: match.range(at: 1))
            return keys.contains(key) ? (match.range, key) : nil
        }
    }

    /// Consecutive text nodes of a paragraph joined, with the location of the first: the Markdown
    /// parser splits text at brackets, so a citation may span several nodes.
    public static func textRuns(_ node: MarkdownNode) -> [(text: String, location: SourceLocation)] {
        var runs: [(text: String, location: SourceLocation)] = []
        var current: (text: String, location: SourceLocation)?
        func visit(_ node: MarkdownNode) {
            if case .text(let s) = node.kind {
                if current == nil { current = (s, node.location) } else { current!.text += s }
                return
            }
            if let c = current { runs.append(c) }
            current = nil
            node.children.forEach(visit)
            if let c = current { runs.append(c) }
            current = nil
        }
        visit(node)
        return runs
    }
}
