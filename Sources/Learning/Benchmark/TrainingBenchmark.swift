import Dispatch
import Tensors

/// The figures of `folio bench` for the training core.
public struct BenchmarkReport: Sendable, CustomStringConvertible {
    /// Which model was timed.
    public var model: BenchmarkModel
    public var steps: Int
    public var warmup: Int
    public var threads: Int
    public var modulus: Int
    public var trainExamples: Int
    /// Per-step wall times (seconds) of the timed steps.
    public var stepTimes: [Double]
    /// 1 / median step time.
    public var stepsPerSecondMedian: Double
    /// Timed steps / total time of the timed steps.
    public var stepsPerSecondMean: Double
    /// Matrix-product FLOPs of one step (`BenchmarkModel.matmulFLOPs`).
    public var matmulFLOPsPerStep: Double
    /// matmulFLOPsPerStep / median step time, in GFLOP/s.
    public var stepGFLOPs: Double
    /// The best of several 1024×1024×1024 sgemm calls in the same run, in GFLOP/s.
    public var sgemmGFLOPs: Double
    /// stepGFLOPs / sgemmGFLOPs.
    public var efficiency: Double { stepGFLOPs / sgemmGFLOPs }
    /// Mean milliseconds per timed step in forward (to the logits), loss, backward and update.
    public var phaseMilliseconds: [Double]
    /// The training loss after the last step (a sanity check that training happened).
    public var finalLoss: Double

    public var description: String {
        func f(_ x: Double, _ digits: Int = 1) -> String {
            let scale = pow(10, digits)
            return String(Double((x * scale).rounded()) / scale)
        }
        return """
        \(model.summary), n_train=\(trainExamples), full batch, cross-entropy, AdamW, \(threads) threads
        steps/s (median step) \(f(stepsPerSecondMedian))   steps/s (mean) \(f(stepsPerSecondMean))   ms/step \(f(1000 / stepsPerSecondMedian, 2))
        step GFLOP/s \(f(stepGFLOPs))   sgemm GFLOP/s \(f(sgemmGFLOPs))   efficiency \(f(100 * efficiency))%   final loss \(f(finalLoss, 4))
        ms per step: forward \(f(phaseMilliseconds[0], 2)), loss \(f(phaseMilliseconds[1], 2)), backward \(f(phaseMilliseconds[2], 2)), update \(f(phaseMilliseconds[3], 2))
        """
    }
}

/// The models `folio bench` times, each on its task's full training set as a batch.
public enum BenchmarkModel: String, Sendable, CaseIterable {
    /// The one-hot pair MLP of issue 3: p = 97, hidden 512, quadratic, train fraction 0.5.
    case onehotMLP = "mlp"
    /// Nanda et al.'s (2023) transformer: p = 113, d_model 128, 4 heads, d_mlp 512, ReLU, train
    /// fraction 0.3 (3,830 examples).
    case transformer

    var modulus: Int { self == .onehotMLP ? 97 : 113 }
    var trainFraction: Double { self == .onehotMLP ? 0.5 : 0.3 }

    public var summary: String {
        switch self {
        case .onehotMLP: "one-hot MLP p=97 hidden=512 quadratic"
        case .transformer: "transformer p=113 d_model=128 heads=4 d_mlp=512 relu"
        }
    }

    func architecture() -> any Architecture {
        switch self {
        case .onehotMLP: OneHotMLP(vocabulary: 97, hidden: 512, outputs: 97, activation: .quadratic)
        case .transformer: Transformer(vocabulary: 113, sequenceLength: 2, dModel: 128, heads: 4, dMLP: 512, outputs: 113)
        }
    }

    /// The matrix-product FLOPs of one step on n examples, three products (forward, and the
    /// gradients of both factors) of 2·m·k·n FLOPs for each product over the examples:
    /// - one-hot MLP: the output layer, 3·2·n·512·97 (the first layer is an embedding look-up);
    /// - transformer: the MLP's two layers and the unembedding at the last position,
    ///   3·2·n·(2·128·512 + 128·113). Attention is computed from per-(position, token) tables
    ///   (`Variable.tableAttention`); their products, 3% more, are not counted.
    /// The PyTorch peers compute the same products (and the transformer peer's `last` form also
    /// its keys and values at every position).
    func matmulFLOPs(examples n: Int) -> Double {
        switch self {
        case .onehotMLP: 3 * 2 * Double(n) * 512 * 97
        case .transformer: 3 * 2 * Double(n) * (2 * 128 * 512 + 128 * 113)
        }
    }
}

/// Times full-batch training of a benchmark model — cross-entropy, AdamW (lr 1e-3, weight decay 1,
/// betas (0.9, 0.98)), Float — as the PyTorch peers do: `warmup` untimed steps, then `steps` timed
/// steps (forward, backward and update each), with `threads` BLAS threads. Also measures the
/// machine's sgemm rate in the same run.
public func runTrainingBenchmark(_ benchmark: BenchmarkModel = .onehotMLP, steps: Int = 200, warmup: Int = 20, threads: Int = 2) -> BenchmarkReport {
    setBLASThreads(threads)
    keepFreedTensorMemory()
    let p = benchmark.modulus
    let dataset = try! Dataset.modular(.add, modulus: p, trainFraction: benchmark.trainFraction, seed: 0)
    let model = benchmark.architecture()
    var rng = RandomGenerator(seed: 0)
    var parameters = model.makeParameters(using: &rng, as: Float.self)
    var optimizer = Optimizer<Float>(OptimizerConfig(kind: .adamw, lr: 1e-3, weightDecay: 1.0, betas: [0.9, 0.98]))
    let input = ModelInput<Float>.tokens(dataset.train.tokens, width: 2)
    let labels = dataset.train.labels
    var times: [Double] = []
    var phases = [Double](repeating: 0, count: 4)
    var lastLoss = 0.0
    for s in 0..<(warmup + steps) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let tape = Tape<Float>()
        let logits = model.forward(input, tape.bind(parameters)).output
        let t1 = DispatchTime.now().uptimeNanoseconds
        let loss = logits.crossEntropy(labels: labels)
        let t2 = DispatchTime.now().uptimeNanoseconds
        let gradients = tape.gradients(of: loss)
        let t3 = DispatchTime.now().uptimeNanoseconds
        optimizer.step(&parameters, gradients)
        let t4 = DispatchTime.now().uptimeNanoseconds
        if s >= warmup {
            times.append(Double(t4 - t0) / 1e9)
            for (k, (a, b)) in [(t0, t1), (t1, t2), (t2, t3), (t3, t4)].enumerated() { phases[k] += Double(b - a) / 1e9 }
        }
        lastLoss = Double(loss.value.scalar)
    }
    let sorted = times.sorted()
    let median = sorted.isEmpty ? .nan : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    let total = times.reduce(0, +)
    let n = dataset.train.count
    let flops = benchmark.matmulFLOPs(examples: n)
    return BenchmarkReport(
        model: benchmark, steps: steps, warmup: warmup, threads: threads, modulus: p, trainExamples: n, stepTimes: times,
        stepsPerSecondMedian: 1 / median, stepsPerSecondMean: Double(times.count) / total,
        matmulFLOPsPerStep: flops, stepGFLOPs: flops / median / 1e9, sgemmGFLOPs: measureSgemmGFLOPs(),
        phaseMilliseconds: phases.map { 1000 * $0 / Double(Swift.max(steps, 1)) }, finalLoss: lastLoss)
}

/// The best rate of `repeats` sgemm calls C = A·B with A, B, C of size n×n (2n³ FLOPs each), in GFLOP/s.
public func measureSgemmGFLOPs(size n: Int = 1024, repeats: Int = 5) -> Double {
    var rng = RandomGenerator(seed: 1)
    let a = Tensor<Float>.uniform([n, n], low: -1, high: 1, using: &rng)
    let b = Tensor<Float>.uniform([n, n], low: -1, high: 1, using: &rng)
    _ = a.matmul(b)  // warm-up: thread start-up and page faults
    var best = Double.infinity
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = a.matmul(b)
        best = Swift.min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    return 2 * Double(n) * Double(n) * Double(n) / best / 1e9
}
