import Foundation

/// Reads a notebook file into a `Notebook`: front matter, Markdown blocks and `{kind}` cells.
/// Parsing collects every problem it can (YAML errors in several cells are all reported).
public enum NotebookParser {
    public static func parse(file: String) throws(DiagnosticList) -> Notebook {
        guard let data = FileManager.default.contents(atPath: file), let source = String(data: data, encoding: .utf8) else {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "cannot read '\(file)' as UTF-8 text")])
        }
        return try parse(source: source, file: file)
    }

    public static func parse(source: String, file: String) throws(DiagnosticList) -> Notebook {
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let split: (yaml: String?, body: String)
        do { split = try FrontMatterParser.split(source, file: file) } catch { throw DiagnosticList([error]) }
        var problems: [Diagnostic] = []
        var front = FrontMatter(title: name, description: "", params: [], rawHTML: false, numberSections: false)
        do { front = try FrontMatterParser.parse(split.yaml, file: file, defaultTitle: name) } catch { problems += error.diagnostics }

        let protected = protectMath(inMarkdown: split.body)
        let document: MarkdownNode
        do { document = try CmarkConverter.parse(Footnotes.escapingBrackets(protected.markdown), file: file) } catch { throw DiagnosticList(problems + [error]) }
        var blocks: [Block] = []
        for node in document.children {
            guard case .codeBlock(let info, let literal) = node.kind, let kind = cellKind(info) else {
                blocks.append(.markdown(node))
                continue
            }
            do {
                blocks.append(.cell(try cell(kind: kind, body: literal, at: node.location, infoString: info)))
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return Notebook(file: file, name: name, source: source, frontMatter: front, blocks: blocks, math: protected, body: split.body)
    }

    /// `{train}` → "train"; nil for an ordinary info string.
    static func cellKind(_ info: String) -> String? {
        let word = info.split(separator: " ").first.map(String.init) ?? ""
        guard word.hasPrefix("{"), word.hasSuffix("}"), word.count > 2 else { return nil }
        return String(word.dropFirst().dropLast())
    }

    private static func cell(kind: String, body: String, at location: SourceLocation, infoString: String) throws(Diagnostic) -> Cell {
        // The body starts on the line after the fence, at the fence's column.
        let options = try YAMLReader.read(body, file: location.file, firstLine: location.line + 1, column: location.column)
            ?? .mapping([], at: location)
        guard case .mapping = options else {
            throw Diagnostic(at: options.location, "the body of a {\(kind)} cell must be a YAML mapping of options (key: value lines)")
        }
        return Cell(kind: kind, location: location.advanced(by: 3), body: body, options: options)
    }
}
