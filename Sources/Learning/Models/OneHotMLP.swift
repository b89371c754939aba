import Tensors

/// The one-hot pair MLP of the grokking experiments: f(x) = W·act(U·[onehot(x₁); …; onehot(x_k)])
/// with no biases, computed as act(Σₜ Uₜ[xₜ]) by embedding look-ups and the output product in one tape operation
/// (`Variable.embeddingSumLinear`).
///
/// Parameters: `input.{t}` [vocabulary, hidden] for each input position t (the columns of U that
/// multiply onehot(xₜ), transposed) and `output` [outputs, hidden] (W). With `framework` init the
/// tables are N(0, scale²) as PyTorch's `Embedding` and W is U(±scale/√hidden) as its `Linear`.
public struct OneHotMLP: Architecture, Equatable {
    public var vocabulary: Int
    public var inputs: Int
    public var hidden: Int
    public var outputs: Int
    public var activation: Activation
    public var initialization: WeightInit

    public init(vocabulary: Int, inputs: Int = 2, hidden: Int, outputs: Int, activation: Activation,
                initialization: WeightInit = .framework(scale: 1)) {
        precondition(vocabulary > 0 && inputs > 0 && hidden > 0 && outputs > 0, "OneHotMLP: sizes must be positive")
        self.vocabulary = vocabulary; self.inputs = inputs; self.hidden = hidden; self.outputs = outputs
        self.activation = activation; self.initialization = initialization
    }

    public var summary: String {
        "one-hot MLP \(inputs)×\(vocabulary) → \(hidden) (\(activation.rawValue)) → \(outputs), no biases"
    }

    public func makeParameters<S: BLASScalar>(using rng: inout RandomGenerator, as _: S.Type) -> Parameters<S> {
        var p = Parameters<S>()
        for t in 0..<inputs {
            p.append("input.\(t)", initialization.embedding(vocabulary: vocabulary, width: hidden, hidden: hidden, rng: &rng) as Tensor<S>)
        }
        let (w, _): (Tensor<S>, Tensor<S>) = initialization.linear(out: outputs, in: hidden, hidden: hidden, rng: &rng)
        p.append("output", w)
        return p
    }

    public func forward<S: BLASScalar>(_ input: ModelInput<S>, _ p: ParameterVariables<S>) -> ForwardPass<S> {
        guard case let .tokens(tokens, width) = input, width == inputs else {
            preconditionFailure("OneHotMLP: expects \(inputs) tokens per example")
        }
        let tables = (0..<inputs).map { p["input.\($0)"] }
        let (h, y) = Variable.embeddingSumLinear(tables, indices: tokens, activation: activation, weight: p["output"])
        return ForwardPass(output: y, hidden: [h])
    }

    /// U as one matrix [hidden, inputs·vocabulary]: U[k, t·vocabulary + n] = input.t[n, k].
    public func inputWeights<S: BLASScalar>(_ parameters: Parameters<S>) -> Tensor<S> {
        Tensor.concatenating((0..<inputs).map { parameters["input.\($0)"].transposed() }, alongAxis: 1)
    }

    /// W [outputs, hidden].
    public func outputWeights<S: BLASScalar>(_ parameters: Parameters<S>) -> Tensor<S> { parameters["output"] }
}
