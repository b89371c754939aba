/// The one place where text becomes XML. Every attribute value and every text node of the SVG
/// goes through `escape`, so a label such as `a<b & "c"` keeps the document well-formed.
enum XMLEscaping {
    /// Replaces `& < > " '` by entities and drops the control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
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
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An id fragment made only of `[A-Za-z0-9_-]`, starting with a letter, so that it is a valid
    /// XML name and a valid CSS identifier. Other characters become `-`.
    static func identifier(_ text: String) -> String {
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
}
