import XCTest
import Tensors
@testable import Learning

final class TrainerTests: XCTestCase {
    private func smallConfig(seed: UInt64 = 0, steps: Int = 30) -> TrainingConfig {
        TrainingConfig(task: .modular(.add, modulus: 11, trainFraction: 0.6), model: ModelConfig(kind: .onehotMLP, hidden: 32, activation: .relu),
                       loss: .crossEntropy, optimizer: OptimizerConfig(kind: .adamw, lr: 1e-2, weightDecay: 0.1),
                       steps: steps, recordEvery: 5, checkpoints: [0, 10], seed: seed)
    }

    func testSameSeedIsBitIdenticalAndDifferentSeedDiffers() throws {
        let a = try train(smallConfig(seed: 1)), b = try train(smallConfig(seed: 1)), c = try train(smallConfig(seed: 2))
        for m in Metric.allCases where m != .wallTime {
            XCTAssertEqual(a.history[m], b.history[m], "column \(m.rawValue)")
        }
        XCTAssertEqual(a.model.flatParameters(), b.model.flatParameters())
        XCTAssertNotEqual(a.history.trainLoss, c.history.trainLoss)
    }

    func testHistoryRowsCheckpointsAndLearning() throws {
        var steps: [Int] = []
        let run = try train(smallConfig()) { step, total, loss in
            XCTAssertEqual(total, 30)
            XCTAssertTrue(loss.isFinite)
            steps.append(step)
        }
        XCTAssertEqual(steps, Array(1...30))
        XCTAssertEqual(run.history.step, [0, 5, 10, 15, 20, 25, 30])
        XCTAssertEqual(run.history.testAccuracy.count, 7)
        XCTAssertEqual(run.history.wallTime.count, 7)
        XCTAssertEqual(run.checkpoints.map(\.step), [0, 10])
        XCTAssertEqual(run.checkpoints[0].parameters.count, run.model.parameterCount)
        XCTAssertLessThan(run.history.trainLoss.last!, 0.7 * run.history.trainLoss.first!)
        // The recorded final metrics agree with the trained model's own evaluation (Float vs Double).
        XCTAssertEqual(run.model.loss(), run.history.trainLoss.last!, accuracy: 1e-4)
        // Accuracy may differ only on examples whose top two logits lie within Float's rounding
        // of each other (2e-5 of the largest logit, the model tolerance of FloatPrecisionTests):
        // another BLAS kernel may order such a pair either way.
        let logits = run.model.outputs(on: run.dataset.test)
        let classes = logits.shape[1], n = logits.shape[0]
        let scale = logits.scalars.map(abs).max()!
        let ambiguous = (0..<n).filter { r in
            let row = (0..<classes).map { logits[r, $0] }.sorted(by: >)
            return row[0] - row[1] <= 2e-5 * scale
        }.count
        XCTAssertEqual(run.model.accuracy(on: run.dataset.test), run.history.testAccuracy.last!,
                       accuracy: Double(ambiguous) / Double(n) + 1e-12)
        // The weight norm column is the norm of all parameters.
        let norm = run.model.flatParameters().reduce(0) { $0 + $1 * $1 }.squareRoot()
        XCTAssertEqual(run.history.weightNorm.last!, norm, accuracy: 1e-4 * norm)
    }

    func testStopCondition() throws {
        var config = smallConfig(steps: 200)
        config.recordEvery = 1
        config.stopWhen = StopCondition(metric: .trainAccuracy, above: 1.0)
        let run = try train(config)
        XCTAssertLessThan(run.finalStep, 200)
        XCTAssertEqual(run.history.trainAccuracy.last, 1.0)
        XCTAssertEqual(run.history.trainAccuracy.dropLast().filter { $0 >= 1 }.count, 0)
    }

    func testNonFiniteLossThrowsNamingTheStep() {
        var config = smallConfig(steps: 50)
        config.model = ModelConfig(kind: .mlp, hidden: 16, activation: .quadratic)
        config.optimizer = OptimizerConfig(kind: .sgd, lr: 1e6)
        XCTAssertThrowsError(try train(config)) { error in
            guard case let TrainingError.nonFiniteLoss(step, value)? = error as? TrainingError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertGreaterThan(step, 0)
            XCTAssertFalse(value.isFinite)
        }
    }

    func testMinibatchRegressionWithDeepLinearNetwork() throws {
        let config = TrainingConfig(
            task: TaskConfig(kind: .teacher, trainSize: 256, testSize: 64, teacher: .linear, widths: [8, 4], rank: 2),
            model: ModelConfig(kind: .deepLinear, widths: [8, 8]), loss: .mse,
            optimizer: OptimizerConfig(kind: .adam, lr: 1e-2), steps: 300, batchSize: 32, recordEvery: 50, seed: 3)
        let run = try train(config)
        XCTAssertTrue(run.history.trainAccuracy.isEmpty)
        XCTAssertLessThan(run.history.testLoss.last!, 0.05 * run.history.testLoss.first!)
    }

    func testDoublePrecisionAndOtherModels() throws {
        var config = smallConfig(steps: 10)
        config.precision = .double
        config.model = ModelConfig(kind: .mlp, widths: [16, 16], activation: .gelu)
        XCTAssertNoThrow(try train(config))
        config.model = ModelConfig(kind: .transformer, activation: .relu, dModel: 8, heads: 2, dMLP: 16)
        let run = try train(config)
        XCTAssertLessThan(run.history.trainLoss.last!, run.history.trainLoss.first!)
    }

    func testCrossEntropyOnRegressionIsRejected() {
        let config = TrainingConfig(task: TaskConfig(kind: .generic, trainSize: 10, testSize: 5, inputs: 4),
                                    model: ModelConfig(kind: .mlp), loss: .crossEntropy,
                                    optimizer: OptimizerConfig(kind: .sgd, lr: 0.1), steps: 1)
        XCTAssertThrowsError(try train(config))
    }

    func testConfigurationDecodesFromSnakeCaseKeys() throws {
        let json = """
        {"task": {"kind": "modular", "op": "add", "modulus": 97, "train_fraction": 0.5, "seed": 0},
         "model": {"kind": "onehot_mlp", "hidden": 500, "activation": "quadratic", "init": "gromov"},
         "loss": "mse",
         "optimizer": {"kind": "adamw", "lr": 0.01, "weight_decay": 5.0, "betas": [0.9, 0.98]},
         "steps": 100, "record_every": 1, "batch_size": 64, "checkpoints": [10],
         "stop_when": {"metric": "test_accuracy", "above": 0.99}}
        """
        let c = try JSONDecoder().decode(TrainingConfig.self, from: Data(json.utf8))
        XCTAssertEqual(c.task, .modular(.add, modulus: 97, trainFraction: 0.5, seed: 0))
        XCTAssertEqual(c.model.hidden, 500)
        XCTAssertEqual(try c.model.weightInit(), .gromov)
        XCTAssertEqual(c.loss, .mse)
        XCTAssertEqual(c.optimizer, OptimizerConfig(kind: .adamw, lr: 0.01, weightDecay: 5, betas: [0.9, 0.98]))
        XCTAssertEqual(c.recordEvery, 1)
        XCTAssertEqual(c.batchSize, 64)
        XCTAssertEqual(c.stopWhen, StopCondition(metric: .testAccuracy, above: 0.99))
        let bad = json.replacingOccurrences(of: "\"quadratic\"", with: "\"swish\"")
        XCTAssertThrowsError(try JSONDecoder().decode(TrainingConfig.self, from: Data(bad.utf8)))
    }
}

final class CheckpointScheduleTests: XCTestCase {
    func testSchedules() {
        XCTAssertEqual(CheckpointSchedule.steps([500, 0, 500]).steps(through: 1000), [0, 500])
        XCTAssertEqual(CheckpointSchedule.every(300).steps(through: 1000), [0, 300, 600, 900, 1000])
        XCTAssertEqual(CheckpointSchedule.every(250).steps(through: 1000), [0, 250, 500, 750, 1000])
        let log = CheckpointSchedule.logSpaced(5).steps(through: 9999)
        // exp(i/4·ln 10⁴) − 1: 0, 9, 99, 999, 9999.
        XCTAssertEqual(log, [0, 9, 99, 999, 9999])
        XCTAssertLessThanOrEqual(CheckpointSchedule.logSpaced(30).steps(through: 20).count, 21)
    }

    func testEveryKeepsOnlyTheScheduledSteps() throws {
        var config = TrainingConfig(task: .modular(.add, modulus: 7, trainFraction: 0.6), model: ModelConfig(kind: .onehotMLP, hidden: 8),
                                    loss: .crossEntropy, optimizer: OptimizerConfig(kind: .adamw, lr: 1e-2), steps: 25)
        config.checkpoints = CheckpointSchedule.every(10).steps(through: config.steps)
        XCTAssertEqual(try train(config).checkpoints.map(\.step), [0, 10, 20, 25])
    }
}
