/// How tick labels are written. All formats work on the exact decimal of each tick, so labels
/// are exact ("0.3", never "0.30000000000000004"), and all ticks of an axis share one number of
/// decimals (0, 0.5, 1 → "0.0", "0.5", "1.0").
public enum TickFormat: String, Sendable, Equatable, CaseIterable {
    /// `plain` for magnitudes in [10⁻³, 10⁵); `si` from 10⁵ up to 10¹⁵; `scientific` otherwise.
    /// On a log axis: plain decade labels within [10⁻³, 10⁴], else `10ⁿ`.
    case auto
    /// Positional decimals: "0.25", "1500".
    case plain
    /// A shared SI prefix chosen from the largest tick: "0", "500k", "1M", "1.5M"; "20m", "40µ".
    case si
    /// `m×10ⁿ`: "2.5×10⁻⁵"; on a log axis, decades as "10ⁿ".
    case scientific
    /// The value × 100 with "%": 0.25 → "25%".
    case percent
}

extension TickFormat {
    /// Labels for exact decimals, one per tick, all with the same number of decimals.
    func labels(for numbers: [DecimalNumber]) -> [String] {
        switch resolved(for: numbers) {
        case .plain, .auto:
            let decimals = numbers.map(\.fractionDigits).max() ?? 0
            return numbers.map { $0.plain(minimumFractionDigits: decimals) }
        case .percent:
            let shifted = numbers.map { $0.shifted(by: 2) }
            let decimals = shifted.map(\.fractionDigits).max() ?? 0
            return shifted.map { $0.plain(minimumFractionDigits: decimals) + "%" }
        case .si:
            return Self.siLabels(numbers)
        case .scientific:
            return numbers.map(Self.scientific)
        }
    }

    private func resolved(for numbers: [DecimalNumber]) -> TickFormat {
        guard self == .auto else { return self }
        let largest = numbers.map { abs($0.value) }.max() ?? 0
        if largest == 0 || (largest >= 1e-3 && largest < 1e5) { return .plain }
        if largest >= 1e5 && largest < 1e15 { return .si }
        return .scientific
    }

    static let siPrefixes: [Int: String] = [
        -15: "f", -12: "p", -9: "n", -6: "\u{00B5}", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P",
    ]

    private static func siLabels(_ numbers: [DecimalNumber]) -> [String] {
        let largest = numbers.filter { $0.mantissa != 0 }.max { abs($0.value) < abs($1.value) }
        guard let top = largest else { return numbers.map { $0.plain() } }
        // Power of ten of the leading digit of the largest tick, rounded down to a multiple of 3.
        let leading = top.exponent + top.digitCount - 1
        let power = min(15, max(-15, Int((Double(leading) / 3).rounded(.down)) * 3))
        let symbol = siPrefixes[power] ?? ""
        let scaled = numbers.map { $0.shifted(by: -power) }
        let decimals = scaled.map(\.fractionDigits).max() ?? 0
        return scaled.map { $0.mantissa == 0 ? "0" : $0.plain(minimumFractionDigits: decimals) + symbol }
    }

    static func scientific(_ number: DecimalNumber) -> String {
        if number.mantissa == 0 { return "0" }
        let digits = String(number.mantissa.magnitude)
        let power = number.exponent + digits.count - 1
        var mantissa = String(digits.prefix(1))
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let sign = number.mantissa < 0 ? "\u{2212}" : ""
        if mantissa == "1" { return sign + "10" + superscript(power) }
        return sign + mantissa + "\u{00D7}10" + superscript(power)
    }
}
