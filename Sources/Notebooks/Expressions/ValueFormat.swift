/// How an inline value is printed when its expression ends with a format: `=x | percent`.
public enum ValueFormat: Sendable, Equatable {
    /// `| percent` (1 decimal) or `| percent(n)`: 0.987 → "98.7%".
    case percent(Int?)
    /// `| fixed(n)`: n digits after the point, 3.14159 → "3.14" for n = 2.
    case fixed(Int)
    /// `| sci(n)`: scientific with n digits after the point, 0.000123 → "1.23e-4" for n = 2.
    case sci(Int)
    /// `| int`: rounded half away from zero, no grouping, 12345.6 → "12346".
    case int

    /// The text of `v` in this format. Numbers are formatted; a list formats each item (shown
    /// like `formatValue`, "[98.7%, 99.1%]"); other values print as `formatValue` prints them.
    public func format(_ v: Value) -> String {
        switch v {
        case .number(let x):
            switch self {
            case .percent(let d):
                if let s = NumberText.special(x) { return s }
                return NumberText.fixed(x * 100, decimals: d ?? 1) + "%"
            case .fixed(let d): return NumberText.fixed(x, decimals: d)
            case .sci(let d): return NumberText.scientific(x, decimals: d)
            case .int: return NumberText.integer(x)
            }
        case .list(let items):
            return bracketed(items.prefix(9).map { format($0) }, total: items.count, open: "[", close: "]")
        default:
            return formatValue(v)
        }
    }
}

/// Default formatting for values printed inline without a format: integers without decimals,
/// other numbers with 4 significant digits (no trailing zeros, no "-0"; scientific below 10⁻⁴
/// and from 10⁶), booleans "true"/"false", null "—", strings as they are, lists as "[a, b, c]"
/// and records as "{a: 1, b: 2}" (both truncated after 8 items with "…").
public func formatValue(_ v: Value) -> String {
    switch v {
    case .null: "—"
    case .bool(let b): b ? "true" : "false"
    case .number(let x): NumberText.general(x)
    case .string(let s): s
    case .list(let items): bracketed(items.prefix(9).map(formatValue), total: items.count, open: "[", close: "]")
    case .record(let r): bracketed(r.fields.prefix(9).map { "\($0.key): \(formatValue($0.value))" }, total: r.keys.count, open: "{", close: "}")
    }
}

/// Numbers shown side by side (a train and a test loss, an estimate and its std) in one notation:
/// `formatValue`'s when it writes all of them in fixed point, otherwise all in scientific notation
/// with 3 significant digits, so that "1.2e-5" never sits beside "0.0123".
public func formatTogether(_ xs: [Double]) -> [String] {
    let texts = xs.map { formatValue(.number($0)) }
    guard texts.contains(where: { $0.contains("e") && $0.first != "N" }) else { return texts }
    return xs.map { x in x == 0 ? "0" : NumberText.special(x) ?? NumberText.scientific(x, decimals: 2) }
}

/// How an inline value reads in prose: like `format` (or `formatValue`), except that a list of up
/// to 8 numbers or strings reads as a sentence does, "100, 100, 100 and 110", not as the data
/// literal "[100, 100, 100, 110]". Longer lists and records keep their brackets.
public func proseText(_ v: Value, format: ValueFormat?) -> String {
    let text: (Value) -> String = { item in format.map { $0.format(item) } ?? formatValue(item) }
    guard case .list(let items) = v, !items.isEmpty, items.count <= 8,
          items.allSatisfy({ if case .list = $0 { false } else if case .record = $0 { false } else { true } }) else { return text(v) }
    let parts = items.map(text)
    return parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
}

/// "[a, b, c]", keeping the first 8 of `total` parts and then "…".
private func bracketed(_ parts: [String], total: Int, open: String, close: String) -> String {
    let shown = total > 8 ? Array(parts.prefix(8)) + ["…"] : parts
    return open + shown.joined(separator: ", ") + close
}
