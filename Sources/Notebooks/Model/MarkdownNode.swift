/// An immutable CommonMark tree, built once from cmark's tree by `CmarkConverter` so that no C
/// pointer outlives parsing. Every node knows where it starts in the notebook file.
public struct MarkdownNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case link(url: String, title: String)
        case image(url: String, title: String)
    }

    public var kind: Kind
    public var location: SourceLocation
    public var children: [MarkdownNode]

    public init(_ kind: Kind, at location: SourceLocation, children: [MarkdownNode] = []) {
        self.kind = kind
        self.location = location
        self.children = children
    }

    /// The concatenated text of the node's inline content (for heading anchors and the table of contents).
    public var plainText: String {
        switch kind {
        case .text(let s), .code(let s): return s
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }

    /// An indented one-line-per-node dump, used by tests to compare whole trees.
    public func dump(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        var line = "\(pad)\(kind) @\(location.line):\(location.column)"
        for child in children { line += "\n" + child.dump(indent: indent + 1) }
        return line
    }
}
