import Tensors
/// A quadratic loss L(w) = L* + ½·(w − c)ᵀA(w − c), independent of the batch: the regular model of
/// singular learning theory (λ = d/2) and a test bed with a known Hessian A.
///
/// The isotropic form A = a·I is the exact check of Lau et al. (2023) as stated in docs/references.md:
/// with h = nβ·a + γ, full-batch SGLD centred at c has stationary variance 1/(h(1 − εh/4)) per
/// coordinate, so E[λ̂] = d·nβ·a / (2h(1 − εh/4)) (`exactSGLDExpectation`), → d/2 as γ, ε → 0.
public struct QuadraticObjective: Objective {
    public let dimension: Int
    public let sampleCount: Int
    /// The symmetric matrix A (d×d).
    public let hessian: DenseMatrix
    /// The minimiser c.
    public let center: [Double]
    /// L* = L(c).
    public let minimumLoss: Double
    /// a when A = a·I, else nil.
    public let isotropicCurvature: Double?

    /// L = L* + ½·a·‖w − c‖² in d dimensions (c = 0 by default).
    public init(dimension: Int, sampleCount: Int, curvature a: Double = 1, center: [Double]? = nil, minimumLoss: Double = 0) {
        var h = DenseMatrix(rows: dimension, columns: dimension)
        for i in 0..<dimension { h[i, i] = a }
        self.init(hessian: h, center: center ?? [Double](repeating: 0, count: dimension), sampleCount: sampleCount,
                  minimumLoss: minimumLoss, isotropic: a)
    }

    /// L = L* + ½·(w − c)ᵀA(w − c) for a symmetric A.
    public init(hessian: DenseMatrix, center: [Double], sampleCount: Int, minimumLoss: Double = 0) {
        self.init(hessian: hessian, center: center, sampleCount: sampleCount, minimumLoss: minimumLoss, isotropic: nil)
    }

    private init(hessian: DenseMatrix, center: [Double], sampleCount: Int, minimumLoss: Double, isotropic: Double?) {
        precondition(hessian.rows == hessian.columns && hessian.rows == center.count, "QuadraticObjective: shapes")
        self.dimension = center.count
        self.sampleCount = sampleCount
        self.hessian = hessian
        self.center = center
        self.minimumLoss = minimumLoss
        self.isotropicCurvature = isotropic
    }

    public func loss(at w: [Double], batch: [Int]?) -> Double { lossAndGradient(at: w, batch: batch).loss }

    public func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) {
        let d = dimension
        var g = [Double](repeating: 0, count: d)
        var delta = [Double](repeating: 0, count: d)
        for i in 0..<d { delta[i] = w[i] - center[i] }
        if let a = isotropicCurvature {
            var s = 0.0
            for i in 0..<d { g[i] = a * delta[i]; s += delta[i] * delta[i] }
            return (minimumLoss + 0.5 * a * s, g)
        }
        var quad = 0.0
        for i in 0..<d {
            var acc = 0.0
            for j in 0..<d { acc += hessian.values[i * d + j] * delta[j] }
            g[i] = acc
            quad += delta[i] * acc
        }
        return (minimumLoss + 0.5 * quad, g)
    }

    /// E[λ̂] = d·nβ·a / (2h(1 − εh/4)) with h = nβ·a + γ, for the isotropic form with full-batch SGLD
    /// (Lau et al. 2023; docs/references.md). Requires εh < 4 (a stable chain).
    public func exactSGLDExpectation(nBeta: Double, gamma: Double, epsilon: Double) -> Double {
        guard let a = isotropicCurvature else { preconditionFailure("exactSGLDExpectation needs A = a·I") }
        let h = nBeta * a + gamma
        precondition(epsilon * h < 4, "SGLD unstable: εh ≥ 4")
        return Double(dimension) * nBeta * a / (2 * h * (1 - epsilon * h / 4))
    }
}
