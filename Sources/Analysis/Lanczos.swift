import Foundation
import Tensors

/// The k largest (algebraic) eigenvalues of a symmetric linear operator, descending, by the
/// Lanczos iteration with full reorthogonalisation (Golub & Van Loan, "Matrix Computations",
/// §10.1; Paige 1972):
///   β_0 = 0, q_1 = random unit vector (seeded),
///   r = A q_j − α_j q_j − β_{j−1} q_{j−1}, α_j = q_jᵀ A q_j,
///   r ← r − Σ_{i≤j} (q_iᵀ r) q_i (twice, Gram–Schmidt against every earlier vector),
///   β_j = ‖r‖, q_{j+1} = r / β_j,
/// then the Ritz values are the eigenvalues of the m×m tridiagonal T = tridiag(β, α, β) (dsyevd).
/// The iteration stops early when β_j ≤ 1e-12·max(1, |α|) (an invariant subspace: the Ritz values are
/// exact). `iterations` defaults to min(d, max(2k + 20, 4k)).
public func lanczosTopEigenvalues(k: Int, dimension d: Int, iterations: Int? = nil, seed: UInt64 = 0,
                                  apply: ([Double]) -> [Double]) -> [Double] {
    precondition(k >= 1 && k <= d, "lanczosTopEigenvalues: need 1 ≤ k ≤ d")
    let m = min(d, max(k, iterations ?? max(2 * k + 20, 4 * k)))
    var rng = RandomGenerator(seed: seed)
    var q = rng.normals(d)
    normalize(&q)
    var basis: [[Double]] = [q]
    var alphas: [Double] = [], betas: [Double] = []
    for j in 0..<m {
        var r = apply(basis[j])
        let alpha = dot(basis[j], r)
        alphas.append(alpha)
        for i in 0..<d { r[i] -= alpha * basis[j][i] }
        if j > 0 { let b = betas[j - 1]; for i in 0..<d { r[i] -= b * basis[j - 1][i] } }
        for _ in 0..<2 {
            for v in basis {
                let c = dot(v, r)
                for i in 0..<d { r[i] -= c * v[i] }
            }
        }
        let beta = dot(r, r).squareRoot()
        if j == m - 1 || beta <= 1e-12 * max(1, abs(alpha)) { break }
        betas.append(beta)
        for i in 0..<d { r[i] /= beta }
        basis.append(r)
    }
    let size = alphas.count
    var t = Tensor<Double>.zeros([size, size])
    for i in 0..<size {
        t.scalars[i * size + i] = alphas[i]
        if i + 1 < size { t.scalars[i * size + i + 1] = betas[i]; t.scalars[(i + 1) * size + i] = betas[i] }
    }
    let ritz = symmetricEigenvalues(t)
    return Array(ritz.reversed().prefix(k))
}

/// The k largest Hessian eigenvalues of the full-batch loss at w, descending, by Lanczos on
/// `hessianVectorProduct` (two gradient evaluations per iteration).
public func lanczosTopEigenvalues<O: Objective<Double>>(k: Int, objective: O, at w: [Double], iterations: Int? = nil,
                                                seed: UInt64 = 0, step: Double? = nil) -> [Double] {
    lanczosTopEigenvalues(k: k, dimension: objective.dimension, iterations: iterations, seed: seed) {
        hessianVectorProduct(objective: objective, at: w, v: $0, step: step)
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}

@inline(__always) func normalize(_ v: inout [Double]) {
    let n = dot(v, v).squareRoot()
    if n > 0 { for i in 0..<v.count { v[i] /= n } }
}
