import Notebooks

/// Finds the inline code spans that are expressions (`` `=...` ``) in a notebook's prose, with
/// the file location of the expression's first character.
enum InlineSpanFinder {
    struct Span { var text: String; var location: SourceLocation }

    static func spans(in notebook: Notebook) -> [Span] {
        let lines = notebook.source.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        var spans: [Span] = []
        // Search cursor (0-based line, byte column) so repeated spans map to successive occurrences.
        var cursor = (line: 0, column: 0)
        func visit(_ node: MarkdownNode) {
            if case .code(let literal) = node.kind, literal.hasPrefix("=") {
                let needle = Array(("`" + literal).utf8)
                var line = max(cursor.line, node.location.line - 1)
                var column = line == cursor.line ? cursor.column : 0
                var found: SourceLocation?
                while line < lines.count, found == nil {
                    if let at = find(needle, in: lines[line], from: column) {
                        found = SourceLocation(file: notebook.file, line: line + 1, column: at + 3)
                        cursor = (line, at + needle.count)
                    } else {
                        line += 1
                        column = 0
                    }
                }
                spans.append(Span(text: String(literal.dropFirst()), location: found ?? node.location))
            }
            node.children.forEach(visit)
        }
        for block in notebook.blocks {
            if case .markdown(let node) = block { visit(node) }
        }
        return spans
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}
