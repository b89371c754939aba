/// What rendering a figure gives: the SVG text, the warnings about data that could not be drawn
/// (also stated in the SVG's `<desc>`), and the accessible description used for `<desc>`.
public struct SVGResult: Sendable, Equatable {
    /// One complete `<svg>` element, UTF-8 text, no XML declaration (it is meant to be inlined).
    public let svg: String
    /// Sentences such as "3 values ≤ 0 left out of the log y scale"; empty when all data was drawn.
    public let warnings: [String]
    /// The text of `<desc>`: the caption if one was given, else a generated summary, followed by
    /// the warnings.
    public let description: String

    public init(svg: String, warnings: [String], description: String) {
        self.svg = svg
        self.warnings = warnings
        self.description = description
    }
}
