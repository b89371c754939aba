import XCTest
import Tensors
@testable import Learning

/// Optimizer updates against values worked out by hand from the update rules.
final class OptimizerTests: XCTestCase {
    private func params(_ values: [Double]) -> Parameters<Double> {
        var p = Parameters<Double>()
        p.append("w", Tensor(values))
        return p
    }

    private func grads(_ values: [Double]) -> Gradients<Double> {
        var g = Gradients<Double>()
        g.accumulate("w", Tensor(values))
        return g
    }

    /// AdamW, lr 0.1, wd 0.5, betas (0.9, 0.98), eps 1e-8, θ₀ = (1, −2), g₁ = (0.5, −1), g₂ = (−0.2, 0.4).
    /// Update 1: θ ← θ(1 − 0.05) = (0.95, −1.9); m = 0.1g₁ = (0.05, −0.1), v = 0.02g₁² = (0.005, 0.02);
    /// m̂ = m/0.1 = g₁, v̂ = v/0.02 = g₁², step = lr·g/(|g| + eps) ≈ 0.1·sign(g):
    /// θ₁ = (0.95 − 0.1·0.5/(0.5 + 1e-8), −1.9 + 0.1·1/(1 + 1e-8)).
    /// Update 2: θ ← 0.95θ₁; m = 0.9m + 0.1g₂; v = 0.98v + 0.02g₂²; m̂ = m/0.19, v̂ = v/(1 − 0.98²).
    func testAdamWFirstTwoUpdates() {
        var p = params([1, -2])
        var opt = Optimizer<Double>(OptimizerConfig(kind: .adamw, lr: 0.1, weightDecay: 0.5, betas: [0.9, 0.98], eps: 1e-8))
        opt.step(&p, grads([0.5, -1]))
        let t1 = [0.95 - 0.1 * 0.5 / (0.5 + 1e-8), -1.9 + 0.1 * 1 / (1 + 1e-8)]
        XCTAssertEqual(p["w"].scalars[0], t1[0], accuracy: 1e-15)
        XCTAssertEqual(p["w"].scalars[1], t1[1], accuracy: 1e-15)

        opt.step(&p, grads([-0.2, 0.4]))
        let m = [0.9 * 0.05 + 0.1 * -0.2, 0.9 * -0.1 + 0.1 * 0.4]       // (0.025, −0.05)
        let v = [0.98 * 0.005 + 0.02 * 0.04, 0.98 * 0.02 + 0.02 * 0.16] // (0.0057, 0.0228)
        let c1 = 1 - 0.81, c2 = 1 - 0.9604
        for i in 0..<2 {
            let expected = 0.95 * t1[i] - 0.1 * (m[i] / c1) / ((v[i] / c2).squareRoot() + 1e-8)
            XCTAssertEqual(p["w"].scalars[i], expected, accuracy: 1e-14)
        }
        // Numerically (worked out separately): θ₂[0] ≈ 0.7728186066.
        XCTAssertEqual(p["w"].scalars[0], 0.7728186066, accuracy: 1e-9)
    }

    /// Adam (coupled L2): g ← g + wd·θ, then the Adam step without decoupled decay.
    func testAdamWithL2Penalty() {
        var p = params([2])
        var opt = Optimizer<Double>(OptimizerConfig(kind: .adam, lr: 0.01, weightDecay: 0.1, betas: [0.9, 0.999], eps: 0))
        opt.step(&p, grads([-0.3]))  // g = −0.3 + 0.2 = −0.1, first step moves by lr·sign(g)
        XCTAssertEqual(p["w"].scalars[0], 2.01, accuracy: 1e-14)
    }

    /// SGD with momentum 0.9, lr 0.1: buf₁ = g₁, θ₁ = θ₀ − 0.1g₁; buf₂ = 0.9g₁ + g₂, θ₂ = θ₁ − 0.1buf₂.
    func testSGDMomentum() {
        var p = params([1, 1])
        var opt = Optimizer<Double>(OptimizerConfig(kind: .sgd, lr: 0.1, momentum: 0.9))
        opt.step(&p, grads([1, -2]))
        XCTAssertEqual(p["w"].scalars, [0.9, 1.2])
        opt.step(&p, grads([1, 0]))
        XCTAssertEqual(p["w"].scalars[0], 0.9 - 0.1 * 1.9, accuracy: 1e-15)
        XCTAssertEqual(p["w"].scalars[1], 1.2 - 0.1 * -1.8, accuracy: 1e-15)
    }

    func testLinearWarmUp() {
        let c = OptimizerConfig(kind: .sgd, lr: 1, warmupSteps: 4)
        XCTAssertEqual((1...6).map { c.learningRate(atUpdate: $0, of: 6) }, [0.25, 0.5, 0.75, 1, 1, 1])
        var p = params([0])
        var opt = Optimizer<Double>(c)
        opt.step(&p, grads([1]))
        XCTAssertEqual(p["w"].scalars[0], -0.25)
    }

    func testStateFollowsParameterNames() {
        // Two parameters keep separate moments: updating "b" never disturbs "a"'s state.
        var p = Parameters<Double>()
        p.append("a", Tensor([1])); p.append("b", Tensor([1]))
        var opt = Optimizer<Double>(OptimizerConfig(kind: .sgd, lr: 1, momentum: 0.5))
        var g = Gradients<Double>()
        g.accumulate("a", Tensor([1]))
        opt.step(&p, g)                     // a: buf 1 → 0
        var gb = Gradients<Double>()
        gb.accumulate("b", Tensor([1]))
        opt.step(&p, gb)                    // b: buf 1 → 0; a untouched
        opt.step(&p, g)                     // a: buf 0.5·1 + 1 = 1.5 → −1.5
        XCTAssertEqual(p["a"].scalars[0], -1.5)
        XCTAssertEqual(p["b"].scalars[0], 0)
    }
}
