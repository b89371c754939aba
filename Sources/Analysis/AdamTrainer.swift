import Foundation
import Tensors

/// A small Adam optimizer (Kingma & Ba 2015) for any `Objective`, used to find a trained point w*
/// for the LLC test models:
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
        var w = initial
        let d = w.count
        var m = [Double](repeating: 0, count: d), v = m
        var rng = RandomGenerator(seed: seed)
        var sampler = BatchSampler(n: objective.sampleCount, size: batchSize)
        var losses: [Double] = []
        losses.reserveCapacity(steps)
        var b1t = 1.0, b2t = 1.0
        for _ in 0..<steps {
            let (loss, g) = objective.lossAndGradient(at: w, batch: sampler.next(&rng))
            losses.append(loss)
            b1t *= beta1; b2t *= beta2
            for i in 0..<d {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                let mHat = m[i] / (1 - b1t), vHat = v[i] / (1 - b2t)
                w[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
            }
        }
        return (w, losses)
    }
}
