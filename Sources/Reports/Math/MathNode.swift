import Markup

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

/// MathML's use of `Markup.escape`: tabs and line breaks become spaces (they are layout in the
/// TeX source, not content), and invisible or easily confused characters (no-break space
/// U+00A0, combining marks U+0300–U+036F, spaces U+2000–U+200F and U+2028–U+202F, function
/// application and invisible operators U+2060–U+2064) become numeric references so that the
/// output stays readable.
enum MathEscaping {
    static func escape(_ text: String) -> String {
        let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
        return Markup.escape(flat, reference: { scalar in
            let v = scalar.value
            return v == 0xA0 || (0x300...0x36F).contains(v) || (0x2000...0x200F).contains(v) || (0x2028...0x202F).contains(v)
                || (0x2060...0x2064).contains(v)
        })
    }
}
