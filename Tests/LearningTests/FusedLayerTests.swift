import XCTest
import Tensors
@testable import Learning

/// The fused dense layer `Variable.dense(weight:bias:activation:)`.
///
/// It claims the values and gradients of `linear(weight:bias:).activated(_:)` bit for bit: it calls
/// the same products on the same operands and adds the bias and the bias gradient's rows in the
/// same order, so equality is exact, not within a tolerance.
final class FusedLayerTests: XCTestCase {
    override func tearDown() { setBLASThreads(2) }

    func testDenseGradientsMatchFiniteDifferences() {
        // Random inputs put x·Wᵀ + b within the finite-difference step of ReLU's kink with negligible probability.
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
        // At one and two BLAS threads (OpenBLAS blocks the products differently for each).
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
}
