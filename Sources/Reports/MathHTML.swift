import Notebooks

/// Math in reports: the placeholders that `protectMath` left in prose, and `$...$` in captions and
/// claims, become MathML (no script, no request). Unknown TeX stays visible in an `<merror>` and
/// is collected as a warning.
struct MathHTML {
    var protected: ProtectedMarkdown
    private(set) var warnings: [String] = []
    private let converter = MathConverter()

    init(_ protected: ProtectedMarkdown) { self.protected = protected }

    /// A prose text node: escaped text, placeholders replaced by MathML.
    mutating func text(_ s: String) -> String {
        guard s.unicodeScalars.contains("\u{E000}") else { return HTML.escape(s) }
        return render(protected.segments(in: s))
    }

    /// Plain text (a caption, a claim): escaped, with `$...$` converted.
    mutating func plain(_ s: String) -> String {
        guard s.contains("$") else { return HTML.escape(s) }
        return render(splitMath(s))
    }

    private mutating func render(_ segments: [MathSegment]) -> String {
        segments.map { segment -> String in
            switch segment {
            case .text(let t): return HTML.escape(t)
            case .math(let tex, let display, _):
                let result = converter.convert(tex, display: display)
                warnings += result.warnings.map { "\($0.message) in $\(tex)$" }
                return result.mathML
            }
        }.joined()
    }
}
