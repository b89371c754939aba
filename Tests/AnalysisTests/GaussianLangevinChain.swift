import Foundation

/// The exact statistics of an SGLD chain along one coordinate of a quadratic loss, used as the
/// oracle for the LLC estimator's mean *and* its standard error.
///
/// Along a coordinate where U(w) = nβ·L(w) + (γ/2)w² is quadratic with curvature h about its
/// minimum μ, the SGLD step w ← w − (ε/2)U'(w) + √ε·ξ is the Gaussian AR(1) chain
///   u ← ρ·u + √ε·ξ,   u = w − μ,   ρ = 1 − εh/2,
/// with stationary variance v = ε/(1 − ρ²) = 1/(h(1 − εh/4)). Started at u₀, u_t has mean ρᵗu₀
/// and variance v(1 − ρ²ᵗ). In the stationary state u_t² has variance 2v² and autocorrelation
/// ρ²ᵏ at lag k (Isserlis), so the mean of T successive draws of u² has variance
///   (2v²/T)·(1 + 2·Σ_{k=1}^{T−1}(1 − k/T)·ρ²ᵏ),
/// the effective sample size being T/(1 + 2Σ…). This is why the standard error of an LLC
/// estimate is not the spread of the draws over √draws: successive draws are correlated.
struct GaussianLangevinChain {
    let rho: Double
    let epsilon: Double

    init(curvature h: Double, epsilon: Double) {
        precondition(epsilon * h > 0 && epsilon * h < 4, "SGLD on a quadratic is stable only for 0 < εh < 4")
        rho = 1 - epsilon * h / 2
        self.epsilon = epsilon
    }

    var stationaryVariance: Double { epsilon / (1 - rho * rho) }

    /// E[(1/T)·Σ_{t=B}^{B+T−1} u_t²] for a chain started at u₀ (T = draws, B = burnIn), exactly,
    /// transient included: E[u_t²] = ρ²ᵗu₀² + v(1 − ρ²ᵗ).
    func expectedMeanSquare(start u0: Double, burnIn: Int, draws: Int) -> Double {
        let r2 = rho * rho, v = stationaryVariance
        var decay = pow(r2, Double(burnIn)), total = 0.0
        for _ in 0..<draws {
            total += decay * u0 * u0 + v * (1 - decay)
            decay *= r2
        }
        return total / Double(draws)
    }

    /// Var[(1/T)·Σ u_t²] over T stationary draws (the formula in the type's comment). The
    /// transient changes it by a fraction of order ρ^(2B)/(T(1 − ρ²)), negligible in the tests.
    func varianceOfMeanSquare(draws: Int) -> Double {
        let r2 = rho * rho, t = Double(draws), v = stationaryVariance
        var lagged = 0.0, power = 1.0
        for k in 1..<max(draws, 2) {
            power *= r2
            if power < 1e-300 { break }
            lagged += (1 - Double(k) / t) * power
        }
        return 2 * v * v / t * (1 + 2 * lagged)
    }
}
