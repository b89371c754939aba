import Markup

/// HTML helpers of the reports. Every string that comes from a notebook (titles, prose text,
/// values, error messages, cell source) passes through `Markup.escape` where it lands.
public enum HTML {
    /// Escapes a result value, and keeps each word that holds a digit on one line
    /// (`<span class="nb">`): browsers break after a hyphen, which split "1.87e-2" as "1.87e-/2".
    /// Words without digits may still wrap, so long lists of values do.
    public static func value(_ s: String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let escaped = Markup.escape(String(word))
            return word.contains(where: \.isNumber) && word.contains(where: { $0 == "-" || $0 == "−" })
                ? "<span class=\"nb\">\(escaped)</span>" : escaped
        }.joined(separator: " ")
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
