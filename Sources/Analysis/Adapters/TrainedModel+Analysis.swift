import Learning
import Tensors

/// A trained model's mean training loss as an `Objective`, so SGLD, Hessians and Lanczos can run
/// on any network the training core trains, through its tape, in Double or in Float
/// (`TrainedModelObjective(model, precision: Float.self)`).
public struct TrainedModelObjective<Scalar: BLASScalar>: Objective {
    public let model: TrainedModel
    /// The model's parameters in `Scalar`: the names and shapes that a flat vector fills.
    private let layout: Parameters<Scalar>

    /// The objective in Double precision.
    public init(_ model: TrainedModel) where Scalar == Double { self.init(model, precision: Double.self) }

    /// The objective in the given precision.
    public init(_ model: TrainedModel, precision _: Scalar.Type) {
        self.model = model
        layout = model.parameters.converted(to: Scalar.self)
    }

    public var dimension: Int { model.parameterCount }
    public var sampleCount: Int { model.dataset.train.count }

    public func loss(at w: [Scalar], batch: [Int]?) -> Double { model.loss(parameters(w), indices: batch) }

    public func lossAndGradient(at w: [Scalar], batch: [Int]?) -> (loss: Double, gradient: [Scalar]) {
        let p = parameters(w)
        let (loss, gradients) = model.lossAndGradient(p, indices: batch)
        return (loss, gradients.flatScalars(like: p))
    }

    private func parameters(_ w: [Scalar]) -> Parameters<Scalar> {
        var p = layout
        p.setFlatScalars(w)
        return p
    }
}

extension TrainedModel {
    /// The weights of the model read as Gromov's f(a, b) = W·(U·[onehot(a); onehot(b)])² when it is a
    /// one-hot pair MLP with quadratic activation on a task over Z_p with two input tokens; nil
    /// otherwise.
    public func gromovMLP(at flat: [Double]? = nil) -> GromovMLP? {
        // The program is read off the squares of the pre-activations; another activation would
        // give a program that is not what the network computes.
        guard hiddenActivation == .quadratic else { return nil }
        var copy = self
        if let flat { copy.setFlatParameters(flat) }
        guard let (u, w) = copy.oneHotWeights, let p = dataset.vocabulary, dataset.inputWidth == 2,
              u.shape[1] == 2 * p, w.shape[0] == p else { return nil }
        return GromovMLP(p: p, u: u, w: w)
    }

    /// The token embedding whose Fourier spectrum over Z_p grokking collapses onto a few
    /// frequencies. For a one-hot pair MLP, a p×(positions·hidden) matrix: row a holds the weights
    /// that token a feeds into every neuron from each input position, side by side. For a
    /// transformer, W_E's rows of the p tokens (the "=" row left out), p × d_model.
    public func tokenEmbedding(at flat: [Double]? = nil) -> Tensor<Double>? {
        let p = parameters(at: flat)
        if architecture is Transformer, let tokens = dataset.vocabulary {
            return p["embed"].slice(alongAxis: 0, 0..<tokens)
        }
        guard let positions = embeddingPositions else { return nil }
        return Tensor.concatenating(positions.map { p[$0] }, alongAxis: 1)
    }

    /// Names of the per-position embedding tables `input.t` of a one-hot MLP, in order.
    private var embeddingPositions: [String]? {
        let names = parameterLayout.map(\.name).filter { $0.hasPrefix("input.") }
        return names.isEmpty ? nil : names
    }

    /// The hidden layers' activation of an MLP or one-hot MLP; nil for other architectures.
    public var hiddenActivation: Activation? {
        switch architecture {
        case let mlp as MLP: mlp.activation
        case let oneHot as OneHotMLP: oneHot.activation
        default: nil
        }
    }
}
