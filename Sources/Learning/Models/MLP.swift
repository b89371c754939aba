import Tensors

/// A multilayer perceptron: widths [d₀, h₁, …, h_L, d_out]; hidden layer ℓ computes
/// act(x·Wℓᵀ + bℓ) and the last layer is linear. Parameters `layer{ℓ}.weight` [out, in] and
/// `layer{ℓ}.bias` [out] (when `bias`). Token inputs are one-hot encoded densely first
/// (`inputVocabulary` set), so d₀ = tokens per example × vocabulary.
///
/// A deep linear network is an MLP with `identity` activation and no biases.
public struct MLP: Architecture, Equatable {
    public var widths: [Int]
    public var activation: Activation
    public var bias: Bool
    public var initialization: WeightInit
    public var inputVocabulary: Int?

    public init(widths: [Int], activation: Activation, bias: Bool = true, initialization: WeightInit = .framework(scale: 1),
                inputVocabulary: Int? = nil) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 }, "MLP: widths \(widths)")
        self.widths = widths; self.activation = activation; self.bias = bias
        self.initialization = initialization; self.inputVocabulary = inputVocabulary
    }

    public var summary: String {
        "MLP " + widths.map(String.init).joined(separator: " → ") + " (\(activation.rawValue)\(bias ? "" : ", no bias"))"
    }

    /// The number of weight layers.
    public var depth: Int { widths.count - 1 }

    public func makeParameters<S: BLASScalar>(using rng: inout RandomGenerator, as _: S.Type) -> Parameters<S> {
        var p = Parameters<S>()
        for l in 0..<depth {
            let hidden = l + 1 < widths.count - 1 ? widths[l + 1] : widths[l]
            let (w, b): (Tensor<S>, Tensor<S>) = initialization.linear(out: widths[l + 1], in: widths[l], hidden: hidden, rng: &rng)
            p.append("layer\(l).weight", w)
            if bias { p.append("layer\(l).bias", b) }
        }
        return p
    }

    public func forward<S: BLASScalar>(_ input: ModelInput<S>, _ p: ParameterVariables<S>) -> ForwardPass<S> {
        let tape = p[("layer0.weight")].tape
        let x0: Tensor<S>
        switch input {
        case let .features(x): x0 = x
        case let .tokens(t, width):
            guard let v = inputVocabulary else { preconditionFailure("MLP: token inputs need inputVocabulary") }
            x0 = oneHotFeatures(t, width: width, vocabulary: v)
        }
        precondition(x0.rank == 2 && x0.shape[1] == widths[0], "MLP: input \(x0.shape), expected width \(widths[0])")
        var x = tape.constant(x0)
        var hidden: [Variable<S>] = []
        for l in 0..<depth {
            x = x.linear(weight: p["layer\(l).weight"], bias: bias ? p["layer\(l).bias"] : nil)
            if l < depth - 1 {
                x = x.activated(activation)
                hidden.append(x)
            }
        }
        return ForwardPass(output: x, hidden: hidden)
    }

    /// The weight matrices W₀ … W_{L−1} ([out, in]) from `parameters`.
    public func weights<S: BLASScalar>(_ parameters: Parameters<S>) -> [Tensor<S>] {
        (0..<depth).map { parameters["layer\($0).weight"] }
    }
}
