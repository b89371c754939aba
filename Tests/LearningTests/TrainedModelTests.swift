import XCTest
import Tensors
@testable import Learning

/// The analysis interface: flat parameters, loss and gradient at a flat vector, outputs, hidden
/// activations and weight matrices.
final class TrainedModelTests: XCTestCase {
    private func model() throws -> TrainedModel {
        let config = TrainingConfig(task: .modular(.add, modulus: 5, trainFraction: 0.6),
                                    model: ModelConfig(kind: .onehotMLP, hidden: 6, activation: .quadratic),
                                    loss: .mse, optimizer: OptimizerConfig(kind: .adamw, lr: 1e-2), steps: 3, seed: 4)
        return try train(config).model
    }

    func testFlatRoundTrip() throws {
        var m = try model()
        let flat = m.flatParameters()
        XCTAssertEqual(flat.count, m.parameterCount)
        XCTAssertEqual(m.parameterCount, 5 * 6 * 2 + 5 * 6)
        m.setFlatParameters(flat.map { $0 * 2 })
        XCTAssertEqual(m.flatParameters(), flat.map { $0 * 2 })
    }

    /// The gradient at a flat vector matches central differences of `loss(at:indices:)`.
    func testLossAndGradientMatchFiniteDifferences() throws {
        let m = try model()
        let w = m.flatParameters()
        for indices in [nil, [0, 3, 7]] as [[Int]?] {
            let (loss, gradient) = m.lossAndGradient(at: w, indices: indices)
            XCTAssertEqual(loss, m.loss(at: w, indices: indices), accuracy: 1e-15)
            var diff = 0.0, norm = 0.0
            for i in 0..<w.count {
                var plus = w, minus = w
                plus[i] += 1e-5; minus[i] -= 1e-5
                let fd = (m.loss(at: plus, indices: indices) - m.loss(at: minus, indices: indices)) / 2e-5
                diff += (fd - gradient[i]) * (fd - gradient[i]); norm += gradient[i] * gradient[i]
            }
            XCTAssertLessThan(diff.squareRoot() / norm.squareRoot(), 1e-6)
        }
    }

    func testOutputsHiddenAndWeights() throws {
        let m = try model()
        let input = ModelInput<Double>(m.dataset.test)
        let out = m.outputs(input: input)
        XCTAssertEqual(out.shape, [m.dataset.test.count, 5])
        let hidden = m.hiddenActivations(input: input)
        XCTAssertEqual(hidden.map(\.shape), [[m.dataset.test.count, 6]])
        let (u, w) = try XCTUnwrap(m.oneHotWeights)
        XCTAssertEqual(u.shape, [6, 10])
        // outputs = h·Wᵀ with h the hidden activations.
        let recomputed = hidden[0].matmul(w, transposeOther: true)
        for (a, b) in zip(out.scalars, recomputed.scalars) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertNil(m.mlpWeights)
    }
}
