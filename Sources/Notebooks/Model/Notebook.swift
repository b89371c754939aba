/// A parsed notebook: front matter, then the document's top-level blocks in order, where each
/// fenced block whose info string is `{kind}` is a `Cell` and everything else is Markdown.
public struct Notebook: Sendable {
    /// The path the notebook was read from, as given (used in diagnostics).
    public var file: String
    /// The file name without directory and `.md` extension; names the report (`NAME.html`).
    public var name: String
    public var source: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    /// The prose's formulas, protected from the Markdown parser: text nodes hold a placeholder in
    /// each one's place (see `ProtectedMarkdown.segments(in:)`), which the report turns into MathML.
    public var math = ProtectedMarkdown(markdown: "", formulas: [])
    /// The Markdown body as parsed: the source with the front-matter lines blanked, so line
    /// numbers are the file's; math offsets count bytes into it.
    public var body = ""

    /// The file location of a byte offset into `body`.
    public func location(ofBodyOffset offset: Int) -> SourceLocation {
        let bytes = body.utf8.prefix(max(0, offset))
        let line = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { bytes.distance(from: bytes.startIndex, to: $0) + 1 } ?? 0
        return SourceLocation(file: file, line: line, column: bytes.count - lineStart + 1)
    }

    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let c) = $0 { c } else { nil } }
    }
}

public enum Block: Sendable, Equatable {
    case markdown(MarkdownNode)
    case cell(Cell)
}

/// A `{kind}` cell. Its body is a YAML mapping of options.
public struct Cell: Sendable, Equatable {
    public var kind: String
    /// Where the fence starts (the line with ```` ```{kind} ````).
    public var location: SourceLocation
    /// The body, exactly as written (shown when the reader unfolds the cell's source).
    public var body: String
    /// The body as a mapping (empty mapping for an empty body).
    public var options: OptionNode

    /// The cell's `id`, if it has one.
    public var id: String? {
        if case .scalar(let s, _, _)? = options["id"] { s } else { nil }
    }
    public var idLocation: SourceLocation {
        options.entries?.first { $0.key == "id" }?.value.location ?? location
    }
}

/// A parameter declared in the front matter's `params`, with its default value.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var value: Value
    public var location: SourceLocation
}

/// The YAML between the leading `---` lines.
public struct FrontMatter: Sendable, Equatable {
    public var title: String
    public var description: String
    public var params: [Parameter]
    /// Raw HTML in prose is dropped unless this is true.
    public var rawHTML: Bool
    /// Whether headings get numbers (1, 1.1, ...) in the report.
    public var numberSections: Bool
    /// The BibTeX file that `[@key]` citations name, relative to the notebook's folder, and where
    /// the front matter names it.
    public var bibliography: String? = nil
    public var bibliographyLocation: SourceLocation? = nil

    /// The seeds every claim must hold at (`seeds: [0, 1, 2]`), each bound in turn to
    /// `params.seed`; nil when the notebook declares none.
    public var seeds: [Int]?
    /// Where `seeds` is written (for errors about it).
    public var seedsLocation: SourceLocation?

    public static let keys = ["title", "description", "params", "seeds", "raw_html", "number_sections", "bibliography"]
}
