import Analysis
import Notebooks

/// `{simplicity}`: the parameter–function map of random ReLU networks (Valle-Pérez, Camargo &
/// Louis 2019): sample networks with Gaussian weights and biases, record the Boolean function
/// each computes on {0,1}ⁿ, and relate each function's probability to its rank and to its
/// Lempel–Ziv complexity.
///
/// Result: a table over the distinct functions, most frequent first — `rank`, `probability`,
/// `complexity`, `ones` — plus `samples`, `distinct`, `top_probability`, `top_complexity`,
/// `constant_probability` (both constant functions together), and `complexity_correlation`
/// (Pearson correlation of complexity with log₂ probability).
public enum SimplicityDirective: Directive {
    public static let kind = "simplicity"
    public static let summary = "Probability and complexity of the functions random networks compute."
    enum Field {
        static let rank = ResultField("rank"), probability = ResultField("probability"), complexity = ResultField("complexity")
        static let ones = ResultField("ones"), samples = ResultField("samples"), distinct = ResultField("distinct")
        static let topProbability = ResultField("top_probability"), topComplexity = ResultField("top_complexity")
        static let constantProbability = ResultField("constant_probability", "both constant functions together")
        static let correlation = ResultField("complexity_correlation", "Pearson correlation of complexity with log₂ probability")
        static let table = [rank, probability, complexity, ones]
        static let scalars = [samples, distinct, topProbability, topComplexity, constantProbability, correlation]
    }
    public static let result = "a table over the distinct functions, most frequent first — " + ResultField.describe(Field.table).dropLast()
        + " — plus " + ResultField.describe(Field.scalars)
    static let layers = DirectiveOption<[Int]>("layers", "Widths, input first, output 1.", default: [7, 40, 40, 1])
    static let samples = DirectiveOption<Int>("samples", "Networks to sample.", default: 100_000)
    static let weightStd = DirectiveOption<Double>("weight_std", "Weights are N(0, weight_std²/fan_in).", default: 1)
    static let biasStd = DirectiveOption<Double>("bias_std", "Biases are N(0, bias_std²).", default: 1)
    static let seed = DirectiveOption<Int>.seed("Seed of the sample.")
    public static let keys = OptionKey.of(layers, samples, weightStd, biasStd, seed)

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let layers = try options.read(Self.layers)
        guard layers.count >= 2, layers.last == 1, (1...16).contains(layers[0]) else {
            throw Diagnostic(at: options.location(of: "layers"), "'layers' must start with 1 to 16 inputs and end with 1 output")
        }
        let samples = try options.read(Self.samples)
        guard samples >= 1 else { throw Diagnostic(at: options.location(of: "samples"), "'samples' must be positive") }
        let sample = sampleRandomFunctions(
            layers: layers, samples: samples, seed: try options.seed(seed),
            weightStd: try options.read(weightStd), biasStd: try options.read(biasStd))
        let constant = sample.ranked.filter { $0.function.ones == 0 || $0.function.ones == (1 << layers[0]) }
            .map(\.probability).reduce(0, +)
        let logP = sample.probability.map { Foundation.log2($0) }
        let record = Record([
            (Field.rank, .numbers(sample.rank)),
            (Field.probability, .numbers(sample.probability)),
            (Field.complexity, .numbers(sample.complexity)),
            (Field.ones, .numbers(sample.ones)),
            (Field.samples, .number(Double(samples))),
            (Field.distinct, .number(Double(sample.distinctFunctions))),
            (Field.topProbability, .number(sample.probability.first ?? 0)),
            (Field.topComplexity, .number(sample.complexity.first ?? 0)),
            (Field.constantProbability, .number(constant)),
            (Field.correlation, .number(pearson(sample.complexity, logP))),
        ])
        return CellOutput(value: .record(record), display: [.summary(title: "Random \(layers.map(String.init).joined(separator: "→")) ReLU networks", items: [
            ("networks sampled", "\(samples)"),
            ("distinct functions", "\(sample.distinctFunctions)"),
            ("most probable function", "P = \(formatValue(.number(sample.probability.first ?? 0))), K = \(formatValue(.number(sample.complexity.first ?? 0)))"),
            ("both constant functions", ValueFormat.percent(1).format(.number(constant))),
        ])])
    }

    /// Pearson's correlation coefficient; NaN when either list is constant.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard x.count == y.count, x.count > 1 else { return .nan }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }
}

import Foundation
