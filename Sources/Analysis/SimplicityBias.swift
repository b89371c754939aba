import Foundation
import Learning
import Tensors

/// One sampled Boolean function with its frequency.
public struct FunctionFrequency: Sendable, Equatable {
    public var function: BooleanFunction
    public var count: Int
    /// count / samples.
    public var probability: Double
    /// 1 for the most frequent function (ties ordered by complexity, then truth table).
    public var rank: Int
    /// Symmetrized LZ76 complexity K of the truth table.
    public var complexity: Double
}

/// The empirical distribution of the functions computed by random networks (the parameter–function
/// map of Valle-Pérez, Camargo & Louis 2019), with its probability-vs-rank and
/// probability-vs-complexity columns.
public struct RandomFunctionSample: Sendable, Equatable {
    public var layers: [Int]
    public var samples: Int
    /// Distinct functions, most frequent first.
    public var ranked: [FunctionFrequency]

    public init(layers: [Int], samples: Int, counts: [BooleanFunction: Int]) {
        self.layers = layers
        self.samples = samples
        let entries = counts.map { (function: $0.key, count: $0.value, complexity: $0.key.complexity) }
            .sorted {
                if $0.count != $1.count { return $0.count > $1.count }
                if $0.complexity != $1.complexity { return $0.complexity < $1.complexity }
                return $0.function.bitString < $1.function.bitString
            }
        ranked = entries.enumerated().map { i, e in
            FunctionFrequency(function: e.function, count: e.count, probability: Double(e.count) / Double(samples),
                              rank: i + 1, complexity: e.complexity)
        }
    }

    /// Number of times each distinct function was sampled.
    public var counts: [BooleanFunction: Int] {
        Dictionary(uniqueKeysWithValues: ranked.map { ($0.function, $0.count) })
    }

    /// Number of distinct functions seen.
    public var distinctFunctions: Int { ranked.count }
    /// Column: rank of each distinct function (1 = most frequent).
    public var rank: [Int] { ranked.map(\.rank) }
    /// Column: empirical probability of each distinct function, in rank order.
    public var probability: [Double] { ranked.map(\.probability) }
    /// Column: LZ complexity of each distinct function, in rank order.
    public var complexity: [Double] { ranked.map(\.complexity) }
    /// Column: number of ones of each distinct function's truth table, in rank order.
    public var ones: [Int] { ranked.map { $0.function.ones } }
}

/// Samples `samples` random fully connected ReLU networks with widths `layers` (e.g. [7, 40, 40, 1];
/// hidden layers ReLU, the single output linear: Learning's `MLP`) and records the truth table of
/// [output > 0] on all 2ⁿ points of {0,1}ⁿ in lexicographic order (Valle-Pérez et al. 2019;
/// Mingard et al. 2019).
///
/// Parameters are i.i.d. Gaussian: weights N(0, weightStd²/fan_in), biases N(0, biasStd²), drawn
/// network after network, layer after layer from `RandomGenerator(seed:)`: a layer's weights as a
/// fan_in × fan_out row-major block (stored transposed, as the MLP's [out, in] `layer{ℓ}.weight`),
/// then its biases. Each network's outputs come from the training core's forward pass.
public func sampleRandomFunctions(layers: [Int], samples: Int, seed: UInt64, weightStd: Double = 1,
                                  biasStd: Double = 1) -> RandomFunctionSample {
    precondition(layers.count >= 2 && layers.last == 1, "sampleRandomFunctions: layers must end in 1 output")
    let n = layers[0]
    precondition(n >= 1 && n <= 16, "sampleRandomFunctions: 1...16 inputs")
    let points = 1 << n
    var inputs = Tensor<Double>.zeros([points, n])
    for i in 0..<points { for j in 0..<n { inputs.scalars[i * n + j] = Double((i >> (n - 1 - j)) & 1) } }
    let network = MLP(widths: layers, activation: .relu)
    var rng = RandomGenerator(seed: seed)
    var counts: [BooleanFunction: Int] = [:]
    let wordCount = max(1, (points + 63) / 64)
    for _ in 0..<samples {
        var parameters = Parameters<Double>()
        for l in 1..<layers.count {
            let fanIn = layers[l - 1], fanOut = layers[l]
            let weights = Tensor(shape: [fanIn, fanOut], scalars: rng.normals(fanIn * fanOut, std: weightStd / Double(fanIn).squareRoot()))
            parameters.append("layer\(l - 1).weight", weights.transposed())
            parameters.append("layer\(l - 1).bias", Tensor(rng.normals(fanOut, std: biasStd)))
        }
        let outputs = network.forward(.features(inputs), Tape<Double>().bind(parameters, differentiable: false)).output.value
        var words = [UInt64](repeating: 0, count: wordCount)
        for r in 0..<points where outputs.scalars[r] > 0 { words[r / 64] |= 1 << UInt64(r % 64) }
        counts[BooleanFunction(inputCount: n, words: words), default: 0] += 1
    }
    return RandomFunctionSample(layers: layers, samples: samples, counts: counts)
}

/// The exact perceptron check of Mingard et al. (2019): for a bias-free perceptron f(x) = [w·x > 0]
/// on {0,1}ⁿ with w ~ N(0, I), the number t of inputs mapped to 1 is uniform on 0..2ⁿ − 1:
/// P(t) = 2⁻ⁿ. Returns the empirical P(t) for t = 0..<2ⁿ from `samples` seeded draws of w.
public func perceptronOnesDistribution(inputCount n: Int, samples: Int, seed: UInt64) -> [Double] {
    precondition(n >= 1 && n <= 16)
    let points = 1 << n
    var rng = RandomGenerator(seed: seed)
    var histogram = [Int](repeating: 0, count: points)
    var sums = [Double](repeating: 0, count: points)
    for _ in 0..<samples {
        let w = rng.normals(n)
        // w·x for every x ∈ {0,1}ⁿ by the binary recursion: sum(x) = sum(x without its lowest set bit) + w_j.
        var ones = 0
        sums[0] = 0
        for i in 1..<points {
            let low = i.trailingZeroBitCount   // bit position from the least significant end
            sums[i] = sums[i & (i - 1)] + w[n - 1 - low]
            if sums[i] > 0 { ones += 1 }
        }
        histogram[ones] += 1
    }
    return histogram.map { Double($0) / Double(samples) }
}
