/// The one place where text becomes HTML or XML (the reports' HTML, the figures' SVG, MathML).
///
/// One rule for every output: `& < > " '` become entity references, so an escaped string is safe
/// in text and in a quoted attribute alike; a control character other than tab, line feed and
/// carriage return (C0, DEL, C1) and the non-characters U+FFFE and U+FFFF, which XML 1.0 forbids
/// and HTML reports as parse errors, become U+FFFD, the replacement character, so that what was
/// lost stays visible.
public enum Markup {
    /// `text` escaped. Scalars for which `reference` holds are written as numeric character
    /// references (`&#xA0;`), for output that should show invisible characters legibly (MathML).
    public static func escape(_ text: String, reference: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if isForbidden(scalar) {
                    out += "\u{FFFD}"
                } else if reference(scalar) {
                    out += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Control characters and non-characters that no output may carry (see the type's comment).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
    }

    /// An id made only of `[A-Za-z0-9_-]`, starting with a letter, so that it is a valid XML name
    /// and a valid CSS identifier. Other characters become `-`; "" becomes `fig`.
    public static func identifier(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || scalar == "_" || scalar == "-"
            out.unicodeScalars.append(ok ? scalar : "-")
        }
        if out.isEmpty { return "fig" }
        if let first = out.unicodeScalars.first, !((first >= "a" && first <= "z") || (first >= "A" && first <= "Z")) {
            out = "fig-" + out
        }
        return out
    }

    /// `<tag attr="value">content</tag>` with escaped attribute values; `content` is trusted markup.
    public static func element(_ tag: String, _ attributes: [(String, String)] = [], _ content: String) -> String {
        "<\(tag)\(attributeList(attributes))>\(content)</\(tag)>"
    }

    /// ` name="value"` for each attribute, values escaped.
    public static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
