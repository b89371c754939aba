import XCTest
import Tensors
@testable import Learning

/// The fused dense layer and the loops split over threads (`forEachPart`).
///
/// `dense` claims the values and gradients of `linear(weight:bias:).activated(_:)` bit for bit: it
/// calls the same products on the same operands and adds the bias and the bias gradient's rows in
/// the same order, so equality is exact, not within a tolerance. The threaded loops claim results
/// that do not depend on how many parts they are split into; they are compared at one and at two
/// threads on inputs large enough to be split.
final class FusedLayerTests: XCTestCase {
    override func tearDown() { setBLASThreads(2) }

    func testDenseGradientsMatchFiniteDifferences() {
        // A margin keeps x·Wᵀ + b away from ReLU's kink, where finite differences are meaningless.
        for a in Activation.allCases {
            for (n, out) in [(5, 3), (20, 2)] {  // the second is the narrow product (W·xᵀ)ᵀ
                let p = randomParameters([("x", [n, 4]), ("w", [out, 4]), ("b", [out])], seed: UInt64(n), awayFromZero: 0.05)
                assertGradientsMatch(p) { v in v["x"].dense(weight: v["w"], bias: v["b"], activation: a) }
                assertGradientsMatch(p) { v in v["x"].dense(weight: v["w"], activation: a) }
            }
        }
    }

    func testDenseEqualsTheCompositionBitForBit() {
        var rng = RandomGenerator(seed: 31)
        // 700 × 256 outputs: split over two threads in both passes.
        let x = Tensor<Float>.normal([700, 96], using: &rng), w = Tensor<Float>.normal([256, 96], using: &rng)
        let b = Tensor<Float>.normal([256], using: &rng), r = Tensor<Float>.normal([700, 256], using: &rng)
        for threads in [1, 2] {
            setBLASThreads(threads)
            for a in Activation.allCases {
                for withBias in [true, false] {
                    func run(fused: Bool) -> (Tensor<Float>, [Tensor<Float>]) {
                        let tape = Tape<Float>()
                        let vx = tape.parameter("x", x), vw = tape.parameter("w", w), vb = tape.parameter("b", b)
                        let y = fused ? vx.dense(weight: vw, bias: withBias ? vb : nil, activation: a)
                                      : vx.linear(weight: vw, bias: withBias ? vb : nil).activated(a)
                        let g = tape.gradients(of: (y * tape.constant(r)).sum())
                        return (y.value, (withBias ? ["x", "w", "b"] : ["x", "w"]).map { g[$0]! })
                    }
                    let (y1, g1) = run(fused: true), (y2, g2) = run(fused: false)
                    XCTAssertEqual(y1.scalars, y2.scalars, "\(a), bias \(withBias), \(threads) thread(s): values")
                    for (k, (u, v)) in zip(g1, g2).enumerated() {
                        XCTAssertEqual(u.scalars, v.scalars, "\(a), bias \(withBias), \(threads) thread(s): gradient \(k)")
                    }
                }
            }
        }
    }

    func testTableAttentionDoesNotDependOnTheSplit() {
        var rng = RandomGenerator(seed: 32)
        let tableRows = 30, heads = 4, d = 40, T = 3, n = 900
        let scores = Tensor<Float>.normal([tableRows, heads], using: &rng)
        let written = Tensor<Float>.normal([tableRows, heads, d], using: &rng)
        let rows = (0..<(n * T)).map { _ in rng.int(below: tableRows) }
        let g = Tensor<Float>.normal([n, d], using: &rng)
        let kernel = TableAttentionKernel(scores: scores, written: written, rows: rows, positions: T)
        var results: [[Tensor<Float>]] = []
        for threads in [1, 2] {
            setBLASThreads(threads)
            let (out, attention) = kernel.forward()
            let (dScores, dWritten) = kernel.backward(g, attention: attention)
            results.append([out, attention, dScores, dWritten])
        }
        for (k, (a, b)) in zip(results[0], results[1]).enumerated() { XCTAssertEqual(a.scalars, b.scalars, "output \(k)") }
    }

    func testCrossEntropyDoesNotDependOnTheSplit() {
        var rng = RandomGenerator(seed: 33)
        let logits = Tensor<Float>.normal([1000, 17], using: &rng).map { 4 * $0 }
        let labels = (0..<1000).map { _ in rng.int(below: 17) }
        var results: [(Float, [Float])] = []
        for threads in [1, 2] {
            setBLASThreads(threads)
            let tape = Tape<Float>()
            let z = tape.parameter("z", logits)
            let loss = z.crossEntropy(labels: labels)
            results.append((loss.value.scalar, tape.gradients(of: loss)["z"]!.scalars))
        }
        XCTAssertEqual(results[0].0, results[1].0)
        XCTAssertEqual(results[0].1, results[1].1)
    }
}
