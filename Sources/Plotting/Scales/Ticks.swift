import Foundation

/// Tick placement.
///
/// Linear axes use the "nice numbers" rule: the step is `c × 10^e` with `c ∈ {1, 2, 5}`, the one
/// nearest (on a log scale) to `(upper − lower) / count`: the raw step `r = m × 10^e` with
/// `1 ≤ m < 10` becomes `1` below √2, `2` below √10, `5` below √50, else `10` (the thresholds are
/// the geometric midpoints). The ticks are the integer multiples `i × step` inside the domain. Each tick is the exact decimal
/// `(i·c) × 10^e`, so its value is the double nearest that decimal and its label is exact.
///
/// Log axes put major ticks on decades `10^k` (every `stride`-th decade when there are more than
/// `maxMajorCount`) and minor ticks on `m × 10^k`, `m = 2…9` (when every decade is major).
public enum Ticks {
    /// Relative slack when deciding whether a multiple of the step lies inside the domain, so
    /// that a domain computed as 0.6 / 0.2 = 2.9999999999999996 steps still includes its end.
    static let slack = 1e-9

    /// The domain actually used for ticks: `[lower, upper]` sorted, or widened when degenerate
    /// (`[5, 5] → [4.5, 5.5]`, `[0, 0] → [−1, 1]`), or `[0, 1]` when not finite.
    public static func widened(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
        guard lower.isFinite, upper.isFinite else { return (0, 1) }
        var lo = min(lower, upper)
        var hi = max(lower, upper)
        let scale = max(abs(lo), abs(hi))
        if hi - lo <= scale * 1e-12 {
            let pad = scale > 0 ? scale * 0.1 : 1
            lo -= pad
            hi += pad
        }
        return (lo, hi)
    }

    /// The nice step `c × 10^e` for a span divided into about `count` intervals.
    public static func niceStep(span: Double, count: Int) -> (mantissa: Int, exponent: Int) {
        let step = decimalStep(span: span, count: count)
        return (step.mantissa, step.exponent)
    }

    static func decimalStep(span: Double, count: Int) -> DecimalNumber {
        let raw = span / Double(max(1, count))
        guard raw.isFinite, raw > 0 else { return DecimalNumber(mantissa: 1, exponent: raw > 0 ? 307 : 0) }
        var e = Int(log10(raw).rounded(.down))
        var normalized = raw / powerOfTen(e)
        // log10 can land one decade off near exact powers of ten.
        if normalized >= 10 {
            e += 1
            normalized /= 10
        } else if normalized < 1 {
            e -= 1
            normalized *= 10
        }
        let c: Int
        if normalized < 2.0.squareRoot() { c = 1 } else if normalized < 10.0.squareRoot() { c = 2 } else if normalized < 50.0.squareRoot() { c = 5 } else {
            c = 1
            e += 1
        }
        return DecimalNumber(mantissa: c, exponent: e)
    }

    /// The exact decimals `i × step` inside the (widened) domain.
    static func linearNumbers(_ lower: Double, _ upper: Double, count: Int) -> [DecimalNumber] {
        let (lo, hi) = widened(lower, upper)
        return linearNumbers(lo, hi, step: decimalStep(span: hi - lo, count: count))
    }

    /// The exact decimals `i × step` inside `[lo, hi]`.
    static func linearNumbers(_ lo: Double, _ hi: Double, step: DecimalNumber) -> [DecimalNumber] {
        let stepValue = step.value
        guard abs(lo / stepValue) < 1e15, abs(hi / stepValue) < 1e15 else { return [] }
        let first = Int((lo / stepValue - slack).rounded(.up))
        let last = Int((hi / stepValue + slack).rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map { DecimalNumber(mantissa: $0 * step.mantissa, exponent: step.exponent) }
    }

    /// Ticks of a linear axis over `[lower, upper]` with about `count` intervals.
    /// `linear(0, 1, count: 5)` gives 0, 0.2, 0.4, 0.6, 0.8, 1 labelled "0.0" … "1.0".
    public static func linear(_ lower: Double, _ upper: Double, count: Int = 5, format: TickFormat = .auto) -> [Tick] {
        ticks(linearNumbers(lower, upper, count: count), format: format)
    }

    static func ticks(_ numbers: [DecimalNumber], format: TickFormat) -> [Tick] {
        let labels = format.labels(for: numbers)
        return zip(numbers, labels).map { Tick(value: $0.value, label: $1) }
    }

    /// The domain extended outwards to the nearest multiples of the nice step, so that the axis
    /// starts and ends on a tick: `[0.13, 0.96]` with count 5 → `[0, 1]`.
    public static func niceDomain(_ lower: Double, _ upper: Double, count: Int = 5) -> (lower: Double, upper: Double) {
        let (lo, hi) = widened(lower, upper)
        return niceDomain(lo, hi, step: decimalStep(span: hi - lo, count: count))
    }

    static func niceDomain(_ lo: Double, _ hi: Double, step: DecimalNumber) -> (lower: Double, upper: Double) {
        let stepValue = step.value
        guard abs(lo / stepValue) < 1e15, abs(hi / stepValue) < 1e15 else { return (lo, hi) }
        let first = Int((lo / stepValue + slack).rounded(.down))
        let last = Int((hi / stepValue - slack).rounded(.up))
        return (DecimalNumber(mantissa: first * step.mantissa, exponent: step.exponent).value,
                DecimalNumber(mantissa: last * step.mantissa, exponent: step.exponent).value)
    }

    /// Decades `[10^⌊log₁₀ lower⌋, 10^⌈log₁₀ upper⌉]` (at least one decade); `[1, 10]` when the
    /// bounds are not positive and finite.
    public static func logDomain(_ lower: Double, _ upper: Double) -> (lower: Double, upper: Double) {
        let (kLo, kHi) = decadeRange(lower, upper)
        return (powerOfTen(kLo), powerOfTen(kHi))
    }

    static func decadeRange(_ lower: Double, _ upper: Double) -> (Int, Int) {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else { return (0, 1) }
        let lo = min(lower, upper)
        let hi = max(lower, upper)
        let kLo = Int((log10(lo) + slack).rounded(.down))
        var kHi = Int((log10(hi) - slack).rounded(.up))
        if kHi <= kLo { kHi = kLo + 1 }
        return (kLo, kHi)
    }

    /// Ticks of a log axis over `[lower, upper]` (both > 0): decades are major and labelled, the
    /// multiples 2…9 of each decade are minor. When two decades or fewer lie inside the axis, 2 and 5
    /// are labelled too.
    /// `log(0.001, 1000)` gives majors 0.001, 0.01, 0.1, 1, 10, 100, 1000.
    public static func log(_ lower: Double, _ upper: Double, format: TickFormat = .auto, maxMajorCount: Int = 8) -> [Tick] {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else { return [] }
        let lo = min(lower, upper) * (1 - slack)
        let hi = max(lower, upper) * (1 + slack)
        let (kLo, kHi) = decadeRange(lower, upper)
        let decades = kHi - kLo
        let stride = max(1, Int((Double(decades) / Double(max(1, maxMajorCount))).rounded(.up)))
        let labelAll = format == .auto
            ? (kLo >= -3 && kHi <= 4) : true
        // Two decades or fewer inside the axis: label the multiples 2 and 5 as well, so that the
        // axis has labelled ticks along its whole length to read values by.
        let decadesInside = (kLo...kHi).filter { k in
            let v = DecimalNumber(mantissa: 1, exponent: k).value
            return v >= lo && v <= hi
        }.count
        var ticks: [Tick] = []
        for k in kLo...kHi {
            let isMajor = (k - kLo) % stride == 0
            let decade = DecimalNumber(mantissa: 1, exponent: k)
            if decade.value >= lo && decade.value <= hi {
                ticks.append(Tick(value: decade.value, label: isMajor ? logLabel(decade, format, plainRange: labelAll) : "",
                                  isMajor: isMajor))
            }
            if stride == 1 && k < kHi {
                for m in 2...9 {
                    let number = DecimalNumber(mantissa: m, exponent: k)
                    guard number.value >= lo && number.value <= hi else { continue }
                    let labelled = (decades <= 1 || decadesInside <= 2) && (m == 2 || m == 5)
                    ticks.append(Tick(value: number.value,
                                      label: labelled ? logLabel(number, format, plainRange: labelAll) : "",
                                      isMajor: false))
                }
            }
        }
        return ticks
    }

    private static func logLabel(_ number: DecimalNumber, _ format: TickFormat, plainRange: Bool) -> String {
        switch format {
        case .auto: return plainRange ? number.plain() : TickFormat.scientific(number)
        case .plain: return number.plain()
        default: return format.labels(for: [number])[0]
        }
    }
}
