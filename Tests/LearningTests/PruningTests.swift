import XCTest
import Tensors
@testable import Learning

/// Magnitude masks against hand-computed cases, and what masking and freezing leave untouched.
final class PruningTests: XCTestCase {
    /// a (2×2) = [0.5, −3, 0.1, 2], b (1×3) = [−10, 2, 40], c = [9] (a vector: never pruned).
    private func example() -> Parameters<Double> {
        var p = Parameters<Double>()
        p.append("a", Tensor(shape: [2, 2], scalars: [0.5, -3, 0.1, 2]))
        p.append("b", Tensor(shape: [1, 3], scalars: [-10, 2, 40]))
        p.append("c", Tensor([9]))
        return p
    }

    func testGlobalMagnitudeThreshold() {
        // keep 3/7 of the 7 prunable weights: k = 3, the magnitudes 40, 10 and 3.
        let mask = PruningMask.magnitude(of: example(), keep: 3.0 / 7, scope: .global)
        XCTAssertEqual(mask.factors["a"], [0, 1, 0, 0])
        XCTAssertEqual(mask.factors["b"], [1, 0, 1])
        XCTAssertNil(mask.factors["c"], "biases and vectors are never pruned")
        XCTAssertEqual(mask.kept, 3)
        XCTAssertEqual(mask.prunable, 7)
    }

    func testPerLayerMagnitudeThreshold() {
        // a keeps round(4·3/7 = 1.71) = 2: 3 and 2; b keeps round(3·3/7 = 1.29) = 1: 40.
        let mask = PruningMask.magnitude(of: example(), keep: 3.0 / 7, scope: .layer)
        XCTAssertEqual(mask.factors["a"], [0, 1, 0, 1])
        XCTAssertEqual(mask.factors["b"], [0, 0, 1])
        var p = example()
        mask.apply(to: &p)
        XCTAssertEqual(p["a"].scalars, [0, -3, 0, 2])
        XCTAssertEqual(p["c"].scalars, [9])
    }

    func testTiesGoToTheEarlierPosition() {
        var p = Parameters<Double>()
        p.append("w", Tensor(shape: [1, 3], scalars: [1, -1, 1]))
        XCTAssertEqual(PruningMask.magnitude(of: p, keep: 1.0 / 3, scope: .global).factors["w"], [1, 0, 0])
        XCTAssertEqual(PruningMask.magnitude(of: p, keep: 1, scope: .global).factors["w"], [1, 1, 1])
    }

    /// AdamW with weight decay on masked gradients: the pruned scalars and both their moments stay
    /// exactly zero while the kept ones move.
    func testMaskedScalarsAndTheirAdamMomentsStayZero() {
        var p = example()
        let mask = PruningMask.magnitude(of: p, keep: 0.5, scope: .global)
        mask.apply(to: &p)
        var opt = Optimizer<Double>(OptimizerConfig(kind: .adamw, lr: 0.1, weightDecay: 0.5))
        var rng = RandomGenerator(seed: 3)
        for _ in 0..<20 {
            var g = Gradients<Double>()
            for (n, t) in zip(p.names, p.tensors) { g.accumulate(n, Tensor<Double>.normal(t.shape, using: &rng)) }
            mask.apply(to: &g)
            opt.step(&p, g)
        }
        for (name, f) in mask.factors {
            let (m, v) = opt.moments(of: name)
            for i in f.indices {
                if f[i] == 0 {
                    XCTAssertEqual(p[name].scalars[i], 0, "\(name)[\(i)]")
                    XCTAssertEqual(m?[i], 0); XCTAssertEqual(v?[i], 0)
                } else {
                    XCTAssertNotEqual(v?[i], 0)
                }
            }
        }
    }

    private func mlpConfig(steps: Int, freeze: [String] = []) -> TrainingConfig {
        TrainingConfig(task: TaskConfig(kind: .teacher, seed: 1, trainSize: 64, testSize: 32, teacher: .relu, widths: [4, 3, 1]),
                       model: ModelConfig(kind: .mlp, hidden: 16), loss: .mse,
                       optimizer: OptimizerConfig(kind: .adamw, lr: 0.01, weightDecay: 0.5),
                       steps: steps, checkpoints: [0, 5], seed: 2, precision: .double, freeze: freeze)
    }

    func testTrainingKeepsPrunedWeightsAtExactlyZero() throws {
        let dense = try train(mlpConfig(steps: 20))
        let mask = PruningMask.magnitude(of: dense.model.parameters, keep: 0.2, scope: .global)
        let ticket = try train(mlpConfig(steps: 30), start: TrainingStart(weights: .given(dense.checkpoints[1].parameters), mask: mask))
        for checkpoint in ticket.checkpoints + [Checkpoint(step: 30, parameters: ticket.model.flatParameters())] {
            var p = ticket.model.parameters
            p.setFlattened(checkpoint.parameters)
            for (name, f) in mask.factors {
                for i in f.indices where f[i] == 0 { XCTAssertEqual(p[name].scalars[i], 0, "step \(checkpoint.step) \(name)[\(i)]") }
            }
        }
        // Rewinding: the ticket's step 0 is the dense run's step-5 checkpoint with the mask applied.
        var rewound = dense.model.parameters
        rewound.setFlattened(dense.checkpoints[1].parameters)
        mask.apply(to: &rewound)
        XCTAssertEqual(ticket.checkpoints[0].parameters, rewound.flattened())
        XCTAssertNotEqual(ticket.model.flatParameters(), rewound.flattened(), "the kept weights train")
    }

    func testIndependentDrawDiffersFromTheSeedsInitialization() throws {
        let plain = try train(mlpConfig(steps: 0))
        let redrawn = try train(mlpConfig(steps: 0), start: TrainingStart(weights: .independentDraw))
        XCTAssertNotEqual(plain.model.flatParameters(), redrawn.model.flatParameters())
        XCTAssertEqual(plain.model.parameterCount, redrawn.model.parameterCount)
        // The seed's own streams are untouched: a plain run is the same with or without a start.
        XCTAssertEqual(try train(mlpConfig(steps: 3)).model.flatParameters(),
                       try train(mlpConfig(steps: 3), start: TrainingStart()).model.flatParameters())
    }

    func testFrozenLayersNeverChange() throws {
        let run = try train(mlpConfig(steps: 25, freeze: ["layer0"]))
        var initial = run.model.parameters
        initial.setFlattened(run.checkpoints[0].parameters)
        XCTAssertEqual(run.model.parameters["layer0.weight"].scalars, initial["layer0.weight"].scalars)
        XCTAssertEqual(run.model.parameters["layer0.bias"].scalars, initial["layer0.bias"].scalars)
        XCTAssertNotEqual(run.model.parameters["layer1.weight"].scalars, initial["layer1.weight"].scalars)
        XCTAssertThrowsError(try train(mlpConfig(steps: 1, freeze: ["layer7"]))) { error in
            guard let error = error as? ConfigurationError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.path, ["freeze"])
            XCTAssertTrue(error.message.contains("layer0, layer1"), error.message)
        }
    }

    func testAMaskOfAnotherModelIsRefused() throws {
        var p = Parameters<Double>()
        p.append("layer0.weight", Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        let mask = PruningMask.magnitude(of: p, keep: 0.5, scope: .global)
        XCTAssertThrowsError(try train(mlpConfig(steps: 1), start: TrainingStart(mask: mask))) { error in
            guard case TrainingError.incompatibleStart? = error as? TrainingError else { return XCTFail("\(error)") }
        }
    }
}
