/// Space around the plot area, in pixels.
struct Margins: Equatable {
    var top: Double
    var right: Double
    var bottom: Double
    var left: Double

    static let zero = Margins(top: 0, right: 0, bottom: 0, left: 0)

    /// The larger of each side.
    func union(_ other: Margins) -> Margins {
        Margins(top: max(top, other.top), right: max(right, other.right),
                bottom: max(bottom, other.bottom), left: max(left, other.left))
    }
}
