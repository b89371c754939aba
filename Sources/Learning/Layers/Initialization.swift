import Tensors

/// How weights are drawn.
///
/// - `framework(scale:)`: PyTorch's defaults multiplied by `scale`: a Linear layer's weight and bias
///   are U(−b, b) with b = 1/√fan_in (Kaiming-uniform with a = √5); an embedding table is N(0, 1).
/// - `normal(std:)`: every weight N(0, std²); biases start at zero.
/// - `gromov`: N(0, σ²) with σ = 0.5/(2N)^{1/3} for every weight, N the hidden width
///   (Gromov 2023 / Doshi et al., see docs/references.md); biases start at zero.
public enum WeightInit: Sendable, Equatable {
    case framework(scale: Double)
    case normal(std: Double)
    case gromov

    /// A Linear weight [out, in] and its bias [out].
    func linear<S: BLASScalar>(out: Int, in fanIn: Int, hidden: Int, rng: inout RandomGenerator) -> (Tensor<S>, Tensor<S>) {
        switch self {
        case let .framework(scale):
            let b = scale / Double(fanIn).squareRoot()
            let w = Tensor<S>.uniform([out, fanIn], low: -b, high: b, using: &rng)
            let bias = Tensor<S>.uniform([out], low: -b, high: b, using: &rng)
            return (w, bias)
        case let .normal(std):
            return (Tensor<S>.normal([out, fanIn], std: std, using: &rng), Tensor<S>.zeros([out]))
        case .gromov:
            return (Tensor<S>.normal([out, fanIn], std: Self.gromovStd(hidden), using: &rng), Tensor<S>.zeros([out]))
        }
    }

    /// An embedding table [vocabulary, width].
    func embedding<S: BLASScalar>(vocabulary: Int, width: Int, hidden: Int, rng: inout RandomGenerator) -> Tensor<S> {
        switch self {
        case let .framework(scale): return Tensor<S>.normal([vocabulary, width], std: scale, using: &rng)
        case let .normal(std): return Tensor<S>.normal([vocabulary, width], std: std, using: &rng)
        case .gromov: return Tensor<S>.normal([vocabulary, width], std: Self.gromovStd(hidden), using: &rng)
        }
    }

    /// σ = 0.5/(2N)^{1/3}.
    public static func gromovStd(_ hidden: Int) -> Double { 0.5 / cubeRoot(2 * Double(hidden)) }
}

/// ∛x for x ≥ 0 by Newton's method from +, ×, ÷ (deterministic everywhere).
@usableFromInline
func cubeRoot(_ x: Double) -> Double {
    if x == 0 { return 0 }
    var y = x > 1 ? x / 3 : 1.0
    for _ in 0..<200 {
        let next = (2 * y + x / (y * y)) / 3
        if next == y { break }
        y = next
    }
    return y
}
