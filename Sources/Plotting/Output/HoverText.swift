import Foundation

/// Text of the `<title>` a point, bar or bin carries, which browsers show on hover (no script):
/// four significant digits as a reader would quote them — whole numbers in full below 10⁶
/// ("12346"), fixed point from 10⁻³ ("0.01235", "3.142"), scientific otherwise ("1.235e-4"),
/// with a true minus sign.
enum HoverText {
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "−∞") }
        let magnitude = abs(v)
        var text: String
        if magnitude == 0 {
            text = "0"
        } else if magnitude >= 1e-3 && magnitude < 1e6 {
            let digits = Int(Foundation.log10(magnitude).rounded(.down)) + 1
            text = trimmed(String(format: "%.\(max(0, 4 - digits))f", v))
        } else {
            let parts = String(format: "%.3e", v).split(separator: "e")
            text = trimmed(String(parts[0])) + "e" + String(Int(parts[1]) ?? 0)
        }
        if text.hasPrefix("-") { text = "−" + text.dropFirst() }
        return text
    }

    private static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return String(t)
    }

    static func pair(_ x: Double, _ y: Double) -> String { "x = \(number(x)), y = \(number(y))" }

    /// "= v" when all values are equal, else "min–max".
    static func range(_ values: [Double]) -> String {
        let lo = values.min() ?? .nan, hi = values.max() ?? .nan
        return lo == hi ? "= " + number(lo) : number(lo) + "–" + number(hi)
    }
}
