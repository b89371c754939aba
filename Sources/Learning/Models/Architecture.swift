import Tensors

/// A model's input batch in a given precision.
public enum ModelInput<Scalar: BLASScalar> {
    /// Integer tokens, row-major n × width.
    case tokens([Int], width: Int)
    /// Real features, n × d.
    case features(Tensor<Scalar>)

    /// The number of examples.
    public var count: Int {
        switch self {
        case let .tokens(t, width): return width == 0 ? 0 : t.count / width
        case let .features(x): return x.shape[0]
        }
    }

    /// The inputs of `examples` (tokens when it has tokens, else features).
    public init(_ examples: Examples) {
        if examples.features.isEmpty {
            self = .tokens(examples.tokens, width: examples.inputWidth)
        } else {
            self = .features(Tensor(shape: [examples.count, examples.inputWidth], scalars: examples.features.map { Scalar($0) }))
        }
    }
}

/// The result of a forward pass: the outputs [n, outputs] and the hidden representations
/// (post-activation, one [n, width] variable per hidden layer), for CKA and probing.
public struct ForwardPass<Scalar: BLASScalar> {
    public var output: Variable<Scalar>
    public var hidden: [Variable<Scalar>]
}

/// A network architecture: how to create its parameters and how to compute its outputs from
/// them. Parameters are named; the names are the keys of optimizer state and checkpoints.
public protocol Architecture: Sendable {
    /// A one-line description ("one-hot MLP 2×97 → 500 (quadratic) → 97").
    var summary: String { get }
    /// Fresh parameters drawn with `rng`.
    func makeParameters<S: BLASScalar>(using rng: inout RandomGenerator, as _: S.Type) -> Parameters<S>
    /// The forward computation on the tape of `parameters`.
    func forward<S: BLASScalar>(_ input: ModelInput<S>, _ parameters: ParameterVariables<S>) -> ForwardPass<S>
}
