import Notebooks
/// A problem found while converting TeX: where it is (UTF-8 offset into the TeX source, so
/// add the `offset` of the `MathSegment` to place it in the prose) and what it is.
public struct MathWarning: Sendable, Equatable {
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// Everything a conversion produces: the `<math>` element, the warnings, and the equation's
/// `\tag{...}` and `\label{...}` for numbering and cross-references.
public struct MathConversion: Sendable, Equatable {
    /// A complete `<math>` element in MathML Core.
    public let mathML: String
    public let warnings: [MathWarning]
    /// The text of the first `\tag{...}` (or `\tag*{...}`), which the converter leaves out of
    /// the MathML so that the report can place the number beside the equation (e.g. "(2)").
    public let tag: String?
    /// The name in the first `\label{...}` (e.g. "eq-llc"), likewise left out of the MathML.
    public let label: String?
}

/// Converts TeX math to MathML Core, which browsers render natively (no script, no fonts to
/// download): Chromium since version 109, Firefox and Safari.
///
/// Output conventions: identifiers `<mi>` (one per letter, as TeX sets them), numbers `<mn>`,
/// operators `<mo>`, text `<mtext>`; alphabets (`\mathbb`, `\mathcal`, `\mathbf`) as Unicode
/// mathematical letters, since MathML Core supports only `mathvariant="normal"`. Sums, products
/// and `\lim`-like operators take limits above and below in block math and at the side inline;
/// integrals keep them at the side, as in TeX. Anything unknown produces a `MathWarning` and the
/// source inside `<merror>`; the output is always well-formed XML.
public struct MathConverter: Sendable {
    public init() {}

    /// Returns a complete `<math>` element (`display="block"` for block, with an `alttext`
    /// attribute holding the TeX source, escaped) and any warnings.
    public func convert(_ tex: String, display: MathDisplay) -> (mathML: String, warnings: [MathWarning]) {
        let result = conversion(tex, display: display)
        return (result.mathML, result.warnings)
    }

    /// The full conversion, including the equation's `\tag` and `\label` for numbering: when the
    /// TeX contains `\tag{...}` or `\label{eq-...}`, they are reported here and not rendered.
    public func conversion(_ tex: String, display: MathDisplay) -> MathConversion {
        var parser = TeXParser(source: tex, display: display)
        let nodes = parser.parseAll()
        var attributes: [(String, String)] = []
        if display == .block { attributes.append(("display", "block")) }
        attributes.append(("alttext", tex.trimmingCharacters(in: " \n\t")))
        let math = MathNode("math", attributes, children: nodes)
        var warnings = parser.warnings
        if parser.warningsDropped > 0, let last = warnings.last {
            warnings.append(MathWarning(offset: last.offset, message: "\(parser.warningsDropped) more warnings in this formula not shown"))
        }
        return MathConversion(
            mathML: math.xml, warnings: warnings, tag: parser.tags.first, label: parser.labels.first)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
