import Notebooks

/// Math in reports: prose tokens left by `MathProtector` and `$...$` in captions and claims become
/// MathML (no script, no request). Unknown TeX is kept visible and reported as a warning.
struct MathHTML {
    var math: [Notebooks.MathScanner.Span]
    private(set) var warnings: [String] = []
    private let converter = MathConverter()

    init(math: [Notebooks.MathScanner.Span]) { self.math = math }

    /// Escaped text with every math token replaced by MathML.
    mutating func text(_ s: String) -> String {
        guard s.contains("\u{E000}") else { return HTML.escape(s) }
        var out = "", rest = Substring(s)
        while let start = rest.firstIndex(of: "\u{E000}"), let end = rest[start...].firstIndex(of: "\u{E001}"),
              let index = Int(rest[rest.index(after: start)..<end]), index < math.count {
            out += HTML.escape(String(rest[..<start]))
            out += mathML(math[index].tex, display: math[index].display)
            rest = rest[rest.index(after: end)...]
        }
        return out + HTML.escape(String(rest))
    }

    /// Escaped plain text (a caption, a claim) with `$...$` converted.
    mutating func plain(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out = "", cursor = 0
        for span in Notebooks.MathScanner.spans(in: s) {
            out += HTML.escape(String(decoding: bytes[cursor..<span.range.lowerBound], as: UTF8.self))
            out += mathML(span.tex, display: span.display)
            cursor = span.range.upperBound
        }
        return out + HTML.escape(String(decoding: bytes[cursor...], as: UTF8.self))
    }

    private mutating func mathML(_ tex: String, display: Bool) -> String {
        let result = converter.convert(tex, display: display ? .block : .inline)
        warnings += result.warnings.map { "\($0.message) in $\(tex)$" }
        return result.mathML
    }
}
