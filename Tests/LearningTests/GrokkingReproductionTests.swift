import XCTest
import Tensors
@testable import Learning

/// The Gromov (2023) / Doshi et al. grokking recipe of docs/references.md: one-hot MLP f = W·(U x)²,
/// p = 97, width 500, no biases, init N(0, (0.5/(2N)^{1/3})²), MSE against one-hot targets,
/// full-batch AdamW lr 1e-2, weight decay 5, betas (0.9, 0.98), train fraction 0.5.
/// Published trajectory: train 0.991 at step 20, test 0.987 at step 40, test 0.003 at step 20.
final class GrokkingReproductionTests: XCTestCase {
    static func gromovConfig(seed: UInt64, steps: Int) -> TrainingConfig {
        TrainingConfig(
            task: .modular(.add, modulus: 97, trainFraction: 0.5, seed: seed),
            model: ModelConfig(kind: .onehotMLP, hidden: 500, activation: .quadratic, initialization: .gromov),
            loss: .mse,
            optimizer: OptimizerConfig(kind: .adamw, lr: 1e-2, weightDecay: 5.0, betas: [0.9, 0.98]),
            steps: steps, recordEvery: 1, seed: seed, threads: 2,
            stopWhen: StopCondition(metric: .testAccuracy, above: 0.95))
    }

    func testGromovRecipeMemorizesThenGeneralizes() throws {
        let run = try train(Self.gromovConfig(seed: 0, steps: 60))
        let h = run.history
        let trainSaturates = try XCTUnwrap(h.firstStep(where: .trainAccuracy) { $0 >= 0.99 })
        XCTAssertLessThanOrEqual(trainSaturates, 25, "train accuracy reaches 0.99 at step \(trainSaturates)")
        let testAtSaturation = h.testAccuracy[trainSaturates]
        XCTAssertLessThan(testAtSaturation, 0.2, "test accuracy \(testAtSaturation) when train first reaches 0.99")
        let generalizes = try XCTUnwrap(h.firstStep(where: .testAccuracy) { $0 >= 0.95 },
                                        "test accuracy only reached \(h.testAccuracy.max()!)")
        XCTAssertLessThanOrEqual(generalizes, 60)
        print("grokking: train ≥ 0.99 at step \(trainSaturates) (test \(testAtSaturation)); test ≥ 0.95 at step \(generalizes)")
    }
}
