/// Estimated width of text in the figure font, used to size margins so that no label is
/// clipped. Widths are fractions of the font size chosen at or above those of the widest common
/// fallback (DejaVu Sans: digits 0.64 em; Arial and Helvetica are narrower at 0.56 em), so the
/// estimate errs towards a little extra space, never towards overlap.
enum TextMetrics {
    /// The font stack written on every figure; the widths below cover all of its members.
    static let fontFamily = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, \"DejaVu Sans\", sans-serif"

    static let tickFontSize = 11.0
    static let labelFontSize = 12.0
    static let titleFontSize = 14.0

    /// Width in pixels of `text` at `fontSize`.
    static func width(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            em += advance(scalar)
        }
        return em * fontSize
    }

    private static func advance(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "0"..."9": return 0.64
        case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!", "I", "\u{00B7}": return 0.3
        case "f", "t", "r", "(", ")", "[", "]", "{", "}", "/", "\\": return 0.42
        case " ": return 0.32
        case "m", "w", "M", "W", "%", "@": return 1.0
        case "a"..."z": return 0.62
        case "A"..."Z", "&": return 0.76
        case "\u{2212}", "+", "=", "<", ">", "\u{00D7}", "~": return 0.84
        case "-", "_": return 0.5
        case "\u{2070}"..."\u{207F}", "\u{00B9}", "\u{00B2}", "\u{00B3}": return 0.45
        default: return scalar.value > 0x2E80 ? 1.0 : 0.7
        }
    }

    /// `text` shortened with "…" so that it is at most `maximum` pixels wide; unchanged if it fits.
    static func truncate(_ text: String, toWidth maximum: Double, fontSize: Double) -> String {
        guard width(text, fontSize: fontSize) > maximum else { return text }
        var kept = ""
        for character in text {
            let candidate = kept + String(character)
            if width(candidate + "\u{2026}", fontSize: fontSize) > maximum { break }
            kept = candidate
        }
        return kept.trimmingTrailingSpaces() + "\u{2026}"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
