import Notebooks
import Runner

/// Math in reports: the placeholders that `protectMath` left in prose, and `$...$` in captions and
/// claims, become MathML (no script, no request). Unknown TeX stays visible in an `<merror>` and
/// is collected as a warning.
struct MathHTML {
    var protected: ProtectedMarkdown
    var references: CrossReferences
    private(set) var warnings: [String] = []
    private let converter = MathConverter()

    init(_ protected: ProtectedMarkdown, references: CrossReferences = CrossReferences()) {
        self.protected = protected
        self.references = references
    }

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
                let result = converter.conversion(tex, display: display)
                warnings += result.warnings.map { "\($0.message) in $\(tex)$" }
                // A labelled display equation gets its anchor and number.
                if let label = result.label, let target = references.labels[label] {
                    return "<span class=\"equation\" id=\"\(HTML.escape(label))\">\(result.mathML)<span class=\"eqno\">(\(target.number))</span></span>"
                }
                if let tag = result.tag {
                    return "<span class=\"equation\">\(result.mathML)<span class=\"eqno\">(\(HTML.escape(tag)))</span></span>"
                }
                return result.mathML
            }
        }.joined()
    }
}
