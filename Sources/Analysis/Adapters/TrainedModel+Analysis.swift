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

extension DenseMatrix {
    /// The same matrix as a rank-2 tensor's row-major values.
    public init(_ tensor: Tensor<Double>) {
        precondition(tensor.shape.count == 2, "a matrix needs a rank-2 tensor")
        self.init(rows: tensor.shape[0], columns: tensor.shape[1], values: tensor.scalars)
    }
}

extension TrainedModel {
    /// The model as Gromov's f(a, b) = W·(U·[onehot(a); onehot(b)])² when it is a one-hot pair MLP
    /// with quadratic activation on a task over Z_p with two input tokens; nil otherwise.
    public func gromovMLP(at flat: [Double]? = nil) -> GromovMLP? {
        // The program is read off the squares of the pre-activations; another activation would
        // give a program that is not what the network computes.
        guard hiddenActivation == .quadratic else { return nil }
        var copy = self
        if let flat { copy.setFlatParameters(flat) }
        guard let (u, w) = copy.oneHotWeights, let p = dataset.vocabulary, dataset.inputWidth == 2,
              u.shape[1] == 2 * p, w.shape[0] == p else { return nil }
        return GromovMLP(p: p, u: DenseMatrix(u), w: DenseMatrix(w))
    }

    /// The token embedding whose Fourier spectrum over Z_p grokking collapses onto a few
    /// frequencies. For a one-hot pair MLP, a p×(positions·hidden) matrix: row a holds the weights
    /// that token a feeds into every neuron from each input position, side by side. For a
    /// transformer, W_E's rows of the p tokens (the "=" row left out), p × d_model.
    public func tokenEmbedding(at flat: [Double]? = nil) -> DenseMatrix? {
        let p = parameters(at: flat)
        if architecture is Transformer, let tokens = dataset.vocabulary {
            let e = p["embed"], d = e.shape[1]
            return DenseMatrix(rows: tokens, columns: d, values: Array(e.scalars[0..<(tokens * d)]))
        }
        guard let positions = embeddingPositions else { return nil }
        let blocks = positions.map { DenseMatrix(p[$0]) }
        let rows = blocks[0].rows, width = blocks[0].columns
        var values = [Double](repeating: 0, count: rows * width * blocks.count)
        for a in 0..<rows {
            for (b, block) in blocks.enumerated() {
                for k in 0..<width { values[(a * blocks.count + b) * width + k] = block.values[a * width + k] }
            }
        }
        return DenseMatrix(rows: rows, columns: width * blocks.count, values: values)
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

    /// A one-hidden-layer ReLU MLP with biases as a plain ReLU network (weights and biases
    /// copied); nil for other architectures and activations (a tanh unit is never "dead").
    public func reluNetwork() -> ReLUNetwork? {
        guard hiddenActivation == .relu, let weights = mlpWeights, weights.count == 2, parameterLayout.contains(where: { $0.name == "layer0.bias" }) else { return nil }
        return ReLUNetwork(
            w1: DenseMatrix(weights[0]), b1: parameters["layer0.bias"].scalars,
            w2: DenseMatrix(weights[1]), b2: parameters["layer1.bias"].scalars)
    }

    /// The training inputs as a dense n×d matrix (real-valued tasks only).
    public func trainingInputs() -> DenseMatrix? {
        let train = dataset.train
        guard dataset.vocabulary == nil, train.features.count == train.count * train.inputWidth else { return nil }
        return DenseMatrix(rows: train.count, columns: train.inputWidth, values: train.features)
    }
}
