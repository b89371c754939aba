import Tensors
/// Reduced-rank regression y = B·A·x with M inputs, H hidden units and N outputs (A: H×M,
/// B: N×H, no biases), the one-hidden-layer case of `DeepLinearObjective`: mean-squared-error
/// loss on teacher data of rank r (r = 0: y is pure N(0, 1) noise, as in devinterp's tests),
/// n = 1000 by default, analytic gradients. Parameters are A then B, row-major.
///
/// Its true λ is `trueLambdaReducedRank(M:H:N:r:)` (Aoyagi & Watanabe 2005).
public struct ReducedRankRegressionObjective: Objective {
    public let M: Int, H: Int, N: Int, rank: Int
    public let network: DeepLinearObjective
    public var dimension: Int { network.dimension }
    public var sampleCount: Int { network.sampleCount }

    public init(M: Int, H: Int, N: Int, rank: Int = 0, sampleCount: Int = 1000, noise: Double = 1, seed: UInt64 = 0) {
        self.M = M; self.H = H; self.N = N; self.rank = rank
        network = DeepLinearObjective(widths: [M, H, N], rank: rank, sampleCount: sampleCount, noise: noise, seed: seed)
    }

    public var trueLambda: Double { trueLambdaReducedRank(M: M, H: H, N: N, r: rank) }

    public func initialParameters(seed: UInt64) -> [Double] { network.initialParameters(seed: seed) }

    public func loss(at w: [Double], batch: [Int]?) -> Double { network.loss(at: w, batch: batch) }

    public func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) {
        network.lossAndGradient(at: w, batch: batch)
    }
}
