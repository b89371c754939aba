import Foundation

/// Text of numbers for inline values and formats. Never prints "-0": a negative number that rounds
/// to zero at the chosen precision loses its sign. Non-finite numbers print as NaN, ∞ and -∞.
enum NumberText {
    static func special(_ x: Double) -> String? {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "-∞" }
        return nil
    }

    /// `d` digits after the decimal point, rounded half away from zero on x·10ᵈ:
    /// fixed(3.14159, 2) == "3.14", fixed(0.125, 2) == "0.13", fixed(2.5, 0) == "3".
    /// (Beyond 9·10¹⁵ units of the last digit, where doubles are not exact, printf's rounding.)
    static func fixed(_ x: Double, decimals d: Int) -> String {
        if let s = special(x) { return s }
        let scaled = (x * pow(10, Double(d))).rounded()
        guard abs(scaled) < 9e15 else { return dropNegativeZero(String(format: "%.\(d)f", x)) }
        var digits = String(Int64(abs(scaled)))
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return (scaled < 0 ? "-" : "") + digits
    }

    /// Scientific notation with `d` digits after the point and a plain exponent:
    /// scientific(0.000123, 2) == "1.23e-4", scientific(12345, 1) == "1.2e4".
    static func scientific(_ x: Double, decimals d: Int) -> String {
        if let s = special(x) { return s }
        let text = String(format: "%.\(d)e", x)
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        return dropNegativeZero(String(text[..<e])) + "e\(exponent)"
    }

    /// Whole numbers below 10¹⁵ in full ("12345"); others with `significant` (default 4)
    /// significant digits and no trailing zeros: fixed notation for magnitudes in [10⁻⁴, 10⁶)
    /// ("0.9877", "123.5", "12346"), scientific otherwise ("1.235e-5", "2.5e8").
    static func general(_ x: Double, significant: Int = 4) -> String {
        if let s = special(x) { return s }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let a = abs(x)
        if a >= 1e-4, a < 1e6 {
            let integerDigits = Int(log10(a).rounded(.down)) + 1
            return trimZeros(fixed(x, decimals: max(0, significant - integerDigits)))
        }
        let text = scientific(x, decimals: significant - 1)
        guard let e = text.firstIndex(of: "e") else { return text }
        return trimZeros(String(text[..<e])) + String(text[e...])
    }

    /// Rounded half away from zero, without grouping: integer(12345.6) == "12346".
    static func integer(_ x: Double) -> String {
        if let s = special(x) { return s }
        let r = x.rounded()
        return abs(r) < 9e18 ? String(Int64(r)) : String(format: "%.0f", r)
    }

    /// "1.2300" → "1.23", "2.000" → "2"; text without a point is left alone.
    static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return String(t)
    }

    private static func dropNegativeZero(_ s: String) -> String {
        if s.hasPrefix("-"), !s.contains(where: { $0 >= "1" && $0 <= "9" }) { return String(s.dropFirst()) }
        return s
    }
}
