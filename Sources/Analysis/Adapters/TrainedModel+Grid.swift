import Learning
import Tensors

/// The inputs of a two-operand task over Z_p laid out as a grid: row a·p + b is the input (a, b).
/// Analyses over every input (restricted and excluded loss, the extracted program, the Fourier
/// sparsity of neuron activations) read a network through this layout.
public struct ModularGrid: Sendable, Equatable {
    public let p: Int
    /// The label of every grid row, from the dataset's training and test examples.
    public let labels: [Int]
    /// The grid rows of the training examples.
    public let trainRows: [Int]
}

extension TrainedModel {
    /// The grid of a classification task with two tokens over Z_p and p classes whose training and
    /// test examples together hold every pair (a, b) once; nil otherwise.
    public var modularGrid: ModularGrid? {
        guard let p = dataset.vocabulary, dataset.inputWidth == 2, dataset.classes == p else { return nil }
        var labels = [Int](repeating: -1, count: p * p)
        func rows(_ e: Examples) -> [Int]? {
            guard e.tokens.count == 2 * e.count, e.labels.count == e.count else { return nil }
            return (0..<e.count).map { e.tokens[2 * $0] * p + e.tokens[2 * $0 + 1] }
        }
        guard let train = rows(dataset.train), let test = rows(dataset.test) else { return nil }
        for (r, y) in zip(train + test, dataset.train.labels + dataset.test.labels) {
            guard labels[r] == -1 else { return nil }
            labels[r] = y
        }
        guard !labels.contains(-1) else { return nil }
        return ModularGrid(p: p, labels: labels, trainRows: train)
    }

    /// The logits (p² × p) and the last hidden layer's activations (p² × width) on every grid
    /// input, at `flat` (nil = the current parameters).
    public func gridForward(_ grid: ModularGrid, at flat: [Double]? = nil) -> (logits: Tensor<Double>, activations: Tensor<Double>?) {
        forwardOnEveryPair(p: grid.p, at: flat)
    }

    /// The training core's forward pass on every pair (a, b) ∈ Z_p², row a·p + b, whether or not
    /// the dataset holds them all: the outputs and the last hidden layer's activations.
    public func forwardOnEveryPair(p: Int, at flat: [Double]? = nil) -> (logits: Tensor<Double>, activations: Tensor<Double>?) {
        var tokens = [Int]()
        tokens.reserveCapacity(2 * p * p)
        for a in 0..<p { for b in 0..<p { tokens += [a, b] } }
        let tape = Tape<Double>()
        let pass = architecture.forward(.tokens(tokens, width: 2), tape.bind(parameters(at: flat), differentiable: false))
        return (pass.output.value, pass.hidden.last?.value)
    }

    /// The model's loss given grid logits, on the grid rows `rows`.
    public func gridLoss(_ logits: Tensor<Double>, rows: [Int], grid: ModularGrid) -> Double {
        let tape = Tape<Double>()
        let outputs = tape.constant(logits.gatheringRows(rows))
        return outputs.loss(loss, .labels(rows.map { grid.labels[$0] })).value.scalar
    }
}
