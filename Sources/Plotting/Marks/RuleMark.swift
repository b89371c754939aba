/// A reference line across the whole plot area, optionally labelled at its end.
public struct RuleMark: Sendable {
    public enum Orientation: Sendable, Equatable {
        /// A horizontal line at y = value.
        case horizontal
        /// A vertical line at x = value.
        case vertical
    }

    public var orientation: Orientation
    public var value: Double
    public var label: String?
    public var dashed: Bool

    public init(y: Double, label: String? = nil, dashed: Bool = true) {
        self.orientation = .horizontal
        self.value = y
        self.label = label
        self.dashed = dashed
    }

    public init(x: Double, label: String? = nil, dashed: Bool = true) {
        self.orientation = .vertical
        self.value = x
        self.label = label
        self.dashed = dashed
    }
}
