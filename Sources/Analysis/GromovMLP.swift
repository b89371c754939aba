import Tensors

/// The weights of the modular-addition MLP of Gromov (2023) / Doshi et al., f(x) = W·(U x)² with
/// x = [onehot(a); onehot(b)] ∈ R^{2p}, U: N × 2p, W: p × N, no biases, laid out as
/// `extractProgram` reads them. On input (a, b) neuron k's pre-activation is U[k, a] + U[k, p + b].
///
/// A view of a trained `OneHotMLP`'s parameters (`TrainedModel.gromovMLP(at:)`), not a network:
/// the outputs and hidden activations always come from the training core's forward pass
/// (`TrainedModel.gridForward`).
public struct GromovMLP: Sendable, Equatable {
    public let p: Int
    /// N × 2p input weights.
    public let u: Tensor<Double>
    /// p × N output weights.
    public let w: Tensor<Double>

    public init(p: Int, u: Tensor<Double>, w: Tensor<Double>) {
        precondition(u.rank == 2 && w.rank == 2 && u.shape[1] == 2 * p && w.shape[0] == p && w.shape[1] == u.shape[0],
                     "GromovMLP: U \(u.shape) and W \(w.shape) for p = \(p)")
        self.p = p
        self.u = u
        self.w = w
    }

    public var width: Int { u.shape[0] }

    /// The first operand's embedding, p × N: row a is U[·, a] (the input weights seen by token a).
    /// Its `frequencyNorms` is the Fourier spectrum of the a-side weights.
    public var embeddingA: Tensor<Double> { u.slice(alongAxis: 1, 0..<p).transposed() }

    /// The second operand's embedding, p × N: row b is U[·, p + b].
    public var embeddingB: Tensor<Double> { u.slice(alongAxis: 1, p..<(2 * p)).transposed() }
}
