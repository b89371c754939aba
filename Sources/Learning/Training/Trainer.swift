import Dispatch
import Tensors

/// Trains the configured model on the configured task.
///
/// Step s of the history holds the metrics of the parameters after s updates: step 0 is the
/// initialization. With full-batch training the recorded training loss is the loss of the
/// forward pass that the next update differentiates. Runs are deterministic: the same
/// configuration gives bit-identical histories (wall time aside) on one machine.
///
/// - Parameter start: where training starts when not from the configuration's initialization
///   (rewound or independently drawn weights, a pruning mask held at zero throughout).
/// - Parameter progress: called after every update with (step, total steps, training loss).
/// - Throws: `TrainingError.nonFiniteLoss` naming the step whose loss was NaN or infinite;
///   `ConfigurationError` (naming the key) for inconsistent configurations;
///   `TrainingError.incompatibleStart` when `start` does not fit the model.
public func train(_ config: TrainingConfig, start: TrainingStart = TrainingStart(),
                  progress: ((Int, Int, Double) -> Void)? = nil) throws -> TrainingRun {
    guard config.steps >= 0 else { throw ConfigurationError(["steps"], "steps must be non-negative") }
    guard config.recordEvery >= 1 else { throw ConfigurationError(["record_every"], "record_every must be at least 1") }
    if let b = config.batchSize, b < 1 { throw ConfigurationError(["batch_size"], "batch_size must be positive") }
    let dataset = try makeDataset(config.task, defaultSeed: config.seed)
    guard dataset.train.count > 0 else { throw ConfigurationError(["task"], "the training split is empty") }
    if config.loss == .crossEntropy && !dataset.isClassification {
        throw ConfigurationError(["loss"], "cross_entropy needs a classification task; use mse")
    }
    let architecture = try config.model.architecture(for: dataset)
    setBLASThreads(config.threads)
    switch config.precision {
    case .float: return try TrainingLoop<Float>(config: config, dataset: dataset, architecture: architecture, startingPoint: start).run(progress)
    case .double: return try TrainingLoop<Double>(config: config, dataset: dataset, architecture: architecture, startingPoint: start).run(progress)
    }
}

/// The training loop in one precision.
struct TrainingLoop<S: BLASScalar> {
    let config: TrainingConfig
    let dataset: Dataset
    let architecture: any Architecture
    let startingPoint: TrainingStart

    func run(_ progress: ((Int, Int, Double) -> Void)?) throws -> TrainingRun {
        var rng = RandomGenerator(seed: config.seed)
        var initRNG = rng.split(), batchRNG = rng.split(), redrawRNG = rng.split()
        var parameters = try startingPoint.parameters(architecture, initial: &initRNG, independent: &redrawRNG, as: S.self)
        let frozen = try config.frozenNames(among: parameters.names)
        var optimizer = Optimizer<S>(config.optimizer, totalUpdates: config.steps)
        let trainInput = ModelInput<S>(dataset.train), trainTargets = targets(dataset.train, as: S.self)
        let testInput = ModelInput<S>(dataset.test), testTargets = targets(dataset.test, as: S.self)
        let fullBatch = config.batchSize == nil || config.batchSize! >= dataset.train.count
        let checkpointSteps = Set(config.checkpoints)
        var history = TrainingHistory(), checkpoints: [Checkpoint] = []
        var order: [Int] = [], cursor = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var finalStep = config.steps

        func evaluate(_ input: ModelInput<S>, _ t: Targets<S>) -> (loss: Double, accuracy: Double) {
            let tape = Tape<S>()
            let out = architecture.forward(input, tape.bind(parameters, differentiable: false)).output
            let l = Double(out.loss(config.loss, t).value.scalar)
            guard case let .labels(y) = t else { return (l, .nan) }
            return (l, accuracy(out.value, labels: y))
        }

        func record(_ step: Int, train: (loss: Double, accuracy: Double)) -> Bool {
            history.step.append(Double(step))
            history.trainLoss.append(train.loss)
            if dataset.isClassification { history.trainAccuracy.append(train.accuracy) }
            if dataset.test.count > 0 {
                let test = evaluate(testInput, testTargets)
                history.testLoss.append(test.loss)
                if dataset.isClassification { history.testAccuracy.append(test.accuracy) }
            }
            history.weightNorm.append(parameters.norm)
            history.wallTime.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            guard let stop = config.stopWhen, let value = history[stop.metric].last else { return false }
            return stop.isMet(by: value)
        }

        for step in 0...config.steps {
            if checkpointSteps.contains(step) {
                checkpoints.append(Checkpoint(step: step, parameters: parameters.flattened()))
            }
            let recording = step % config.recordEvery == 0 || step == config.steps
            if step == config.steps {
                let train = evaluate(trainInput, trainTargets)
                guard train.loss.isFinite else { throw TrainingError.nonFiniteLoss(step: step, value: train.loss) }
                _ = record(step, train: train)
                break
            }
            let input: ModelInput<S>, batchTargets: Targets<S>
            if fullBatch {
                input = trainInput; batchTargets = trainTargets
            } else {
                let b = config.batchSize!
                var picked: [Int] = []
                while picked.count < b {
                    if cursor == order.count { order = batchRNG.permutation(dataset.train.count); cursor = 0 }
                    let take = Swift.min(b - picked.count, order.count - cursor)
                    picked += order[cursor..<(cursor + take)]
                    cursor += take
                }
                let batch = dataset.train.subset(picked)
                input = ModelInput(batch); batchTargets = targets(batch, as: S.self)
            }
            let tape = Tape<S>()
            let out = architecture.forward(input, tape.bind(parameters)).output
            let lossVariable = out.loss(config.loss, batchTargets)
            let lossValue = Double(lossVariable.value.scalar)
            guard lossValue.isFinite else { throw TrainingError.nonFiniteLoss(step: step, value: lossValue) }
            if recording {
                let train: (loss: Double, accuracy: Double)
                if fullBatch {
                    if case let .labels(y) = batchTargets { train = (lossValue, accuracy(out.value, labels: y)) }
                    else { train = (lossValue, .nan) }
                } else {
                    train = evaluate(trainInput, trainTargets)
                }
                if record(step, train: train) { finalStep = step; break }
            }
            var gradients = tape.gradients(of: lossVariable)
            for name in frozen { gradients.remove(name) }
            startingPoint.mask?.apply(to: &gradients)
            optimizer.step(&parameters, gradients)
            progress?(step + 1, config.steps, lossValue)
        }
        let model = TrainedModel(architecture: architecture, parameters: parameters.converted(to: Double.self),
                                 loss: config.loss, dataset: dataset)
        return TrainingRun(config: config, history: history, model: model, checkpoints: checkpoints, finalStep: finalStep)
    }
}
