import Tensors

/// A trained network with its data and loss, in Double precision: the interface the analysis
/// module works through (flat parameter vectors, losses and gradients, outputs, hidden
/// activations and weight matrices).
public struct TrainedModel: Sendable {
    public let architecture: any Architecture
    public var parameters: Parameters<Double>
    public let loss: LossKind
    public let dataset: Dataset

    public init(architecture: any Architecture, parameters: Parameters<Double>, loss: LossKind, dataset: Dataset) {
        self.architecture = architecture; self.parameters = parameters; self.loss = loss; self.dataset = dataset
    }

    /// The number of scalar parameters d.
    public var parameterCount: Int { parameters.count }

    /// Parameter names and shapes in flat-vector order.
    public var parameterLayout: [(name: String, shape: [Int])] {
        zip(parameters.names, parameters.tensors).map { ($0, $1.shape) }
    }

    /// The parameters as one vector (parameter order, each tensor row-major).
    public func flatParameters() -> [Double] { parameters.flattened() }

    /// Overwrites the parameters from a flat vector.
    public mutating func setFlatParameters(_ flat: [Double]) { parameters.setFlattened(flat) }

    /// These parameters, or those of `flat` when given.
    public func parameters(at flat: [Double]?) -> Parameters<Double> {
        guard let flat else { return parameters }
        var p = parameters
        p.setFlattened(flat)
        return p
    }

    /// The mean training loss over the training examples at `indices` (nil = all) and its gradient
    /// with respect to the flat parameters, at `flat`.
    public func lossAndGradient(at flat: [Double], indices: [Int]? = nil) -> (loss: Double, gradient: [Double]) {
        let p = parameters(at: flat)
        let examples = indices.map { dataset.train.subset($0) } ?? dataset.train
        let tape = Tape<Double>()
        let vars = tape.bind(p)
        let out = architecture.forward(ModelInput<Double>(examples), vars).output
        let l = out.loss(loss, targets(examples, as: Double.self))
        let g = tape.gradients(of: l)
        return (l.value.scalar, g.flattened(like: p))
    }

    /// The mean training loss over the training examples at `indices` (nil = all) and its gradient,
    /// at parameters `p` of any precision (e.g. this model's converted to Float for SGLD).
    public func lossAndGradient<S: BLASScalar>(_ p: Parameters<S>, indices: [Int]? = nil) -> (loss: Double, gradient: Gradients<S>) {
        let examples = indices.map { dataset.train.subset($0) } ?? dataset.train
        let tape = Tape<S>()
        let out = architecture.forward(ModelInput<S>(examples), tape.bind(p)).output
        let l = out.loss(loss, targets(examples, as: S.self))
        return (Double(l.value.scalar), tape.gradients(of: l))
    }

    /// The mean training loss at parameters `p` of any precision over the examples at `indices`.
    public func loss<S: BLASScalar>(_ p: Parameters<S>, indices: [Int]? = nil) -> Double {
        let examples = indices.map { dataset.train.subset($0) } ?? dataset.train
        let tape = Tape<S>()
        let out = architecture.forward(ModelInput<S>(examples), tape.bind(p, differentiable: false)).output
        return Double(out.loss(loss, targets(examples, as: S.self)).value.scalar)
    }

    /// The mean training loss at `flat` over the training examples at `indices` (nil = all).
    public func loss(at flat: [Double]? = nil, indices: [Int]? = nil) -> Double {
        let examples = indices.map { dataset.train.subset($0) } ?? dataset.train
        return loss(at: flat, on: examples)
    }

    /// The mean loss at `flat` on any examples (e.g. `dataset.test`).
    public func loss(at flat: [Double]? = nil, on examples: Examples) -> Double {
        let tape = Tape<Double>()
        let out = architecture.forward(ModelInput<Double>(examples), tape.bind(parameters(at: flat), differentiable: false)).output
        return out.loss(loss, targets(examples, as: Double.self)).value.scalar
    }

    /// The network's outputs [n, outputs] on `input` at `flat` (nil = the current parameters).
    public func outputs(at flat: [Double]? = nil, input: ModelInput<Double>) -> Tensor<Double> {
        let tape = Tape<Double>()
        return architecture.forward(input, tape.bind(parameters(at: flat), differentiable: false)).output.value
    }

    /// The outputs on `examples`.
    public func outputs(at flat: [Double]? = nil, on examples: Examples) -> Tensor<Double> {
        outputs(at: flat, input: ModelInput(examples))
    }

    /// The hidden representations (post-activation, one [n, width] matrix per hidden layer).
    public func hiddenActivations(at flat: [Double]? = nil, input: ModelInput<Double>) -> [Tensor<Double>] {
        let tape = Tape<Double>()
        return architecture.forward(input, tape.bind(parameters(at: flat), differentiable: false)).hidden.map(\.value)
    }

    /// Classification accuracy on `examples` (NaN for regression tasks).
    public func accuracy(at flat: [Double]? = nil, on examples: Examples) -> Double {
        guard dataset.isClassification else { return .nan }
        return Learning.accuracy(outputs(at: flat, on: examples), labels: examples.labels)
    }

    /// The weight matrices [out, in] of an MLP or deep linear network, first layer first.
    public var mlpWeights: [Tensor<Double>]? {
        (architecture as? MLP)?.weights(parameters)
    }

    /// For a one-hot MLP: U [hidden, inputs·vocabulary] and W [outputs, hidden].
    public var oneHotWeights: (input: Tensor<Double>, output: Tensor<Double>)? {
        guard let a = architecture as? OneHotMLP else { return nil }
        return (a.inputWeights(parameters), a.outputWeights(parameters))
    }
}

/// The targets of `examples` for the loss: labels for classification, values otherwise.
public func targets<S: BLASScalar>(_ examples: Examples, as _: S.Type) -> Targets<S> {
    if !examples.labels.isEmpty || examples.targets.isEmpty { return .labels(examples.labels) }
    let width = examples.count == 0 ? 0 : examples.targets.count / examples.count
    return .values(Tensor(shape: [examples.count, width], scalars: examples.targets.map { S($0) }))
}
