// CYaml is libyaml as Yams builds it (a target of the Yams package): its scanner finds anchors.
import Foundation
import CYaml
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
        if let (line, col) = firstAnchorOrAlias(text) {
            throw Diagnostic(at: SourceLocation(file: file, line: firstLine + line - 1, column: column + col - 1),
                             "YAML anchors and aliases (&name, *name) are not supported in notebooks; repeat the value")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            if let duplicate = duplicateKeyDiagnostic(error, text: text, file: file, firstLine: firstLine, column: column) {
                throw duplicate
            }
            var d = diagnostic(for: error, at: location)
            if d.note == nil { d.note = colonHint(d.message, lines: lines, line: d.location.line - firstLine) }
            throw d
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

    /// Where the first anchor (`&name`) or alias (`*name`) of `text` is (1-based line and column),
    /// found by libyaml's scanner, which only tokenizes. Notebooks refuse both, and must do so
    /// before Yams composes the text: its composer expands aliases, so a 400-byte "billion
    /// laughs" cell (nine levels of nine aliases) took gigabytes and crashed. Text the scanner
    /// cannot read is left to `Yams.compose`, which reports the error.
    static func firstAnchorOrAlias(_ text: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var token = yaml_token_t()
            while yaml_parser_scan(&parser, &token) == 1 {
                let type = token.type, mark = token.start_mark
                yaml_token_delete(&token)
                switch type {
                case YAML_ANCHOR_TOKEN, YAML_ALIAS_TOKEN: return (Int(mark.line) + 1, Int(mark.column) + 1)
                case YAML_STREAM_END_TOKEN, YAML_NO_TOKEN: return nil
                default: continue
                }
            }
            return nil
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

    /// "mapping values are not allowed" is what YAML says about `says: Ratio: 2` — a plain value
    /// with ': ' inside. The note shows the line with its value quoted.
    static func colonHint(_ message: String, lines: [Substring], line: Int) -> String? {
        guard message.contains("mapping values are not allowed"), line >= 0, line < lines.count else { return nil }
        let text = lines[line]
        guard let colon = text.range(of: ": ") else { return nil }
        let key = text[..<colon.lowerBound], value = text[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard value.contains(": "), !value.hasPrefix("'"), !value.hasPrefix("\""), !value.hasPrefix("{") else { return nil }
        let quoted = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        return "a value that contains ': ' must be quoted: \(key.trimmingCharacters(in: .whitespaces)): \(quoted)"
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
