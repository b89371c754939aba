/// Coordinates are written with at most two decimals, trailing zeros trimmed, computed with
/// integer arithmetic so the text never depends on a platform's float printing. A hundredth of
/// a pixel is far below what a screen or printer resolves at any zoom a reader would use.
enum CoordinateFormat {
    /// `12.345 → "12.35"`, `3.10 → "3.1"`, `-0.001 → "0"`. Non-finite input gives `"0"`: callers
    /// filter non-finite data before it reaches a coordinate.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 100).rounded()
        guard abs(scaled) < 9e15 else { return String(Int64(value.rounded())) }
        let hundredths = Int64(scaled)
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = negative ? -hundredths : hundredths
        var text = String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return negative ? "-" + text : text
    }
}
