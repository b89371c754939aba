/// All HTML escaping in one place. Every string that comes from a notebook (titles, prose text,
/// values, error messages, cell source) passes through `text` or `attribute` where it lands.
public enum HTML {
    /// Escapes text content: & < > (and quotes, so the same function is safe in attributes).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Escapes a result value, and keeps each word that holds a digit on one line
    /// (`<span class="nb">`): browsers break after a hyphen, which split "1.87e-2" as "1.87e-/2".
    /// Words without digits may still wrap, so long lists of values do.
    public static func value(_ s: String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let escaped = escape(String(word))
            return word.contains(where: \.isNumber) && word.contains(where: { $0 == "-" || $0 == "−" })
                ? "<span class=\"nb\">\(escaped)</span>" : escaped
        }.joined(separator: " ")
    }

    /// `<tag attr="value">content</tag>` with escaped attribute values; `content` is trusted HTML.
    public static func element(_ tag: String, _ attributes: [(String, String)] = [], _ content: String) -> String {
        "<\(tag)\(attributeList(attributes))>\(content)</\(tag)>"
    }

    public static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// A URL is kept only if its scheme is harmless (no `javascript:`); otherwise "#".
    public static func safeURL(_ url: String) -> String {
        let lower = url.lowercased().trimmingCharacters(in: .whitespaces)
        let scheme = lower.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if lower.contains(":"), !["http", "https", "mailto"].contains(scheme), !lower.hasPrefix("#") {
            return "#"
        }
        return url
    }

    /// A slug for heading anchors: lowercase letters and digits joined by '-'.
    public static func slug(_ s: String) -> String {
        var out = "", dash = false
        for ch in s.lowercased().unicodeScalars {
            if ch.properties.isAlphabetic || ("0"..."9").contains(Character(ch)) {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(ch)
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}

import Foundation
