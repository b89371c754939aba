import Markup

/// Builds SVG text. Attribute values and text content are escaped here (through
/// `Markup.escape`), never by callers; numbers go through `CoordinateFormat` via `n(_:)`.
struct SVGWriter {
    private(set) var text = ""

    /// An attribute list in the order given (order is part of the byte-identical output).
    typealias Attributes = [(String, String)]

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        text += "<" + name + Self.render(attributes) + ">"
    }

    mutating func close(_ name: String) {
        text += "</" + name + ">\n"
    }

    /// An empty element `<name a="v"/>`.
    mutating func leaf(_ name: String, _ attributes: Attributes) {
        text += "<" + name + Self.render(attributes) + "/>\n"
    }

    /// An element holding only text: `<name a="v">text</name>`.
    mutating func textElement(_ name: String, _ attributes: Attributes, _ content: String) {
        text += "<" + name + Self.render(attributes) + ">" + Markup.escape(content) + "</" + name + ">\n"
    }

    /// Raw content produced by another `SVGWriter` (already escaped).
    mutating func append(_ other: SVGWriter) {
        text += other.text
    }

    mutating func newline() { text += "\n" }

    private static func render(_ attributes: Attributes) -> String { Markup.attributeList(attributes) }
}

/// Shorthand for a coordinate string.
@inline(__always) func n(_ value: Double) -> String { CoordinateFormat.format(value) }
