/// Grouping rows by key values and summarising numbers: the one routine behind `group(table, by)`
/// in expressions and the `grouped` table of a `{train}` sweep.
public enum Grouping {
    /// The distinct keys in order of first appearance, each with the indices of its members.
    public static func groups(_ keys: [[Value]]) -> [(key: [Value], members: [Int])] {
        var out: [(key: [Value], members: [Int])] = []
        for (i, key) in keys.enumerated() {
            if let g = out.firstIndex(where: { $0.key == key }) { out[g].members.append(i) } else { out.append((key, [i])) }
        }
        return out
    }

    /// Mean and sample standard deviation √(Σ(x − mean)² / (n − 1)) of `xs`; the mean of no values
    /// is nil, the deviation of fewer than two is nil.
    public static func meanAndStd(_ xs: [Double]) -> (mean: Double?, std: Double?) {
        guard !xs.isEmpty else { return (nil, nil) }
        let mean = xs.reduce(0, +) / Double(xs.count)
        guard xs.count >= 2 else { return (mean, nil) }
        let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (ss / Double(xs.count - 1)).squareRoot())
    }
}
