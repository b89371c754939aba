import Learning
import Tensors

/// Dead units of a one-hidden-layer ReLU MLP, f(x) = W2·relu(W1·x + b1) + b2: unit j is dead on a
/// dataset when relu((W1·x + b1)_j) = 0, i.e. its pre-activation is ≤ 0, for every input x. A dead
/// unit contributes 0 to every output, so removing it (its row of W1, entry of b1 and column of
/// W2) leaves the function on that data unchanged: the network acts as a smaller one (a degeneracy
/// of the parameter–function map). Activations and outputs come from the training core's forward
/// pass; the smaller network is a Learning `MLP` like any other.
public struct PruningReport: Sendable {
    /// Indices of the dead hidden units (ascending).
    public var deadUnits: [Int]
    /// The hidden width of the original network.
    public var hiddenCount: Int
    /// The network without them, an MLP of width `hiddenCount − deadUnits.count`; nil when every
    /// unit is dead (the function is then the constant b2, which no MLP layer of width 0 holds).
    public var pruned: TrainedModel?
    /// Parameter count of the original network, hidden·(in + 1 + out) + out.
    public var nominalParameterCount: Int
    /// Parameter count without the dead units (each removes in + 1 + out parameters).
    public var effectiveParameterCount: Int
    /// max |f(x) − f_pruned(x)| over the inputs and outputs; zero up to rounding.
    public var maxAbsOutputDifference: Double
}

extension TrainedModel {
    /// The architecture when it is an MLP with one hidden ReLU layer and biases, the network
    /// dead-unit pruning applies to; nil otherwise (a tanh or GELU unit is never exactly silent).
    public var oneHiddenLayerReLUMLP: MLP? {
        guard let mlp = architecture as? MLP, mlp.depth == 2, mlp.activation == .relu, mlp.bias else { return nil }
        return mlp
    }

    /// The hidden units whose ReLU output is 0 on every one of `inputs` (ascending); nil unless
    /// `oneHiddenLayerReLUMLP` applies.
    public func deadUnits(on inputs: ModelInput<Double>) -> [Int]? {
        guard oneHiddenLayerReLUMLP != nil else { return nil }
        let hidden = hiddenActivations(input: inputs)[0]
        let n = hidden.shape[0], width = hidden.shape[1]
        return (0..<width).filter { j in (0..<n).allSatisfy { hidden.scalars[$0 * width + j] == 0 } }
    }

    /// The network with only the hidden units `kept` (rows of W1 and b1, columns of W2, in the
    /// order given), as a Learning MLP with the same data and loss; nil unless
    /// `oneHiddenLayerReLUMLP` applies or when `kept` is empty.
    public func keepingHiddenUnits(_ kept: [Int]) -> TrainedModel? {
        guard let mlp = oneHiddenLayerReLUMLP, !kept.isEmpty else { return nil }
        var smaller = mlp
        smaller.widths[1] = kept.count
        var p = Parameters<Double>()
        p.append("layer0.weight", parameters["layer0.weight"].gatheringRows(kept))
        p.append("layer0.bias", parameters["layer0.bias"].gatheringRows(kept))
        p.append("layer1.weight", parameters["layer1.weight"].transposed().gatheringRows(kept).transposed())
        p.append("layer1.bias", parameters["layer1.bias"])
        return TrainedModel(architecture: smaller, parameters: p, loss: loss, dataset: dataset)
    }

    /// Finds the dead units on the training inputs, removes them and measures how far the smaller
    /// network's outputs move (both through the training core's forward pass); nil unless
    /// `oneHiddenLayerReLUMLP` applies.
    public func pruneDeadUnits() -> PruningReport? {
        let inputs = ModelInput<Double>(dataset.train)
        guard let mlp = oneHiddenLayerReLUMLP, let dead = deadUnits(on: inputs) else { return nil }
        let width = mlp.widths[1], perUnit = mlp.widths[0] + 1 + mlp.widths[2]
        let removed = Set(dead)
        let pruned = keepingHiddenUnits((0..<width).filter { !removed.contains($0) })
        let full = outputs(input: inputs)
        // With no unit left the function is the output bias alone.
        let small = pruned?.outputs(input: inputs) ?? Tensor.zeros(full.shape) + parameters["layer1.bias"]
        let difference = zip(full.scalars, small.scalars).reduce(0.0) { Swift.max($0, abs($1.0 - $1.1)) }
        return PruningReport(deadUnits: dead, hiddenCount: width, pruned: pruned, nominalParameterCount: parameterCount,
                             effectiveParameterCount: parameterCount - dead.count * perUnit, maxAbsOutputDifference: difference)
    }
}
