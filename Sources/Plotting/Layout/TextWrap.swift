/// Greedy word wrapping by estimated width, for titles longer than the figure is wide.
enum TextWrap {
    /// Line height of wrapped titles, as a multiple of the font size.
    static let lineHeight = 1.25

    /// Lines of at most `width` pixels (a single word wider than that keeps a line of its own).
    static func lines(_ text: String, width: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && TextMetrics.width(candidate, fontSize: fontSize) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    /// Height taken by a title of `lineCount` lines, up to the baseline gap below it.
    static func titleHeight(lineCount: Int) -> Double {
        TextMetrics.titleFontSize * (1 + lineHeight * Double(lineCount - 1))
    }

    /// Draws a title at the top left of a panel or grid, wrapped to `width`.
    static func drawTitle(_ title: String, width: Double, into out: inout SVGWriter) {
        let font = TextMetrics.titleFontSize
        let lines = lines(title, width: width - 2 * PanelLayout.pad, fontSize: font)
        for (i, line) in lines.enumerated() {
            out.textElement("text", [("class", "title"), ("x", n(PanelLayout.pad)),
                                     ("y", n(PanelLayout.pad + font * 0.8 + Double(i) * font * lineHeight)),
                                     ("font-size", n(font)), ("font-weight", "600")], line)
        }
    }
}
