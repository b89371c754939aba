import Foundation
import Learning
import Tensors

/// Finds a trained point w* of any `Objective` (the LLC test models) with the training core's
/// Adam (`Learning.Optimizer`, PyTorch's rule, no weight decay):
///   m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,
///   w ← w − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε).
/// Full batch when `batchSize` is nil; otherwise minibatches drawn without replacement from a
/// fresh permutation each epoch (seeded).
public struct AdamTrainer: Sendable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var steps: Int
    public var batchSize: Int?
    public var seed: UInt64

    public init(learningRate: Double = 0.01, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                steps: Int = 5000, batchSize: Int? = nil, seed: UInt64 = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.steps = steps
        self.batchSize = batchSize
        self.seed = seed
    }

    /// Runs `steps` Adam updates from `initial`; returns the final parameters and the loss before
    /// each step.
    public func minimize<O: Objective<Double>>(_ objective: O, from initial: [Double]) -> (parameters: [Double], losses: [Double]) {
        var optimizer = Optimizer<Double>(OptimizerConfig(kind: .adam, lr: learningRate, weightDecay: 0,
                                                          betas: [beta1, beta2], eps: epsilon))
        var parameters = Parameters<Double>()
        parameters.append("w", Tensor(shape: [initial.count], scalars: initial))
        var rng = RandomGenerator(seed: seed)
        var sampler = BatchSampler(n: objective.sampleCount, size: batchSize)
        var losses: [Double] = []
        losses.reserveCapacity(steps)
        for _ in 0..<steps {
            let (loss, g) = objective.lossAndGradient(at: parameters["w"].scalars, batch: sampler.next(&rng))
            losses.append(loss)
            var gradients = Gradients<Double>()
            gradients.accumulate("w", Tensor(shape: [g.count], scalars: g))
            optimizer.step(&parameters, gradients)
        }
        return (parameters["w"].scalars, losses)
    }
}
