/// One element of a MathML tree, built by the TeX parser and serialised by `MathNode.xml`.
///
/// A node is either a token element (`mi`, `mn`, `mo`, `mtext`, `mspace`) holding `text`, or a
/// layout element (`mrow`, `mfrac`, `msub`, `mtable`...) holding `children`. Attribute values and
/// text are escaped on output (`&`, `<`, `>`, `"`), so no input can produce broken markup.
struct MathNode: Sendable, Equatable {
    struct Attribute: Sendable, Equatable {
        let name: String
        let value: String
    }

    var name: String
    var attributes: [Attribute]
    var children: [MathNode]
    var text: String?

    init(_ name: String, _ attributes: [(String, String)] = [], children: [MathNode] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes.map { Attribute(name: $0.0, value: $0.1) }
        self.children = children
        self.text = text
    }

    /// Sets or replaces one attribute.
    mutating func set(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.name == name }) {
            attributes[index] = Attribute(name: name, value: value)
        } else {
            attributes.append(Attribute(name: name, value: value))
        }
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    // MARK: builders

    static func mi(_ text: String, normal: Bool = false) -> MathNode {
        MathNode("mi", normal ? [("mathvariant", "normal")] : [], text: text)
    }

    static func mn(_ text: String) -> MathNode { MathNode("mn", text: text) }

    static func mo(_ text: String, _ attributes: [(String, String)] = []) -> MathNode {
        MathNode("mo", attributes, text: text)
    }

    static func mtext(_ text: String) -> MathNode { MathNode("mtext", text: text) }

    static func mspace(_ width: String) -> MathNode { MathNode("mspace", [("width", width)]) }

    /// A row; a single child is returned unwrapped, since `<mrow>` around one node adds nothing.
    static func row(_ children: [MathNode]) -> MathNode {
        children.count == 1 ? children[0] : MathNode("mrow", children: children)
    }

    static func element(_ name: String, _ children: [MathNode], _ attributes: [(String, String)] = []) -> MathNode {
        MathNode(name, attributes, children: children)
    }

    /// The source shown as text inside `<merror>`, used for anything the converter cannot render.
    static func error(_ source: String) -> MathNode {
        MathNode("merror", children: [.mtext(source)])
    }

    // MARK: serialisation

    var xml: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        out += "<" + name
        for attribute in attributes {
            out += " " + attribute.name + "=\"" + MathEscaping.escape(attribute.value) + "\""
        }
        if let text {
            out += ">" + MathEscaping.escape(text) + "</" + name + ">"
        } else if children.isEmpty && name == "mspace" {
            out += "/>"
        } else {
            out += ">"
            for child in children { child.write(to: &out) }
            out += "</" + name + ">"
        }
    }
}

/// XML escaping for MathML text and attribute values.
///
/// `&`, `<`, `>` and `"` become entity references; invisible or easily confused characters
/// (function application U+2061, no-break space U+00A0, spaces U+2000–U+200F, combining marks
/// U+0300–U+036F) become numeric references so that the output stays readable; control
/// characters, which XML 1.0 forbids, become U+FFFD.
enum MathEscaping {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += " "
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || value == 0xFFFE || value == 0xFFFF {
                    out += "\u{FFFD}"
                } else if value == 0xA0 || (0x300...0x36F).contains(value) || (0x2000...0x200F).contains(value) || (0x2028...0x202F).contains(value)
                    || (0x2060...0x2064).contains(value)
                {
                    out += "&#x" + String(value, radix: 16, uppercase: true) + ";"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
