import XCTest
import Tensors
@testable import Learning

/// Every notebook trains in Float (Float BLAS, the Float-only exponential of `SoftmaxExponentials`),
/// while the finite-difference checks run in Double. These tests close the gap: each operation and
/// each model is evaluated in both precisions on the same inputs (rounded to Float first, so both
/// see identical numbers) and the Float forward values and gradients are compared with the Double
/// ones, which serve as the reference (their own error is ~1e-16, checked by finite differences).
///
/// Tolerances, normwise relative (‖x_F − x_D‖ / ‖x_D‖), from Float's unit roundoff u = 2⁻²⁴ ≈ 6e-8.
/// An inner product of k terms is accurate to k·u relative to Σ|aᵢbᵢ| (Higham, Accuracy and
/// Stability of Numerical Algorithms, §3.1), and the exponential is accurate to a few ulps:
/// - operations (k ≤ 12 here): forward and gradients within 2e-6 ≈ 3·12·u;
/// - models (accumulations up to k = 64, two or three layers, each multiplying the error by its
///   condition number): within 2e-5 ≈ 5·64·u.
/// Measured (AMD EPYC, OpenBLAS's default Haswell kernels): at most 1.6e-7 for the operations and
/// 4.4e-7 for the models (4.0e-7 with OPENBLAS_CORETYPE=SkylakeX); both tests print their largest
/// error. A Float path that used a wrong kernel, a less accurate exponential or a Double-only
/// branch gives errors of 1e-5 or more.
final class FloatPrecisionTests: XCTestCase {
    static let operationTolerance = 2e-6
    static let modelTolerance = 2e-5
    private var worstModelError = 0.0

    func testEveryOperationInFloatMatchesDouble() {
        let p = randomParameters([
            ("a", [3, 4]), ("at", [4, 3]), ("b", [4, 5]), ("row", [4]), ("col", [3, 1]), ("s", []),
            ("x", [2, 3, 4]), ("y", [2, 2, 4]), ("z", [2, 4, 3]), ("w", [2, 4]), ("bias", [2]),
            ("big", [12, 4]), ("e", [5, 3]), ("f", [4, 3]), ("u", [2, 3]),
        ], seed: 7, awayFromZero: 0.2)
        var worst = 0.0
        for op in PrecisionOperation.all {
            worst = max(worst, compare(p, tolerance: Self.operationTolerance, label: "\(op)", double: { op.apply($0) }, float: { op.apply($0) }))
        }
        print("operations: largest Float-vs-Double relative error", worst, "tolerance", Self.operationTolerance)
    }

    func testEveryModelInFloatMatchesDouble() {
        var rng = RandomGenerator(seed: 11)
        let x = Tensor<Double>.normal([16, 8], using: &rng)
        let labels = (0..<16).map { $0 % 5 }
        let tokens = (0..<(16 * 2)).map { _ in rng.int(below: 13) }
        worstModelError = 0
        defer { print("models: largest Float-vs-Double relative error", worstModelError, "tolerance", Self.modelTolerance) }
        for activation in Activation.allCases {
            for bias in [true, false] {
                check(MLP(widths: [8, 32, 32, 5], activation: activation, bias: bias), .features(x), labels, "MLP \(activation) bias \(bias)")
            }
            check(OneHotMLP(vocabulary: 13, hidden: 64, outputs: 13, activation: activation, initialization: .gromov),
                  .tokens(tokens, width: 2), tokens.enumerated().filter { $0.offset % 2 == 0 }.map { $0.element }, "one-hot MLP \(activation)")
        }
        check(MLP(widths: [26, 32, 13], activation: .relu, bias: true, inputVocabulary: 13), .tokens(tokens, width: 2),
              Array(labels.prefix(16)), "MLP on tokens")
        for activation in [Activation.relu, .gelu] {
            check(Transformer(vocabulary: 13, sequenceLength: 2, dModel: 32, heads: 4, dMLP: 64, outputs: 13, activation: activation),
                  .tokens(tokens, width: 2), labels, "transformer \(activation)")
        }
    }

    /// One model: its logits (forward values, and gradients of Σ R ⊙ logits), then the cross-entropy
    /// and mean-squared-error losses and their gradients.
    private func check(_ architecture: any Architecture, _ input: ModelInput<Double>, _ labels: [Int], _ label: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        var rng = RandomGenerator(seed: 3)
        let p = architecture.makeParameters(using: &rng, as: Double.self)
        let floatInput: ModelInput<Float>
        switch input {
        case let .features(t): floatInput = .features(t.converted(to: Float.self))
        case let .tokens(t, width): floatInput = .tokens(t, width: width)
        }
        let roundedInput: ModelInput<Double>
        switch floatInput {
        case let .features(t): roundedInput = .features(t.converted(to: Double.self))
        case let .tokens(t, width): roundedInput = .tokens(t, width: width)
        }
        worstModelError = max(worstModelError, compare(p, tolerance: Self.modelTolerance, label: "\(label) logits", file: file, line: line,
                                                       double: { architecture.forward(roundedInput, $0).output },
                                                       float: { architecture.forward(floatInput, $0).output }))
        for loss in [LossKind.crossEntropy, .mse] {
            worstModelError = max(worstModelError, compare(p, tolerance: Self.modelTolerance, label: "\(label) \(loss)", file: file, line: line,
                    double: { architecture.forward(roundedInput, $0).output.loss(loss, .labels(labels)) },
                    float: { architecture.forward(floatInput, $0).output.loss(loss, .labels(labels)) }))
        }
    }
}

/// Evaluates one graph in Float and in Double on the same (Float-rounded) parameters and compares
/// the outputs and the gradients of Σ R ⊙ output (R a fixed random tensor) under `tolerance`;
/// returns the largest relative error seen.
@discardableResult
private func compare(_ parameters: Parameters<Double>, tolerance: Double, label: String,
                     file: StaticString = #filePath, line: UInt = #line,
                     double: (ParameterVariables<Double>) -> Variable<Double>,
                     float: (ParameterVariables<Float>) -> Variable<Float>) -> Double {
    let pf = parameters.converted(to: Float.self), pd = pf.converted(to: Double.self)
    let td = Tape<Double>(), tf = Tape<Float>()
    let yd = double(td.bind(pd)), yf = float(tf.bind(pf))
    XCTAssertEqual(yd.shape, yf.shape, label, file: file, line: line)
    // A fixed random weighting makes every output entry matter to the gradient.
    var rng = RandomGenerator(seed: 5)
    let rf = Tensor<Float>.normal(yf.shape, using: &rng), rd = rf.converted(to: Double.self)
    let od = yd.shape.isEmpty ? yd : (yd * td.constant(rd)).sum()
    let of = yf.shape.isEmpty ? yf : (yf * tf.constant(rf)).sum()
    let gd = td.gradients(of: od), gf = tf.gradients(of: of)
    func relative(_ a: [Double], _ b: [Double]) -> Double {
        let diff = zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let norm = b.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        return norm == 0 ? diff : diff / norm
    }
    let forward = relative(yf.value.scalars.map(Double.init), yd.value.scalars)
    XCTAssertLessThanOrEqual(forward, tolerance, "\(label): Float forward differs from Double by \(forward) (relative)", file: file, line: line)
    var total = 0.0, worst = forward
    for name in parameters.names {
        guard let d = gd[name] else { continue }
        let f = gf[name]?.scalars.map(Double.init) ?? [Double](repeating: 0, count: d.count)
        let error = relative(f, d.scalars)
        XCTAssertLessThanOrEqual(error, tolerance, "\(label): Float gradient of \(name) differs by \(error) (relative)", file: file, line: line)
        total += d.scalars.reduce(0) { $0 + abs($1) }
        worst = max(worst, error)
    }
    XCTAssertGreaterThan(total, 0, "\(label): no gradient reached any parameter", file: file, line: line)
    return worst
}

/// The operations of `OperationGradientTests`, each written once, generically, for both precisions.
enum PrecisionOperation {
    case add, subtract, multiply, outer, divide, scalarAffine, negate, rank3Broadcast
    case matmul, matmulTransposedSelf, matmulTransposedOther, linearSmall, linearLarge, batchedMatmul, batchedMatmulTransposed
    case permute, reshapeTranspose, slice, concatenate, sum, mean, sumAlongAxis
    case softmax, logSoftmax, softmaxRank3, exp, log, gatherRows, crossEntropy, meanSquaredError
    case activation(Activation), embeddingSum(Activation), embeddingSumLinear(Activation, rowsPerRound: Int?)

    static var all: [PrecisionOperation] {
        let plain: [PrecisionOperation] = [
            .add, .subtract, .multiply, .outer, .divide, .scalarAffine, .negate, .rank3Broadcast,
            .matmul, .matmulTransposedSelf, .matmulTransposedOther, .linearSmall, .linearLarge, .batchedMatmul, .batchedMatmulTransposed,
            .permute, .reshapeTranspose, .slice, .concatenate, .sum, .mean, .sumAlongAxis,
            .softmax, .logSoftmax, .softmaxRank3, .exp, .log, .gatherRows, .crossEntropy, .meanSquaredError,
        ]
        return plain + Activation.allCases.flatMap { a in
            [.activation(a), .embeddingSum(a), .embeddingSumLinear(a, rowsPerRound: nil), .embeddingSumLinear(a, rowsPerRound: 2)]
        }
    }

    static let indices = [0, 1, 4, 3, 4, 3, 0, 1, 2, 2, 1, 0]

    func apply<S: BLASScalar>(_ v: ParameterVariables<S>) -> Variable<S> {
        switch self {
        case .add: return v["a"] + v["row"]
        case .subtract: return v["a"] - v["col"]
        case .multiply: return v["a"] * v["row"] * v["s"]
        case .outer: return v["col"] * v["row"]
        case .divide: return v["a"] / v["row"]
        case .scalarAffine: return (v["a"] * 2.5 + 1.0) * v["a"]
        case .negate: return -v["a"]
        case .rank3Broadcast: return v["x"] * v["col"] + v["row"]
        case .matmul: return v["a"].matmul(v["b"])
        case .matmulTransposedSelf: return v["at"].matmul(v["b"], transposeSelf: true)
        case .matmulTransposedOther: return v["a"].matmul(v["w"], transposeOther: true)
        case .linearSmall: return v["a"].linear(weight: v["w"], bias: v["bias"])
        case .linearLarge: return v["big"].linear(weight: v["w"], bias: v["bias"])
        case .batchedMatmul: return v["x"].batchedMatmul(v["z"])
        case .batchedMatmulTransposed: return v["x"].batchedMatmul(v["y"], transposeOther: true)
        case .permute: return v["x"].permuted([2, 0, 1])
        case .reshapeTranspose: return v["x"].reshaped([6, 4]).transposed()
        case .slice: return v["x"].slice(alongAxis: 1, 1..<3)
        case .concatenate: return Variable.concatenating([v["x"], v["y"]], alongAxis: 1)
        case .sum: return v["x"].sum()
        case .mean: return v["x"].mean()
        case .sumAlongAxis: return v["x"].sum(alongAxis: 1)
        case .softmax: return (v["a"] * 3.0).softmax()
        case .logSoftmax: return (v["a"] * 3.0).logSoftmax()
        case .softmaxRank3: return v["x"].softmax()
        case .exp: return v["a"].exp()
        case .log: return (v["a"] * v["a"] + 0.5).log()
        case .gatherRows: return v["e"].gatheringRows([0, 3, 3, 1, 0])
        case .crossEntropy: return (v["a"] * 3.0).crossEntropy(labels: [0, 2, 1])
        case .meanSquaredError: return v["a"].loss(.mse, .labels([0, 2, 3]))
        case let .activation(a): return v["a"].activated(a)
        case let .embeddingSum(a): return Variable.embeddingSum([v["e"], v["f"]], indices: Array(Self.indices.prefix(8)), activation: a)
        case let .embeddingSumLinear(a, rows):
            return Variable.embeddingSumLinear([v["e"], v["f"]], indices: Self.indices, activation: a, weight: v["u"], rowsPerRound: rows).output
        }
    }
}
