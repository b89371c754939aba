/// A text annotation at a data position, optionally with a dot marking the point.
public struct TextMark: Sendable {
    public enum Anchor: String, Sendable, Equatable {
        case start, middle, end
    }

    public var x: Double
    public var y: Double
    public var text: String
    public var anchor: Anchor
    /// Offset from the point in pixels (positive dy moves down).
    public var dx: Double
    public var dy: Double
    public var showsPoint: Bool

    public init(x: Double, y: Double, text: String, anchor: Anchor = .start, dx: Double = 6, dy: Double = -6, showsPoint: Bool = true) {
        self.x = x
        self.y = y
        self.text = text
        self.anchor = anchor
        self.dx = dx
        self.dy = dy
        self.showsPoint = showsPoint
    }
}
