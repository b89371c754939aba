import Yams

/// Parses YAML text into an `OptionNode` tree with file locations. `firstLine` is the file line of
/// the text's first line and `column` the file column its lines start at.
enum YAMLReader {
    static func read(_ text: String, file: String, firstLine: Int, column: Int = 1) throws(Diagnostic) -> OptionNode? {
        // An error found at the end of the text (an unclosed bracket, say) is shown at the end of
        // the last line that has content, not on the fence line after it.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lastContent = lines.lastIndex { !$0.allSatisfy(\.isWhitespace) } ?? 0
        func location(_ mark: Mark?) -> SourceLocation {
            var line = mark?.line ?? 1, col = mark?.column ?? 1
            if line - 1 > lastContent, lastContent < lines.count {
                line = lastContent + 1
                col = lines[lastContent].count + 1
            }
            return SourceLocation(file: file, line: firstLine + line - 1, column: column + col - 1)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            if let duplicate = duplicateKeyDiagnostic(error, text: text, file: file, firstLine: firstLine, column: column) {
                throw duplicate
            }
            throw diagnostic(for: error, at: location)
        } catch {
            throw Diagnostic(at: location(nil), "invalid YAML: \(error)")
        }
        guard let node else { return nil }
        return try convert(node, location: location)
    }

    private static func convert(_ node: Node, location: (Mark?) -> SourceLocation) throws(Diagnostic) -> OptionNode {
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return .scalar(scalar.string, quoted: quoted, at: location(scalar.mark))
        case .sequence(let seq):
            var items: [OptionNode] = []
            for item in seq { items.append(try convert(item, location: location)) }
            return .list(items, at: location(seq.mark))
        case .mapping(let map):
            var entries: [OptionEntry] = []
            for (key, value) in map {
                guard case .scalar(let k) = key else {
                    throw Diagnostic(at: location(key.mark), "a mapping key must be a plain name")
                }
                let keyLoc = location(k.mark)
                if entries.contains(where: { $0.key == k.string }) {
                    throw Diagnostic(at: keyLoc, "duplicate key '\(k.string)'")
                }
                entries.append(OptionEntry(key: k.string, keyLocation: keyLoc, value: try convert(value, location: location)))
            }
            return .mapping(entries, at: location(map.mark))
        case .alias(let alias):
            throw Diagnostic(at: location(alias.mark), "YAML aliases are not supported in notebooks; repeat the value")
        }
    }

    private static func diagnostic(for error: YamlError, at location: (Mark?) -> SourceLocation) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text))" } ?? ""
            return Diagnostic(at: location(mark), "invalid YAML: \(problem)\(while_)")
        default:
            return Diagnostic(at: location(nil), "invalid YAML: \(error)")
        }
    }

    /// libyaml-through-Yams reports duplicate keys for the whole mapping; point at the repeat instead.
    private static func duplicateKeyDiagnostic(_ error: YamlError, text: String, file: String, firstLine: Int, column: Int) -> Diagnostic? {
        guard case .duplicatedKeysInMapping(let duplicates, _) = error, let key = duplicates.sorted().first else { return nil }
        var seen = 0
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(key + ":") else { continue }
            seen += 1
            if seen == 2 {
                let indent = line.count - trimmed.count
                return Diagnostic(at: SourceLocation(file: file, line: firstLine + offset, column: column + indent), "duplicate key '\(key)'")
            }
        }
        return nil
    }
}
