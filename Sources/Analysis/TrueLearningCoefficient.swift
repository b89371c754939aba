/// The exact learning coefficient λ of reduced-rank regression (Aoyagi & Watanabe 2005,
/// "Stochastic complexities of reduced rank regression in Bayesian estimation"), for M inputs,
/// H hidden units, N outputs and a true (teacher) rank r:
///
/// - if N + r ≤ M + H, M + r ≤ N + H and H + r ≤ M + N:
///   λ = [2(H + r)(M + N) − (M − N)² − (H + r)²] / 8, plus 1/8 when M + H + N + r is odd;
/// - else if M + H < N + r: λ = (HM − Hr + Nr) / 2;
/// - else if N + H < M + r: λ = (HN − Hr + Mr) / 2;
/// - else λ = MN / 2.
///
/// Published values used by devinterp's tests (r = 0): (5,3,5) → 6.5, (5,4,5) → 8.0,
/// (4,3,8) → 6.0, (8,3,4) → 6.0, (3,8,4) → 6.0.
public func trueLambdaReducedRank(M: Int, H: Int, N: Int, r: Int) -> Double {
    precondition(M >= 1 && H >= 1 && N >= 1 && r >= 0 && r <= min(M, H, N), "trueLambdaReducedRank: invalid shape")
    if N + r <= M + H && M + r <= N + H && H + r <= M + N {
        let numerator = 2 * (H + r) * (M + N) - (M - N) * (M - N) - (H + r) * (H + r)
        var lambda = Double(numerator) / 8
        if (M + H + N + r) % 2 == 1 { lambda += 1.0 / 8 }
        return lambda
    } else if M + H < N + r {
        return Double(H * M - H * r + N * r) / 2
    } else if N + H < M + r {
        return Double(H * N - H * r + M * r) / 2
    } else {
        return Double(M * N) / 2
    }
}

/// The exact learning coefficient λ of a deep linear network x ↦ W_L ⋯ W_1 x with widths
/// H_0 (input), …, H_L (output) and true rank r (Aoyagi 2024, "Consideration on the learning
/// efficiency of multiple-layered neural networks with linear units", Neural Networks 172).
///
/// With M_i = H_i − r sorted ascending, take the smallest prefix Σ of ℓ + 1 elements (ℓ ≥ 1) with
/// max Σ < min of the remaining elements (if any), Σ_{i∈Σ} M_i ≥ ℓ·max Σ and
/// Σ_{i∈Σ} M_i < ℓ·min of the rest (if any). With S = Σ_{i∈Σ} M_i, M̄ = ⌈S/ℓ⌉ and
/// a = S − (M̄ − 1)ℓ:
///   λ = (−r² + r(H_0 + H_L))/2 + a(ℓ − a)/(4ℓ) − ℓ(ℓ − 1)/4·(S/ℓ)² + ½·Σ_{i<j in Σ} M_i M_j.
///
/// For one hidden layer ([M, H, N]) this agrees with `trueLambdaReducedRank(M:H:N:r:)`.
public func trueLambdaDeepLinear(widths: [Int], rank r: Int) -> Double {
    precondition(widths.count >= 2, "trueLambdaDeepLinear: need at least input and output widths")
    precondition(r >= 0 && widths.allSatisfy { $0 >= r && $0 >= 1 }, "trueLambdaDeepLinear: rank exceeds a width")
    let m = widths.map { $0 - r }.sorted()
    let first = Double(-r * r + r * (widths.first! + widths.last!)) / 2
    for l in 1..<m.count {
        let prefix = m[0...l]
        let rest = m[(l + 1)...]
        let s = prefix.reduce(0, +)
        let maxPrefix = prefix.last!
        if let minRest = rest.first {
            guard maxPrefix < minRest, s < l * minRest else { continue }
        }
        guard s >= l * maxPrefix else { continue }
        let ell = Double(l), sd = Double(s)
        let mBar = (s + l - 1) / l   // ⌈S/ℓ⌉ for S ≥ 0
        let a = Double(s - (mBar - 1) * l)
        var pairs = 0.0
        for i in 0..<prefix.count { for j in (i + 1)..<prefix.count { pairs += Double(m[i] * m[j]) } }
        return first + a * (ell - a) / (4 * ell) - ell * (ell - 1) / 4 * (sd / ell) * (sd / ell) + pairs / 2
    }
    preconditionFailure("trueLambdaDeepLinear: no admissible subset for widths \(widths), rank \(r)")
}
