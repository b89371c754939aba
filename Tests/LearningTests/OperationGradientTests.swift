import XCTest
import Tensors
@testable import Learning

/// Finite-difference checks of every differentiable operation (see `GradientCheck.swift`).
final class OperationGradientTests: XCTestCase {
    func testBroadcastingArithmetic() {
        let p = randomParameters([("a", [3, 4]), ("row", [4]), ("col", [3, 1]), ("s", [])])
        assertGradientsMatch(p) { v in v["a"] + v["row"] }
        assertGradientsMatch(p) { v in v["a"] - v["col"] }
        assertGradientsMatch(p) { v in v["a"] * v["row"] * v["s"] }
        assertGradientsMatch(p) { v in v["col"] * v["row"] }  // [3,1]·[4] → [3,4]
        let q = randomParameters([("a", [3, 4]), ("b", [4])], seed: 2, awayFromZero: 0.5)
        assertGradientsMatch(q) { v in v["a"] / v["b"] }
        assertGradientsMatch(q) { v in (v["a"] * 2.5 + 1.0) * v["a"] }
        assertGradientsMatch(q) { v in -v["a"] }
    }

    func testHigherRankBroadcasting() {
        let p = randomParameters([("x", [2, 3, 4]), ("y", [3, 1]), ("z", [1, 1, 4])])
        assertGradientsMatch(p) { v in v["x"] * v["y"] + v["z"] }
    }

    func testMatmulWithTransposes() {
        let p = randomParameters([("a", [3, 4]), ("at", [4, 3]), ("b", [4, 5]), ("bt", [5, 4])])
        assertGradientsMatch(p) { v in v["a"].matmul(v["b"]) }
        assertGradientsMatch(p) { v in v["at"].matmul(v["b"], transposeSelf: true) }
        assertGradientsMatch(p) { v in v["a"].matmul(v["bt"], transposeOther: true) }
        assertGradientsMatch(p) { v in v["at"].matmul(v["bt"], transposeSelf: true, transposeOther: true) }
    }

    func testLinearInBothProductOrders() {
        // n = 3 < 4·out uses x·Wᵀ; n = 12 ≥ 4·out uses (W·xᵀ)ᵀ. Both must be exact products.
        let p = randomParameters([("x", [3, 4]), ("big", [12, 4]), ("w", [2, 4]), ("b", [2])])
        assertGradientsMatch(p) { v in v["x"].linear(weight: v["w"], bias: v["b"]) }
        assertGradientsMatch(p) { v in v["big"].linear(weight: v["w"], bias: v["b"]) }
        assertGradientsMatch(p) { v in v["big"].linear(weight: v["w"]) }
        let t = p["big"].matmul(p["w"], transposeOther: true)
        let tape = Tape<Double>()
        let y = tape.constant(p["big"]).linear(weight: tape.constant(p["w"])).value
        for (a, b) in zip(y.scalars, t.scalars) { XCTAssertEqual(a, b, accuracy: 1e-13) }
    }

    func testBatchedMatmul() {
        let p = randomParameters([("a", [2, 3, 4]), ("b", [2, 4, 2]), ("c", [2, 2, 4])])
        assertGradientsMatch(p) { v in v["a"].batchedMatmul(v["b"]) }
        assertGradientsMatch(p) { v in v["a"].batchedMatmul(v["c"], transposeOther: true) }
        assertGradientsMatch(p) { v in v["b"].batchedMatmul(v["a"], transposeSelf: true, transposeOther: true) }
    }

    func testShapeOperations() {
        let p = randomParameters([("x", [2, 3, 4]), ("y", [2, 2, 4])])
        assertGradientsMatch(p) { v in v["x"].permuted([2, 0, 1]) }
        assertGradientsMatch(p) { v in v["x"].reshaped([6, 4]).transposed() }
        assertGradientsMatch(p) { v in v["x"].slice(alongAxis: 1, 1..<3) }
        assertGradientsMatch(p) { v in Variable.concatenating([v["x"], v["y"]], alongAxis: 1) }
    }

    func testReductions() {
        let p = randomParameters([("x", [3, 4, 2])])
        assertGradientsMatch(p) { v in v["x"].sum() }
        assertGradientsMatch(p) { v in v["x"].mean() }
        for axis in 0..<3 {
            assertGradientsMatch(p) { v in v["x"].sum(alongAxis: axis) }
            assertGradientsMatch(p) { v in v["x"].sum(alongAxis: axis, keepingDimension: true) }
        }
    }

    func testActivations() {
        let p = randomParameters([("x", [4, 5])], awayFromZero: 0.05)
        for a in Activation.allCases {
            assertGradientsMatch(p) { v in v["x"].activated(a) }
        }
        let positive = randomParameters([("x", [3, 3])]).tensors[0].map { abs($0) + 0.5 }
        var q = Parameters<Double>()
        q.append("x", positive)
        assertGradientsMatch(q) { v in v["x"].log() }
        assertGradientsMatch(p) { v in v["x"].exp() }
    }

    func testSoftmaxAndLogSoftmax() {
        let p = randomParameters([("x", [3, 5]), ("y", [2, 2, 3])])
        assertGradientsMatch(p) { v in v["x"].softmax() }
        assertGradientsMatch(p) { v in v["x"].logSoftmax() }
        assertGradientsMatch(p) { v in v["y"].softmax() }
    }

    func testEmbeddingGatherAndSum() {
        let p = randomParameters([("e", [5, 3]), ("f", [4, 3]), ("g", [2, 3])], awayFromZero: 0.05)
        // Repeated indices: the gradient must accumulate into the same row.
        assertGradientsMatch(p) { v in v["e"].gatheringRows([0, 3, 3, 1, 0]) }
        for a in Activation.allCases {
            assertGradientsMatch(p) { v in Variable.embeddingSum([v["e"], v["f"]], indices: [0, 1, 4, 3, 4, 3, 0, 1], activation: a) }
        }
        assertGradientsMatch(p) { v in
            Variable.embeddingSum([v["e"], v["f"], v["g"]], indices: [0, 1, 1, 4, 3, 0, 4, 3, 1], activation: .quadratic)
        }
    }

    func testFusedEmbeddingSumAndLinear() {
        let p = randomParameters([("e", [5, 3]), ("f", [4, 3]), ("w", [2, 3])], awayFromZero: 0.05)
        let indices = [0, 1, 4, 3, 4, 3, 0, 1, 2, 2, 1, 0]
        for a in Activation.allCases {
            for rows in [nil, 1, 2] as [Int?] {  // one round, or several
                assertGradientsMatch(p) { v in
                    Variable.embeddingSumLinear([v["e"], v["f"]], indices: indices, activation: a, weight: v["w"], rowsPerRound: rows).output
                }
            }
        }
        // Rounds that do not divide n, and the narrow product (n ≥ 4·out).
        var rng = RandomGenerator(seed: 12)
        let many = (0..<(2 * 601)).map { _ in rng.int(below: 5) }
        let q = randomParameters([("e", [5, 2]), ("f", [5, 2]), ("w", [3, 2])], seed: 3)
        assertGradientsMatch(q) { v in
            Variable.embeddingSumLinear([v["e"], v["f"]], indices: many, activation: .quadratic, weight: v["w"], rowsPerRound: 250).output
        }
    }

    /// The fused operation computes the composition: the same values and gradients up to rounding.
    /// The two paths multiply different blocks of rows through BLAS, and OpenBLAS's kernels (which
    /// depend on the CPU and on the block shape) may order the sums differently, so nothing is
    /// compared bit for bit. Forward: each logit is an inner product of length k = 64 computed
    /// twice, each within γ_k·(|h|·|W|ᵀ) of the exact value (γ_k = k·u/(1 − k·u), u = 2⁻²⁴; Higham,
    /// Accuracy and Stability, §3.1), so they differ by at most 2γ_k·(|h|·|W|ᵀ) entrywise.
    /// Gradients: within 1e-5 of the largest entry (seen: 15% of the tables' entries differ, by at
    /// most 6e-6 relative).
    func testFusedEmbeddingSumLinearEqualsTheComposition() {
        var rng = RandomGenerator(seed: 21)
        let p = 31, width = 64, n = 900
        let e = Tensor<Float>.normal([p, width], using: &rng), f = Tensor<Float>.normal([p, width], using: &rng)
        let w = Tensor<Float>.normal([p, width], using: &rng)
        let indices = (0..<(2 * n)).map { _ in rng.int(below: p) }
        let labels = (0..<n).map { _ in rng.int(below: p) }
        func run(fused: Bool) -> (Tensor<Float>, [Tensor<Float>]) {
            let tape = Tape<Float>()
            let v = [tape.parameter("e", e), tape.parameter("f", f), tape.parameter("w", w)]
            let y = fused
                ? Variable.embeddingSumLinear([v[0], v[1]], indices: indices, activation: .quadratic, weight: v[2], rowsPerRound: 100).output
                : Variable.embeddingSum([v[0], v[1]], indices: indices, activation: .quadratic).linear(weight: v[2])
            let g = tape.gradients(of: y.crossEntropy(labels: labels))
            return (y.value, ["e", "f", "w"].map { g[$0]! })
        }
        let (y1, g1) = run(fused: true), (y2, g2) = run(fused: false)
        let constants = Tape<Float>()
        let hidden = Variable.embeddingSum([constants.constant(e), constants.constant(f)], indices: indices, activation: .quadratic)
        let magnitude = hidden.value.map(abs).matmul(w.map(abs), transposeOther: true)
        let k = Float(width), gamma = k * Float.ulpOfOne / 2 / (1 - k * Float.ulpOfOne / 2)
        for i in 0..<y1.count {
            XCTAssertLessThanOrEqual(abs(y1.scalars[i] - y2.scalars[i]), 2 * gamma * magnitude.scalars[i], "logit \(i)")
        }
        for (name, (a, b)) in zip(["e", "f", "w"], zip(g1, g2)) {
            let scale = b.scalars.map(abs).max()!
            let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max()!
            XCTAssertLessThanOrEqual(worst, 1e-5 * scale, "gradient of \(name) differs by \(worst) (largest entry \(scale))")
        }
    }

    func testLosses() {
        let p = randomParameters([("z", [4, 3])])
        assertGradientsMatch(p) { v in v["z"].crossEntropy(labels: [0, 2, 1, 2]) }
        assertGradientsMatch(p) { v in v["z"].loss(.mse, .labels([0, 2, 1, 2])) }
        let target = randomParameters([("t", [4, 3])], seed: 5).tensors[0]
        assertGradientsMatch(p) { v in v["z"].meanSquaredError(target) }
    }

    func testGradientAccumulatesOverReuse() {
        // L = Σ x ⊙ x uses x twice; dL/dx = 2x exactly.
        let p = randomParameters([("x", [2, 3])])
        let tape = Tape<Double>()
        let v = tape.bind(p)
        let g = tape.gradients(of: (v["x"] * v["x"]).sum())
        XCTAssertEqual(g["x"]!, p["x"] * 2)
        var total = g
        total.accumulate(g)
        XCTAssertEqual(total["x"]!, p["x"] * 4)
    }

    func testCrossEntropyIsStableForHugeLogits() {
        let tape = Tape<Double>()
        let z = tape.parameter("z", Tensor(rows: [[1000, 0, -1000], [0, 1e4, 0]]))
        let loss = z.crossEntropy(labels: [0, 0])
        XCTAssertEqual(loss.value.scalar, 1e4 / 2, accuracy: 1e-9)  // row 1: 0; row 2: 1e4
        XCTAssertTrue(tape.gradients(of: loss)["z"]!.scalars.allSatisfy(\.isFinite))
    }
}
