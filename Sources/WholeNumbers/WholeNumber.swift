/// The one conversion from a number (written in a notebook, computed by an expression, or derived
/// from data) to an `Int` that counts, sizes or indexes something: a range's length, a bin count,
/// a colour index, a pixel count, a length in TeX.
///
/// `Int(x)` traps on NaN, ±∞ and anything beyond ±9.2e18, and `-P count=1e19`, `bins: .inf` or
/// a histogram spanning ±1e308 reached such a conversion and crashed the process. Every such
/// conversion goes through here instead and gets nil (to report, located, by the caller) or a
/// clamped value (where any value in the bounds is acceptable, as in layout).
public enum WholeNumber {
    /// `x` rounded by `rule`, when that is finite and within `bounds`; nil otherwise.
    public static func rounded(_ x: Double, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero,
                               in bounds: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let n = Int(exactly: x.rounded(rule)), bounds.contains(n) else { return nil }
        return n
    }

    /// `x` when it is a whole number within `bounds`; nil for fractions, NaN, ±∞ and values
    /// outside the bounds.
    public static func exact(_ x: Double, in bounds: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let n = Int(exactly: x), bounds.contains(n) else { return nil }
        return n
    }

    /// `x` rounded by `rule` and clamped into `bounds`; NaN gives the lower bound. For sizes where
    /// any value in the bounds works (how many ticks fit, how many legend rows).
    public static func clamped(_ x: Double, _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero,
                               to bounds: ClosedRange<Int>) -> Int {
        let r = x.rounded(rule)
        if r.isNaN || r <= Double(bounds.lowerBound) { return bounds.lowerBound }
        if r >= Double(bounds.upperBound) { return bounds.upperBound }
        return Int(r)
    }
}
