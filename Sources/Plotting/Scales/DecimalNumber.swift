/// An exact decimal `mantissa × 10^exponent`. Tick values are built as integer multiples of a
/// step `c × 10^e` (c ∈ {1, 2, 5}), so their labels are produced from integers by placing a
/// decimal point: no binary float is ever printed, and 0.1 + 0.2 shows as "0.3".
struct DecimalNumber: Equatable, Sendable {
    var mantissa: Int
    var exponent: Int

    /// Normalised: trailing zeros of the mantissa moved into the exponent; zero is `0 × 10^0`.
    init(mantissa: Int, exponent: Int) {
        var m = mantissa
        var e = exponent
        if m == 0 { e = 0 }
        while m != 0 && m % 10 == 0 {
            m /= 10
            e += 1
        }
        self.mantissa = m
        self.exponent = e
    }

    /// The nearest double: `m × 10^e` for e ≥ 0 and `m / 10^-e` for e < 0. Both operands are
    /// exact (for |m| < 2^53 and |e| ≤ 22), so IEEE division gives the correctly rounded value,
    /// the same double as the decimal literal.
    var value: Double {
        exponent >= 0 ? Double(mantissa) * powerOfTen(exponent) : Double(mantissa) / powerOfTen(-exponent)
    }

    /// Decimal digits of |mantissa|.
    var digitCount: Int { String(mantissa.magnitude).count }

    /// Plain positional text with at least `minimumFractionDigits` decimals: `25 × 10^-2 → "0.25"`.
    /// Negative numbers use U+2212 MINUS SIGN, as typeset figures do.
    func plain(minimumFractionDigits: Int = 0) -> String {
        let digits = String(mantissa.magnitude)
        var body: String
        if exponent >= 0 {
            body = mantissa == 0 ? "0" : digits + String(repeating: "0", count: exponent)
            if minimumFractionDigits > 0 { body += "." + String(repeating: "0", count: minimumFractionDigits) }
        } else {
            let fractionDigits = -exponent
            let padded = digits.count <= fractionDigits
                ? String(repeating: "0", count: fractionDigits - digits.count + 1) + digits : digits
            let split = padded.index(padded.endIndex, offsetBy: -fractionDigits)
            body = String(padded[..<split]) + "." + String(padded[split...])
            if minimumFractionDigits > fractionDigits {
                body += String(repeating: "0", count: minimumFractionDigits - fractionDigits)
            }
        }
        return mantissa < 0 ? "\u{2212}" + body : body
    }

    /// This number scaled by `10^shift` (exact).
    func shifted(by shift: Int) -> DecimalNumber {
        DecimalNumber(mantissa: mantissa, exponent: exponent + shift)
    }

    /// Decimals shown by `plain()`: `max(0, -exponent)`.
    var fractionDigits: Int { max(0, -exponent) }
}

/// `10^k` as the double nearest to the decimal literal `1e{k}` (exact for |k| ≤ 22).
func powerOfTen(_ k: Int) -> Double {
    Double("1e\(k)") ?? (k > 0 ? .infinity : 0)
}

/// Unicode superscript digits for exponents: "10⁻³".
func superscript(_ k: Int) -> String {
    let map: [Character: String] = [
        "0": "\u{2070}", "1": "\u{00B9}", "2": "\u{00B2}", "3": "\u{00B3}", "4": "\u{2074}",
        "5": "\u{2075}", "6": "\u{2076}", "7": "\u{2077}", "8": "\u{2078}", "9": "\u{2079}", "-": "\u{207B}",
    ]
    return String(k).map { map[$0] ?? String($0) }.joined()
}
