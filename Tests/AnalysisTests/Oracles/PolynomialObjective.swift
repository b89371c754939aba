import Analysis
import Tensors

/// Test oracle: devinterp's polynomial ("normal crossing") model: y = x·Π_i w_i^{p_i} with data
/// x ~ N(0, 2²), y = 0.25·N(0, 1) (independent of x, so the true parameter is w* = 0), n = 1000,
/// and mean-squared-error loss L(w) = (1/n)Σ_j (x_j·m(w) − y_j)² with m(w) = Π_i w_i^{p_i}.
///
/// Its learning coefficient at w* = 0 is λ = min over p_i > 0 of 1/(2p_i) (docs/references.md).
/// The `monomial` architecture on its task (`KnownLambdaModel.polynomial`) must reproduce this
/// loss and gradient (KnownModelOracleTests).
/// The loss is evaluated from the batch's moments: L = m²·mean(x²) − 2m·mean(xy) + mean(y²),
/// ∂L/∂w_k = 2(m·mean(x²) − mean(xy))·p_k·w_k^{p_k−1}·Π_{i≠k} w_i^{p_i}.
struct PolynomialObjective: Objective {
    let powers: [Int]
    let x: [Double]
    let y: [Double]
    var dimension: Int { powers.count }
    var sampleCount: Int { x.count }
    private let fullMoments: (xx: Double, xy: Double, yy: Double)

    /// Generates the data with `RandomGenerator(seed:)`: x_j = 2·z, then y_j = 0.25·z'.
    init(powers: [Int], sampleCount n: Int = 1000, seed: UInt64 = 0) {
        precondition(powers.allSatisfy { $0 >= 0 } && powers.contains { $0 > 0 }, "PolynomialObjective: need a positive power")
        var rng = RandomGenerator(seed: seed)
        let x = rng.normals(n, std: 2)
        let y = rng.normals(n, std: 0.25)
        self.init(powers: powers, x: x, y: y)
    }

    /// Uses the given data.
    init(powers: [Int], x: [Double], y: [Double]) {
        precondition(x.count == y.count && !x.isEmpty)
        self.powers = powers
        self.x = x
        self.y = y
        fullMoments = Self.moments(x: x, y: y, batch: nil)
    }

    /// The true learning coefficient min_{p_i > 0} 1/(2p_i).
    var trueLambda: Double { powers.filter { $0 > 0 }.map { 1.0 / (2.0 * Double($0)) }.min()! }

    private static func moments(x: [Double], y: [Double], batch: [Int]?) -> (xx: Double, xy: Double, yy: Double) {
        var xx = 0.0, xy = 0.0, yy = 0.0
        if let batch {
            for j in batch { xx += x[j] * x[j]; xy += x[j] * y[j]; yy += y[j] * y[j] }
            let c = Double(batch.count)
            return (xx / c, xy / c, yy / c)
        }
        for j in 0..<x.count { xx += x[j] * x[j]; xy += x[j] * y[j]; yy += y[j] * y[j] }
        let c = Double(x.count)
        return (xx / c, xy / c, yy / c)
    }

    private func monomial(_ w: [Double], skipping k: Int?) -> Double {
        var m = 1.0
        for i in 0..<powers.count where i != k {
            for _ in 0..<powers[i] { m *= w[i] }
        }
        return m
    }

    func loss(at w: [Double], batch: [Int]?) -> Double {
        let s = batch == nil ? fullMoments : Self.moments(x: x, y: y, batch: batch)
        let m = monomial(w, skipping: nil)
        return m * m * s.xx - 2 * m * s.xy + s.yy
    }

    func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) {
        let s = batch == nil ? fullMoments : Self.moments(x: x, y: y, batch: batch)
        let m = monomial(w, skipping: nil)
        let outer = 2 * (m * s.xx - s.xy)
        var g = [Double](repeating: 0, count: powers.count)
        for k in 0..<powers.count where powers[k] > 0 {
            var dk = Double(powers[k]) * monomial(w, skipping: k)
            for _ in 0..<(powers[k] - 1) { dk *= w[k] }
            g[k] = outer * dk
        }
        return (m * m * s.xx - 2 * m * s.xy + s.yy, g)
    }
}
