import Tensors

/// A one-layer attention-only-plus-MLP transformer as in Nanda et al. 2023 (progress measures for
/// grokking): no LayerNorm, causal attention, logits read at the last position.
///
/// The input tokens of an example (x₁ … x_k) are followed by an "=" token (id = vocabulary), so the
/// sequence has T = k + 1 positions. With residual stream x ∈ ℝ^{T×d}:
///   x₀ = W_E[tokens] + W_pos;
///   per head h: qₕ = x₀W_Qₕᵀ, kₕ = x₀W_Kₕᵀ, vₕ = x₀W_Vₕᵀ, Aₕ = softmax(qₕkₕᵀ/√d_head + causal mask),
///   x₁ = x₀ + concatₕ(Aₕvₕ)·W_Oᵀ;
///   x₂ = x₁ + act(x₁W_inᵀ + b_in)·W_outᵀ + b_out;
///   logits = x₂[T−1]·W_Uᵀ.
/// Parameters: `embed` [vocabulary+1, d], `pos` [T, d], `attn.q`, `attn.k`, `attn.v` [heads·d_head, d],
/// `attn.o` [d, heads·d_head], `mlp.in` [d_mlp, d], `mlp.in_bias` [d_mlp], `mlp.out` [d, d_mlp],
/// `mlp.out_bias` [d], `unembed` [outputs, d]. Default init: every weight N(0, scale²/d) as in
/// Nanda et al.'s code, biases zero.
public struct Transformer: Architecture, Equatable {
    public var vocabulary: Int
    public var sequenceLength: Int
    public var dModel: Int
    public var heads: Int
    public var dMLP: Int
    public var outputs: Int
    public var activation: Activation
    public var initialization: WeightInit

    public init(vocabulary: Int, sequenceLength: Int, dModel: Int, heads: Int, dMLP: Int, outputs: Int,
                activation: Activation = .relu, initialization: WeightInit = .framework(scale: 1)) {
        precondition(dModel % heads == 0, "Transformer: d_model must be divisible by heads")
        self.vocabulary = vocabulary; self.sequenceLength = sequenceLength; self.dModel = dModel; self.heads = heads
        self.dMLP = dMLP; self.outputs = outputs; self.activation = activation; self.initialization = initialization
    }

    public var summary: String {
        "transformer d_model \(dModel), \(heads) heads, d_mlp \(dMLP) (\(activation.rawValue)), vocabulary \(vocabulary)"
    }

    var dHead: Int { dModel / heads }
    var positions: Int { sequenceLength + 1 }

    public func makeParameters<S: BLASScalar>(using rng: inout RandomGenerator, as _: S.Type) -> Parameters<S> {
        let std: Double
        switch initialization {
        case let .framework(scale): std = scale / Double(dModel).squareRoot()
        case let .normal(s): std = s
        case .gromov: std = WeightInit.gromovStd(dModel)
        }
        var p = Parameters<S>()
        func w(_ name: String, _ shape: [Int]) { p.append(name, Tensor<S>.normal(shape, std: std, using: &rng)) }
        w("embed", [vocabulary + 1, dModel])
        w("pos", [positions, dModel])
        w("attn.q", [dModel, dModel]); w("attn.k", [dModel, dModel]); w("attn.v", [dModel, dModel])
        w("attn.o", [dModel, dModel])
        w("mlp.in", [dMLP, dModel]); p.append("mlp.in_bias", Tensor<S>.zeros([dMLP]))
        w("mlp.out", [dModel, dMLP]); p.append("mlp.out_bias", Tensor<S>.zeros([dModel]))
        w("unembed", [outputs, dModel])
        return p
    }

    public func forward<S: BLASScalar>(_ input: ModelInput<S>, _ p: ParameterVariables<S>) -> ForwardPass<S> {
        guard case let .tokens(tokens, width) = input, width == sequenceLength else {
            preconditionFailure("Transformer: expects \(sequenceLength) tokens per example")
        }
        let n = tokens.count / width, T = positions, d = dModel, H = heads, dh = dHead
        var sequence = [Int]()
        sequence.reserveCapacity(n * T)
        for i in 0..<n {
            sequence.append(contentsOf: tokens[(i * width)..<((i + 1) * width)])
            sequence.append(vocabulary)
        }
        let x0 = p["embed"].gatheringRows(sequence).reshaped([n, T, d]) + p["pos"]
        // Only the last position's logits are read and there is one layer, so the query, the
        // attention output and the MLP are needed at the last position alone (it attends to every
        // position, so the causal mask excludes nothing there); keys and values use all positions.
        // The logits are those of the full causal computation.
        let flat = x0.reshaped([n * T, d])
        let last0 = x0.slice(alongAxis: 1, (T - 1)..<T).reshaped([n, d])
        let q = last0.matmul(p["attn.q"], transposeOther: true).reshaped([n, H, 1, dh])
        let k = flat.matmul(p["attn.k"], transposeOther: true).reshaped([n, T, H, dh]).permuted([0, 2, 1, 3])
        let v = flat.matmul(p["attn.v"], transposeOther: true).reshaped([n, T, H, dh]).permuted([0, 2, 1, 3])
        let scores = (q * k).sum(alongAxis: 3) * S(1 / Double(dh).squareRoot())      // [n, H, T]
        let attention = scores.softmax().reshaped([n, H, T, 1])
        let z = (attention * v).sum(alongAxis: 2).reshaped([n, d])                      // [n, H·dh]
        let x1 = last0 + z.matmul(p["attn.o"], transposeOther: true)
        let hidden = x1.linear(weight: p["mlp.in"], bias: p["mlp.in_bias"]).activated(activation)
        let x2 = x1 + hidden.linear(weight: p["mlp.out"], bias: p["mlp.out_bias"])
        return ForwardPass(output: x2.matmul(p["unembed"], transposeOther: true), hidden: [hidden])
    }
}
