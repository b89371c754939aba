import Ccmark

/// The only file that touches cmark. It parses Markdown with cmark, walks cmark's iterator once
/// and returns an immutable `MarkdownNode` tree; the cmark tree is freed before returning.
enum CmarkConverter {
    /// The deepest nesting of Markdown (block quotes, lists, emphasis, links, counted together)
    /// a notebook may have. Every later pass over the tree (rendering, finding inline values)
    /// recurses once per level; 20,000 nested `>` overflowed the stack. Real prose stays far
    /// below: CommonMark documents rarely nest past ten.
    static let maxDepth = 100

    /// Parses `source`; nesting deeper than `maxDepth` is an error at the node that exceeds it.
    static func parse(_ source: String, file: String) throws(Diagnostic) -> MarkdownNode {
        let bytes = Array(source.utf8)
        let root: OpaquePointer = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                cmark_parse_document($0, buf.count, CMARK_OPT_DEFAULT)
            }
        }
        defer { cmark_node_free(root) }

        guard let iterator = cmark_iter_new(root) else { return MarkdownNode(.document, at: .init(file: file, line: 1, column: 1)) }
        defer { cmark_iter_free(iterator) }

        // A stack of nodes under construction; a node is closed on its EXIT event (or at once if it is a leaf).
        var stack: [MarkdownNode] = []
        var result = MarkdownNode(.document, at: SourceLocation(file: file, line: 1, column: 1))
        var lastLocation = SourceLocation(file: file, line: 1, column: 1)

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
                // Inline nodes carry no position in every cmark version: inherit the last known one.
                if line > 0 { lastLocation = SourceLocation(file: file, line: line, column: max(1, column)) }
                let swiftNode = MarkdownNode(kind(of: node), at: lastLocation)
                if isLeaf(node) {
                    stack[stack.count - 1].children.append(swiftNode)
                } else {
                    guard stack.count < maxDepth else {
                        throw Diagnostic(at: lastLocation, "Markdown nested more than \(maxDepth) levels deep (block quotes, lists, emphasis and links count together)")
                    }
                    stack.append(swiftNode)
                }
            } else if event == CMARK_EVENT_EXIT {
                let finished = stack.removeLast()
                if stack.isEmpty { result = finished } else { stack[stack.count - 1].children.append(finished) }
            }
        }
        return result
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: return .text("")
        }
    }
}
