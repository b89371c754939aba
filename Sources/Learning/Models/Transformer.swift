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
        precondition(tokens.allSatisfy { $0 >= 0 && $0 <= vocabulary }, "Transformer: a token is outside 0...\(vocabulary)")
        let n = tokens.count / width, T = positions, d = dModel, H = heads, dh = dHead, rowsPerPosition = vocabulary + 1
        // Only the last position's logits are read and there is one layer, so the query, the
        // attention output and the MLP are needed at the last position alone; it attends to every
        // position, so the causal mask excludes nothing there. That position always holds "=", so
        // its residual stream x₀[T−1] and query are the same for every example, and a key, a value
        // and what head h writes into the residual stream, (x₀ W_Vₕᵀ) W_Oₕᵀ, each depend on one
        // (position, token) pair. They are computed once per pair as tables,
        //   R[t·(V+1) + v] = W_E[v] + W_pos[t],  score[r, h] = qₕ·(R[r] W_Kₕᵀ)/√d_head,
        //   written[r, h] = (R[r] W_Vₕᵀ) W_Oₕᵀ,
        // and each example looks its T rows up (`tableAttention`): the same logits as the full
        // causal computation, without products over n·T rows.
        let residual = (p["embed"].reshaped([1, rowsPerPosition, d]) + p["pos"].reshaped([T, 1, d]))
            .reshaped([T * rowsPerPosition, d])
        let last0 = residual.slice(alongAxis: 0, ((T - 1) * rowsPerPosition + vocabulary)..<(T * rowsPerPosition))   // [1, d]
        let q = last0.matmul(p["attn.q"], transposeOther: true).reshaped([1, H, dh])
        let keys = residual.matmul(p["attn.k"], transposeOther: true).reshaped([T * rowsPerPosition, H, dh])
        let scores = (keys * q).sum(alongAxis: 2) * S(1 / Double(dh).squareRoot())                      // [R, H]
        let values = residual.matmul(p["attn.v"], transposeOther: true)                                  // [R, H·dh]
        let written = Variable.concatenating((0..<H).map { h in
            let block = (h * dh)..<((h + 1) * dh)
            return values.slice(alongAxis: 1, block)
                .matmul(p["attn.o"].slice(alongAxis: 1, block), transposeOther: true).reshaped([T * rowsPerPosition, 1, d])
        }, alongAxis: 1)                                                                                 // [R, H, d]
        var rows = [Int]()
        rows.reserveCapacity(n * T)
        for i in 0..<n {
            for t in 0..<width { rows.append(t * rowsPerPosition + tokens[i * width + t]) }
            rows.append((T - 1) * rowsPerPosition + vocabulary)
        }
        let x1 = Variable.tableAttention(scores: scores, written: written, rows: rows, positions: T) + last0
        let hidden = x1.dense(weight: p["mlp.in"], bias: p["mlp.in_bias"], activation: activation)
        let x2 = x1 + hidden.dense(weight: p["mlp.out"], bias: p["mlp.out_bias"], activation: .identity)
        return ForwardPass(output: x2.matmul(p["unembed"], transposeOther: true), hidden: [hidden])
    }
}
