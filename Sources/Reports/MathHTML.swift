import Markup
import Notebooks
import Runner

/// Math in reports: the placeholders that `protectMath` left in prose, and `$...$` in captions and
/// claims, become MathML (no script, no request). Unknown TeX stays visible in an `<merror>` and
/// is collected as a warning.
struct MathHTML {
    var protected: ProtectedMarkdown
    var references: CrossReferences
    /// Where plain-text math (a caption, a claim) comes from, and how prose offsets map to the file.
    var fallbackLocation: SourceLocation
    var locate: @Sendable (Int) -> SourceLocation
    private(set) var warnings: [Diagnostic] = []
    private let converter = MathConverter()

    init(_ protected: ProtectedMarkdown, references: CrossReferences = CrossReferences(),
         file: String = "", locate: @escaping @Sendable (Int) -> SourceLocation = { _ in SourceLocation(file: "", line: 1, column: 1) }) {
        self.protected = protected
        self.references = references
        self.fallbackLocation = SourceLocation(file: file, line: 1, column: 1)
        self.locate = locate
    }

    /// A prose text node: escaped text, placeholders replaced by MathML.
    mutating func text(_ s: String) -> String {
        guard s.unicodeScalars.contains("\u{E000}") else { return Markup.escape(s) }
        return render(protected.segments(in: s), inProse: true)
    }

    /// Plain text (a caption, a claim): escaped, with `$...$` converted.
    mutating func plain(_ s: String, at location: SourceLocation? = nil) -> String {
        guard s.contains("$") else { return Markup.escape(s) }
        if let location { fallbackLocation = location }
        return render(splitMath(s), inProse: false)
    }

    private mutating func render(_ segments: [MathSegment], inProse: Bool) -> String {
        segments.map { segment -> String in
            switch segment {
            case .text(let t): return Markup.escape(t)
            case .math(let tex, let display, let offset):
                let result = converter.conversion(tex, display: display)
                // Unknown TeX stays visible in the page (an <merror>) and is reported with its place.
                warnings += result.warnings.map {
                    Diagnostic(.warning, at: inProse ? locate(offset + $0.offset) : fallbackLocation, $0.message)
                }
                // A labelled display equation gets its anchor and number.
                if let label = result.label, let target = references.labels[label] {
                    return "<span class=\"equation\" id=\"\(Markup.escape(label))\">\(result.mathML)<span class=\"eqno\">(\(target.number))</span></span>"
                }
                if let tag = result.tag {
                    return "<span class=\"equation\">\(result.mathML)<span class=\"eqno\">(\(Markup.escape(tag)))</span></span>"
                }
                return result.mathML
            }
        }.joined()
    }
}
