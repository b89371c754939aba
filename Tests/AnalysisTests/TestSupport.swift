import Analysis

/// Central finite-difference gradient of an objective's full-batch loss, step h.
func finiteDifferenceGradient<O: Objective<Double>>(_ objective: O, at w: [Double], batch: [Int]? = nil, h: Double = 1e-6) -> [Double] {
    var g = [Double](repeating: 0, count: w.count)
    for i in 0..<w.count {
        var plus = w, minus = w
        plus[i] += h
        minus[i] -= h
        g[i] = (objective.loss(at: plus, batch: batch) - objective.loss(at: minus, batch: batch)) / (2 * h)
    }
    return g
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
