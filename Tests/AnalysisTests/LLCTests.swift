import XCTest
@testable import Analysis

final class LLCTests: XCTestCase {
    /// The exact standard error of λ̂ (the mean over `chains` independent chains) on the isotropic
    /// quadratic ½·a·‖w‖² in d dimensions: each chain's λ̂ = nβ·(a/2)·Σ_i mean_t(w_i²) over d
    /// independent AR(1) coordinates, so its variance is (nβ·a/2)²·d·Var[mean_t(w²)], with the
    /// draws' autocorrelation counted (`GaussianLangevinChain`). Computed from the model, not from
    /// the chains' own spread, which with 4 chains is itself uncertain by a factor of two.
    func exactStandardError(dimension d: Int, curvature a: Double, nBeta: Double, gamma: Double,
                            epsilon: Double, draws: Int, chains: Int) -> Double {
        let chain = GaussianLangevinChain(curvature: nBeta * a + gamma, epsilon: epsilon)
        return nBeta * a / 2 * (Double(d) * chain.varianceOfMeanSquare(draws: draws) / Double(chains)).squareRoot()
    }

    /// Quadratic (regular) model, d = 10, n = 1000, full batch: the estimate agrees with the exact
    /// SGLD expectation E[λ̂] = d·nβ·a/(2h(1 − εh/4)) within 5% (acceptance criterion of issue 5)
    /// and within 4 exact standard errors (`exactStandardError`: 0.042 here, 0.8% of λ̂; a normal
    /// tail of 6e-5, the per-chain mean of 10,000 draws being close to normal).
    func testQuadraticModelMatchesExactSGLDExpectation() {
        let objective = QuadraticObjective(dimension: 10, sampleCount: 1000, curvature: 1)
        let config = LLCConfig(gamma: 1, epsilon: 1e-3, chains: 4, draws: 10_000, burnIn: 500, seed: 1)
        let estimate = estimateLLC(objective: objective, at: objective.center, config: config)
        let nBeta = 1000 / log(1000.0)
        XCTAssertEqual(estimate.nBeta, nBeta, accuracy: 1e-12)
        let exact = objective.exactSGLDExpectation(nBeta: nBeta, gamma: 1, epsilon: 1e-3)
        XCTAssertEqual(estimate.mean, exact, accuracy: 0.05 * exact)
        let se = exactStandardError(dimension: 10, curvature: 1, nBeta: nBeta, gamma: 1, epsilon: 1e-3, draws: 10_000, chains: 4)
        XCTAssertEqual(estimate.mean, exact, accuracy: 4 * se)
        XCTAssertEqual(estimate.perChain.count, 4)
        XCTAssertEqual(estimate.lossTraces.map(\.count), [10_000, 10_000, 10_000, 10_000])
        XCTAssertEqual(estimate.initialLoss, 0)
        // Every recorded loss of the quadratic lies above L(w*).
        XCTAssertTrue(estimate.lossTraces.allSatisfy { $0.allSatisfy { $0 >= 0 } })
        print("quadratic LLC", estimate.mean, "exact", exact, "std", estimate.std, "MALA", estimate.acceptanceMean)
    }

    /// The discretisation term of the exact expectation matters: at εh ≈ 0.73 (ε = 5e-3) the estimate
    /// follows d·nβ·a/(2h(1 − εh/4)) (≈ 6.07), not the continuous-time d·nβ·a/(2h) (≈ 4.97); and a
    /// strong localization γ = 200 lowers it as nβ·a/h predicts. Each within 5% and within 4 exact
    /// standard errors (0.029 and 0.017: with these 4 chains' own spread as the error, the same
    /// check failed at other chain seeds, that spread being 0.11 or 0.008 by chance).
    func testQuadraticModelAcrossStepsAndLocalization() {
        let objective = QuadraticObjective(dimension: 10, sampleCount: 1000, curvature: 1)
        let nBeta = 1000 / log(1000.0)
        for (eps, gamma) in [(5e-3, 1.0), (1e-3, 200.0)] {
            let config = LLCConfig(gamma: gamma, epsilon: eps, chains: 4, draws: 5000, burnIn: 500, seed: 2)
            let e = estimateLLC(objective: objective, at: objective.center, config: config)
            let exact = objective.exactSGLDExpectation(nBeta: nBeta, gamma: gamma, epsilon: eps)
            print("quadratic ε", eps, "γ", gamma, "estimate", e.mean, "exact", exact)
            XCTAssertEqual(e.mean, exact, accuracy: 0.05 * exact)
            let se = exactStandardError(dimension: 10, curvature: 1, nBeta: nBeta, gamma: gamma, epsilon: eps, draws: 5000, chains: 4)
            XCTAssertEqual(e.mean, exact, accuracy: 4 * se)
        }
    }

    /// The chains are independent samples of the estimator: over 64 chains, the spread of the
    /// per-chain λ̂ matches the exact per-chain standard deviation (`exactStandardError` with one
    /// chain). s²/σ² follows χ²₆₃/63, whose 5e-5 and 1 − 5e-5 quantiles are 0.45 and 1.85
    /// (Wilson–Hilferty), so s/σ must lie in [0.67, 1.36]. Chains that shared noise would spread
    /// too little; a sampler with the wrong noise scale would spread too much or too little.
    func testSpreadOfChainsMatchesTheExactStandardDeviation() {
        let objective = QuadraticObjective(dimension: 10, sampleCount: 1000, curvature: 1)
        let nBeta = 1000 / log(1000.0)
        for (eps, gamma) in [(5e-3, 1.0), (1e-3, 200.0)] {
            let config = LLCConfig(gamma: gamma, epsilon: eps, chains: 64, draws: 5000, burnIn: 500, seed: 4)
            let e = estimateLLC(objective: objective, at: objective.center, config: config)
            let sigma = exactStandardError(dimension: 10, curvature: 1, nBeta: nBeta, gamma: gamma, epsilon: eps, draws: 5000, chains: 1)
            print("chain spread ε", eps, "γ", gamma, "s", e.std, "σ", sigma)
            XCTAssertGreaterThan(e.std / sigma, 0.67, "ε \(eps), γ \(gamma)")
            XCTAssertLessThan(e.std / sigma, 1.36, "ε \(eps), γ \(gamma)")
        }
    }

    /// `exactSGLDExpectation` against the chain it describes, computed another way: per coordinate
    /// full-batch SGLD on ½·a·w² with localization γ is the AR(1) chain w ← ρw + √ε·ξ with
    /// ρ = 1 − εh/2, h = nβ·a + γ, so its variance obeys v ← ρ²v + ε; iterating that recursion from 0
    /// to its fixed point gives the stationary variance, and E[λ̂] = nβ·E[L(w)] = nβ·(d/2)·a·v.
    func testExactSGLDExpectationIsTheStationaryVarianceOfTheChain() {
        let objective = QuadraticObjective(dimension: 10, sampleCount: 1000, curvature: 2)
        let nBeta = 1000 / log(1000.0)
        for (eps, gamma) in [(5e-3, 1.0), (1e-3, 200.0), (1e-4, 0.0)] {
            let rho = 1 - eps * (nBeta * 2 + gamma) / 2
            var v = 0.0
            for _ in 0..<200_000 { v = rho * rho * v + eps }
            let oracle = nBeta * 10 / 2 * 2 * v
            XCTAssertEqual(objective.exactSGLDExpectation(nBeta: nBeta, gamma: gamma, epsilon: eps), oracle,
                           accuracy: 1e-9 * oracle, "ε \(eps), γ \(gamma)")
        }
    }

    /// The MALA acceptance diagnostic against its exact value on the quadratic benchmark (as devinterp
    /// checks its MALA estimator). With U(w) = (h/2)‖w‖², h = nβ·a + γ, the Langevin proposal is
    /// w' = ρw + √ε·ξ, ρ = 1 − εh/2, and the log acceptance ratio simplifies to −(εh²/8)(‖w'‖² − ‖w‖²).
    /// In the chain's stationary state each coordinate has variance s² = 1/(h(1 − εh/4)), and
    /// ‖w‖² − ‖w'‖² = Σ(w−w')(w+w') = σ(G₁ − G₂) with G₁, G₂ independent Gamma(d/2, 1) and
    /// σ = 2s²√(1 − ρ²). With k = σεh²/8 and m = d/2,
    ///   E[min(1, e^{log ratio})] = ½ + Σ_{j<m} C(m+j−1, j)·(1+k)^{j−m}·2^{−(m+j)}
    /// (exact; checked against a 50,000-sample Monte Carlo at ε = 1e-2: 0.693 vs 0.695). The test
    /// allows 4 standard errors of the mean over 10 independent chains, the standard error taken
    /// from the spread of the per-chain acceptances (a t₉ tail of 0.3%).
    func testMALAAcceptanceMatchesTheExactValueOnTheQuadratic() {
        let d = 10, a = 1.0, gamma = 1.0
        let objective = QuadraticObjective(dimension: d, sampleCount: 1000, curvature: a)
        let nBeta = 1000 / log(1000.0)
        for eps in [1e-3, 3e-3, 1e-2] {
            let e = estimateLLC(objective: objective, at: objective.center,
                                config: LLCConfig(gamma: gamma, epsilon: eps, chains: 10, draws: 3000, burnIn: 300, seed: 3))
            let exact = Self.exactMALAAcceptance(dimension: d, h: nBeta * a + gamma, epsilon: eps)
            let chains = Double(e.acceptancePerChain.count)
            let spread = (e.acceptancePerChain.reduce(0) { $0 + ($1 - e.acceptanceMean) * ($1 - e.acceptanceMean) } / (chains - 1)).squareRoot()
            let standardError = spread / chains.squareRoot()
            print("MALA ε", eps, "estimate", e.acceptanceMean, "exact", exact, "SE", standardError)
            XCTAssertEqual(e.acceptanceMean, exact, accuracy: 4 * standardError + 1e-6, "ε = \(eps)")
        }
    }

    /// With minibatches the diagnostic takes both ends of a transition on the batch that drew it.
    /// Here each example's loss is (a/2)‖w‖² + c_i with offsets c_i spread over [0, 1], so every
    /// batch has the same gradient and the chain is the full-batch quadratic chain, while batch
    /// means of c differ by about 0.03 (nβ times that, ~4, in the log ratio). Taken on one batch
    /// the offsets cancel and the acceptance is the exact full-batch value (same 4-SE band as
    /// above); taken on two batches (devinterp's way) it would fall far below it.
    func testMinibatchMALAAcceptanceIgnoresBatchToBatchOffsets() {
        let d = 10, a = 1.0, gamma = 1.0, n = 1000, eps = 3e-3
        let offsets = (0..<n).map { Double($0) / Double(n - 1) }
        let objective = ClosureObjective(dimension: d, sampleCount: n) { w, batch in
            let rows = batch ?? Array(0..<n)
            let offset = rows.reduce(0) { $0 + offsets[$1] } / Double(rows.count)
            return (0.5 * a * w.reduce(0) { $0 + $1 * $1 } + offset, w.map { a * $0 })
        }
        let e = estimateLLC(objective: objective, at: [Double](repeating: 0, count: d),
                            config: LLCConfig(gamma: gamma, epsilon: eps, chains: 10, draws: 3000, burnIn: 300, batchSize: 100, seed: 5))
        let exact = Self.exactMALAAcceptance(dimension: d, h: Double(n) / log(Double(n)) * a + gamma, epsilon: eps)
        let chains = Double(e.acceptancePerChain.count)
        let spread = (e.acceptancePerChain.reduce(0) { $0 + ($1 - e.acceptanceMean) * ($1 - e.acceptanceMean) } / (chains - 1)).squareRoot()
        XCTAssertEqual(e.acceptanceMean, exact, accuracy: 4 * spread / chains.squareRoot() + 1e-6)
    }

    /// The exact stationary MALA acceptance of full-batch SGLD on (h/2)‖w‖² in even dimension d
    /// (see the test above for the derivation).
    static func exactMALAAcceptance(dimension d: Int, h: Double, epsilon eps: Double) -> Double {
        precondition(d % 2 == 0, "the closed form uses Gamma(d/2) with integer shape")
        let rho = 1 - eps * h / 2, s2 = 1 / (h * (1 - eps * h / 4))
        let k = 2 * s2 * (1 - rho * rho).squareRoot() * eps * h * h / 8
        let m = d / 2
        var total = 0.5, binomial = 1.0   // C(m−1+j, j), updated in the loop
        for j in 0..<m {
            if j > 0 { binomial *= Double(m - 1 + j) / Double(j) }
            total += binomial * pow(1 + k, Double(j - m)) * pow(2, -Double(m + j))
        }
        return total
    }

    /// Same seed, same result, although chains run concurrently.
    func testDeterministicAcrossRuns() {
        let objective = PolynomialObjective(powers: [1, 2])
        let config = LLCConfig(gamma: 0, epsilon: 4e-4, chains: 3, draws: 300, batchSize: 100, seed: 9)
        let a = estimateLLC(objective: objective, at: [0, 0], config: config)
        let b = estimateLLC(objective: objective, at: [0, 0], config: config)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a.perChain[0], a.perChain[1])
    }

    /// devinterp's polynomial-model test: the true λ = min 1/(2p_i) lies within mean ± 3.5·std over
    /// 10 chains × 5000 draws, SGLD step 4e-4, full batch, n = 1000, no localization (γ = 0) and no
    /// bounding box (a box of 1.0 truncates the flat [3, 3] posterior and biases it below the band).
    /// The band is devinterp's and uses the chains' spread (std), not the standard error of the
    /// mean (std/√10): at finite n the estimator is biased (λ̂ ≈ 0.10 against 1/6 for [3, 3]), so a
    /// standard-error band around the truth would test the bias, not the code. Run at three chain
    /// seeds; over twelve seeds the largest |mean − λ|/std of these shapes was 2.4.
    ///
    /// The regular shape [0, 1] (m = w₂) is tested against its exact SGLD expectation instead: its
    /// discretisation bias 1/(1 − εh/4) ≈ 1.13 (h = 2nβ·mean(x²)) puts E[λ̂] ≈ 0.56, outside
    /// devinterp's band around 1/2 whenever the chains happen to agree closely (3 of 12 seeds).
    func testPolynomialModelsContainTrueLambda() {
        let powers = [[1, 1], [0, 2], [1, 2], [2, 2], [0, 3], [1, 3], [2, 3], [3, 3]]
        let published = [0.5, 0.25, 0.25, 0.25, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6]
        for (p, truth) in zip(powers, published) {
            let objective = PolynomialObjective(powers: p, seed: 42)
            XCTAssertEqual(objective.trueLambda, truth, accuracy: 1e-15)
            for seed: UInt64 in [42, 1042, 2042] {
                let config = LLCConfig(gamma: 0, epsilon: 4e-4, chains: 10, draws: 5000, seed: seed)
                let e = estimateLLC(objective: objective, at: [0, 0], config: config)
                print("powers", p, "seed", seed, "true", truth, "mean", e.mean, "std", e.std, "MALA", e.acceptanceMean)
                XCTAssertLessThan(e.mean - 3.5 * e.std, truth, "powers \(p), seed \(seed)")
                XCTAssertGreaterThan(e.mean + 3.5 * e.std, truth, "powers \(p), seed \(seed)")
            }
        }
    }

    /// The regular polynomial shape [0, 1]: L(w) − L(0) = s_xx·w₂² − 2s_xy·w₂ = s_xx·(w₂ − μ)² − s_xx·μ²
    /// with μ = s_xy/s_xx (s the data's moments), so w₂ − μ is the AR(1) chain of
    /// `GaussianLangevinChain` with h = 2nβ·s_xx, started at −μ (w₂ = 0), and w₁ does not enter
    /// the loss. E[λ̂] = nβ·s_xx·(E[mean (w₂ − μ)²] − μ²), exact with the transient; the mean over
    /// 10 chains lies within 4 of its exact standard errors. The true λ = 1/2 is its ε → 0 limit.
    func testRegularPolynomialMatchesExactSGLDExpectation() {
        let objective = PolynomialObjective(powers: [0, 1], seed: 42)
        let n = Double(objective.sampleCount)
        let sxx = zip(objective.x, objective.x).map(*).reduce(0, +) / n
        let sxy = zip(objective.x, objective.y).map(*).reduce(0, +) / n
        let mu = sxy / sxx, eps = 4e-4, draws = 5000, chains = 10
        let nBeta = n / log(n)
        let chain = GaussianLangevinChain(curvature: 2 * nBeta * sxx, epsilon: eps)
        let exact = nBeta * sxx * (chain.expectedMeanSquare(start: -mu, burnIn: 0, draws: draws) - mu * mu)
        let se = nBeta * sxx * (chain.varianceOfMeanSquare(draws: draws) / Double(chains)).squareRoot()
        for seed: UInt64 in [42, 1042] {
            let e = estimateLLC(objective: objective, at: [0, 0],
                                config: LLCConfig(gamma: 0, epsilon: eps, chains: chains, draws: draws, seed: seed))
            print("powers [0, 1] seed", seed, "mean", e.mean, "exact", exact, "SE", se)
            XCTAssertEqual(e.mean, exact, accuracy: 4 * se, "seed \(seed)")
        }
        XCTAssertEqual(exact, 0.5 / (1 - eps * 2 * nBeta * sxx / 4), accuracy: 0.02, "close to the stationary 1/(2(1 − εh/4))")
    }

    /// devinterp's reduced-rank-regression protocol (r = 0, n = 1000, Adam lr 0.01 × 5000 steps,
    /// SGLD ε = 6e-4, γ = 1, 3 chains × 2000 draws), on the architecture and task the training core
    /// trains (`KnownLambdaModel`, from its small initialization): the estimate lies within relative tolerance 0.4
    /// of the true λ (Aoyagi & Watanabe 2005) for three shapes. The tolerance is devinterp's
    /// published one, kept because it also covers the estimator's bias at finite nβ, γ and ε,
    /// which a band of a few standard errors (here 0.08–0.38, with 3 chains) need not; measured,
    /// the estimates lie 1.6–2.3 standard errors from the truth.
    func testReducedRankRegressionWithinPublishedTolerance() throws {
        for (m, h, n) in [(5, 3, 5), (4, 3, 8), (3, 8, 4)] {
            let known = KnownLambdaModel.reducedRank(inputs: m, hidden: h, outputs: n, rank: 0)
            let model = try known.train(samples: 1000, seed: 42)
            let config = LLCConfig(gamma: 1, epsilon: 6e-4, chains: 3, draws: 2000, seed: 42)
            let e = estimateLLC(objective: TrainedModelObjective(model), at: model.flatParameters(), config: config)
            print("RRR", m, h, n, "true", known.trueLambda, "mean", e.mean, "std", e.std, "MALA", e.acceptanceMean)
            XCTAssertEqual(e.mean, known.trueLambda, accuracy: 0.4 * known.trueLambda, "(M,H,N) = (\(m),\(h),\(n))")
            // Healthy chains: the loss trace sits above L(w*) and is flat (first and second half agree
            // within 25% of the excess loss), and the MALA acceptance is high.
            let trace = e.meanLossTrace
            let firstHalf = trace[200..<1000].reduce(0, +) / 800, secondHalf = trace[1000...].reduce(0, +) / 1000
            XCTAssertGreaterThan(secondHalf, e.initialLoss)
            XCTAssertEqual(firstHalf - e.initialLoss, secondHalf - e.initialLoss, accuracy: 0.25 * (secondHalf - e.initialLoss))
            XCTAssertGreaterThan(e.acceptanceMean, 0.8)
        }
    }

    /// A deep linear network with three layers (widths 4-3-3-4, r = 0, d = 33): λ = 4 (Aoyagi 2024);
    /// same protocol as the reduced-rank test, within relative tolerance 0.4.
    func testDeepLinearNetworkWithinTolerance() throws {
        let known = KnownLambdaModel.deepLinear(widths: [4, 3, 3, 4], rank: 0)
        XCTAssertEqual(known.trueLambda, 4, accuracy: 1e-12)
        let model = try known.train(samples: 1000, seed: 7)
        let e = estimateLLC(objective: TrainedModelObjective(model), at: model.flatParameters(),
                            config: LLCConfig(gamma: 1, epsilon: 6e-4, chains: 3, draws: 2000, seed: 7))
        print("deep linear", "true", known.trueLambda, "mean", e.mean, "std", e.std, "MALA", e.acceptanceMean)
        XCTAssertEqual(e.mean, known.trueLambda, accuracy: 0.4 * known.trueLambda)
        XCTAssertEqual(e.meanLLCTrace.count, 2000)
    }

    /// Minibatch SGLD (batch 100 of n = 1000) on reduced-rank regression (5, 3, 5) stays within the
    /// published tolerance, and a ClosureObjective wrapping the same loss gives the same estimate.
    func testMinibatchAndClosureObjective() throws {
        let model = try KnownLambdaModel.reducedRank(inputs: 5, hidden: 3, outputs: 5, rank: 0).train(samples: 1000, seed: 42)
        let objective = TrainedModelObjective(model), wStar = model.flatParameters()
        let config = LLCConfig(gamma: 1, epsilon: 6e-4, chains: 3, draws: 1200, batchSize: 100, seed: 5)
        let e = estimateLLC(objective: objective, at: wStar, config: config)
        print("RRR minibatch", e.mean, e.std, "MALA", e.acceptanceMean)
        XCTAssertEqual(e.mean, 6.5, accuracy: 0.4 * 6.5)
        let wrapped = ClosureObjective(dimension: objective.dimension, sampleCount: objective.sampleCount) { w, batch in
            objective.lossAndGradient(at: w, batch: batch)
        }
        // A plumbing check, not an oracle: the wrapper forwards dimension, sample count and batches.
        var short = config
        short.draws = 100
        XCTAssertEqual(estimateLLC(objective: wrapped, at: wStar, config: short),
                       estimateLLC(objective: objective, at: wStar, config: short))
    }

    /// `drift` is the estimate from the second half of the draws minus the estimate from the first.
    func testDriftIsTheSecondHalfEstimateMinusTheFirst() {
        // Chain 1: losses 0…9 (halves average 2 and 7); chain 2: constant. nβ = 2.
        let e = LLCEstimate(mean: 0, std: 0, perChain: [0, 0], lossTraces: [(0..<10).map(Double.init), Array(repeating: 3, count: 10)],
                            initialLoss: 0, acceptanceMean: 1, acceptancePerChain: [1, 1], nBeta: 2)
        XCTAssertEqual(e.drift, (2 * (7 - 2) + 0) / 2, accuracy: 1e-12)
        let single = LLCEstimate(mean: 0, std: 0, perChain: [0], lossTraces: [[5]], initialLoss: 0, acceptanceMean: 1,
                                 acceptancePerChain: [1], nBeta: 2)
        XCTAssertEqual(single.drift, 0)
    }

    /// On the quadratic the chains relax towards equilibrium over about 1/(ε(nβ + γ)) ≈ 70 steps
    /// at ε = 1e-4: 100 draws from w* without burn-in are still climbing, and the drift says so;
    /// after a burn-in of 1,000 steps it is indistinguishable from 0. Both judged against the
    /// drift's standard error over 8 independent chains (each chain's own second-half minus
    /// first-half estimate; SE = their spread/√8): climbing means more than 4 SE above 0 (and at
    /// least 30% of λ̂), settled means within 4 SE of 0 (and under 10% of λ̂).
    func testDriftFlagsChainsThatHaveNotEquilibrated() {
        let objective = QuadraticObjective(dimension: 10, sampleCount: 1000, curvature: 1)
        let climbing = estimateLLC(objective: objective, at: objective.center,
                                   config: LLCConfig(epsilon: 1e-4, chains: 8, draws: 100, burnIn: 0, seed: 4))
        let settled = estimateLLC(objective: objective, at: objective.center,
                                  config: LLCConfig(epsilon: 1e-4, chains: 8, draws: 2000, burnIn: 1000, seed: 4))
        func driftStandardError(_ e: LLCEstimate) -> Double {
            let drifts = e.lossTraces.map { trace -> Double in
                let half = trace.count / 2
                let first = trace[..<half].reduce(0, +) / Double(half), second = trace[half...].reduce(0, +) / Double(trace.count - half)
                return e.nBeta * (second - first)
            }
            let m = drifts.reduce(0, +) / Double(drifts.count)
            let spread = (drifts.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(drifts.count - 1)).squareRoot()
            return spread / Double(drifts.count).squareRoot()
        }
        print("drift climbing", climbing.drift, "SE", driftStandardError(climbing), "settled", settled.drift, "SE", driftStandardError(settled))
        XCTAssertGreaterThan(climbing.drift, 4 * driftStandardError(climbing))
        XCTAssertGreaterThan(climbing.drift, 0.3 * climbing.mean)
        XCTAssertLessThan(abs(settled.drift), 4 * driftStandardError(settled))
        XCTAssertLessThan(abs(settled.drift), 0.1 * settled.mean)
    }
}
