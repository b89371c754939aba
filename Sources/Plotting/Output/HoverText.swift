import Foundation

/// Text of the `<title>` a point, bar or bin carries, which browsers show on hover (no script):
/// numbers to four significant digits, as a reader would quote them.
enum HoverText {
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "−∞") }
        if v == 0 { return "0" }
        let magnitude = abs(v)
        var text = magnitude >= 1e-3 && magnitude < 1e6
            ? String(format: "%.4g", v)
            : String(format: "%.3e", v).replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
        if text.hasPrefix("-") { text = "−" + text.dropFirst() }
        return text
    }

    static func pair(_ x: Double, _ y: Double) -> String { "x = \(number(x)), y = \(number(y))" }

    /// "= v" when all values are equal, else "min–max".
    static func range(_ values: [Double]) -> String {
        let lo = values.min() ?? .nan, hi = values.max() ?? .nan
        return lo == hi ? "= " + number(lo) : number(lo) + "–" + number(hi)
    }
}
