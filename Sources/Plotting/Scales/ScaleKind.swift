/// The kind of a position scale.
public enum ScaleKind: String, Sendable, Equatable {
    /// Proportional: `y = a + b·v`.
    case linear
    /// Logarithmic: position ∝ log₁₀ v; only values > 0 can be drawn, others are left out and
    /// counted in a warning.
    case log
    /// Categories placed in equal bands (bar charts); the categories come from the bar marks.
    case band
}
