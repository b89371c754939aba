import Tensors

extension Variable {
    /// One attention read-out per example from per-row tables: for example i with table rows
    /// r_{i,0} … r_{i,T−1} (`rows`, row-major n × T) and each head h,
    ///   a_{i,h,·} = softmax_t(scores[r_{i,t}, h]),   out_i = Σ_h Σ_t a_{i,h,t} · written[r_{i,t}, h, ·].
    ///
    /// `scores` is [R, H] and `written` [R, H, d]. This is the attention of a one-layer transformer
    /// whose query is the same for every example (it sits at the fixed "=" position, Nanda et al.
    /// 2023) and whose inputs take few values: a key, a value and what a head writes into the
    /// residual stream depend on one (position, token) pair each, so they are computed once per pair
    /// as tables (small products) and each example only looks them up (`Transformer.forward`).
    ///
    /// Pullback, with g_i the gradient of out_i and δ_{i,h,t} = g_i · written[r_{i,t}, h]:
    ///   ∂written[r_{i,t}, h] += a_{i,h,t}·g_i,   ∂scores[r_{i,t}, h] += a_{i,h,t}·(δ_{i,h,t} − Σ_s a_{i,h,s}δ_{i,h,s}).
    public static func tableAttention(scores: Variable, written: Variable, rows: [Int], positions: Int) -> Variable {
        let kernel = TableAttentionKernel(scores: scores.value, written: written.value, rows: rows, positions: positions)
        let (out, attention) = kernel.forward()
        return scores.tape.record(out, inputs: [scores, written]) { g, need in
            let (dScores, dWritten) = kernel.backward(g, attention: attention)
            return [need[0] ? dScores : nil, need[1] ? dWritten : nil]
        }
    }
}

/// The loops of `tableAttention` (shapes checked once in `init`).
struct TableAttentionKernel<Scalar: BLASScalar> {
    let scores: Tensor<Scalar>
    let written: Tensor<Scalar>
    let rows: [Int]
    /// T, the table rows per example.
    let positions: Int
    let heads: Int
    let width: Int
    let examples: Int

    init(scores: Tensor<Scalar>, written: Tensor<Scalar>, rows: [Int], positions: Int) {
        precondition(scores.rank == 2 && written.rank == 3 && written.shape[0] == scores.shape[0] && written.shape[1] == scores.shape[1],
                      "tableAttention: scores \(scores.shape) and written \(written.shape) do not match")
        precondition(positions > 0 && rows.count % positions == 0, "tableAttention: \(rows.count) rows for \(positions) positions")
        precondition(rows.allSatisfy { $0 >= 0 && $0 < scores.shape[0] }, "tableAttention: a row index is out of range")
        self.scores = scores; self.written = written; self.rows = rows; self.positions = positions
        heads = scores.shape[1]; width = written.shape[2]; examples = rows.count / positions
    }

    /// The read-out [n, d] and the attention probabilities [n, H, T].
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    func forward() -> (Tensor<Scalar>, Tensor<Scalar>) {
        let T = positions, H = heads, d = width
        var attention = Tensor<Scalar>.zeros([examples, H, T])
        var out = Tensor<Scalar>.zeros([examples, d])
        scores.scalars.withUnsafeBufferPointer { s in
        written.scalars.withUnsafeBufferPointer { w in
        attention.scalars.withUnsafeMutableBufferPointer { a in
        out.scalars.withUnsafeMutableBufferPointer { o in
            var logits = [Scalar](repeating: 0, count: T)
            for i in 0..<examples {
                let r = rows[(i * T)..<((i + 1) * T)]
                let oi = o.baseAddress! + i * d
                for h in 0..<H {
                    for (t, row) in r.enumerated() { logits[t] = s[row * H + h] }
                    let ai = a.baseAddress! + (i * H + h) * T
                    let sum = logits.withUnsafeBufferPointer { Scalar.softmaxRow($0.baseAddress!, count: T, into: ai).sum }
                    for t in 0..<T { ai[t] /= sum }
                    for (t, row) in r.enumerated() {
                        let weight = ai[t], wr = w.baseAddress! + (row * H + h) * d
                        for c in 0..<d { oi[c] += weight * wr[c] }
                    }
                }
            }
        }}}}
        return (out, attention)
    }

    /// Gradients of `scores` and `written` from the read-out's gradient `g` [n, d].
    ///
    /// Per example, the H·T dot products δ = gᵢ·written[r, h] are formed four at a time with four
    /// running sums (each still added in index order, so the values are those of one sum at a time:
    /// four independent chains hide the latency of the additions).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    func backward(_ g: Tensor<Scalar>, attention: Tensor<Scalar>) -> (Tensor<Scalar>, Tensor<Scalar>) {
        let T = positions, H = heads, d = width, pairs = H * T
        var dScores = Tensor<Scalar>.zeros(scores.shape), dWritten = Tensor<Scalar>.zeros(written.shape)
        g.scalars.withUnsafeBufferPointer { gs in
        written.scalars.withUnsafeBufferPointer { w in
        attention.scalars.withUnsafeBufferPointer { a in
        dScores.scalars.withUnsafeMutableBufferPointer { ds in
        dWritten.scalars.withUnsafeMutableBufferPointer { dw in
        rows.withUnsafeBufferPointer { rows in
            // Pair k = h·T + t: the table row of (example, position t) for head h.
            var offsets = [Int](repeating: 0, count: pairs), delta = [Scalar](repeating: 0, count: pairs)
            offsets.withUnsafeMutableBufferPointer { offsets in
            delta.withUnsafeMutableBufferPointer { delta in
                for i in 0..<examples {
                    let gi = gs.baseAddress! + i * d, ai = a.baseAddress! + i * pairs
                    for h in 0..<H { for t in 0..<T { offsets[h * T + t] = (rows[i * T + t] * H + h) * d } }
                    var k = 0
                    while k + 4 <= pairs {
                        let w0 = w.baseAddress! + offsets[k], w1 = w.baseAddress! + offsets[k + 1]
                        let w2 = w.baseAddress! + offsets[k + 2], w3 = w.baseAddress! + offsets[k + 3]
                        var s0: Scalar = 0, s1: Scalar = 0, s2: Scalar = 0, s3: Scalar = 0
                        for c in 0..<d {
                            let gc = gi[c]
                            s0 += gc * w0[c]; s1 += gc * w1[c]; s2 += gc * w2[c]; s3 += gc * w3[c]
                        }
                        delta[k] = s0; delta[k + 1] = s1; delta[k + 2] = s2; delta[k + 3] = s3
                        k += 4
                    }
                    while k < pairs {
                        let wk = w.baseAddress! + offsets[k]
                        var s: Scalar = 0
                        for c in 0..<d { s += gi[c] * wk[c] }
                        delta[k] = s
                        k += 1
                    }
                    for h in 0..<H {
                        var mean: Scalar = 0
                        for t in 0..<T {
                            let k = h * T + t, weight = ai[k], dwr = dw.baseAddress! + offsets[k]
                            for c in 0..<d { dwr[c] += weight * gi[c] }
                            mean += weight * delta[k]
                        }
                        for t in 0..<T {
                            let k = h * T + t
                            ds[rows[i * T + t] * H + h] += ai[k] * (delta[k] - mean)
                        }
                    }
                }
            }}
        }}}}}}
        return (dScores, dWritten)
    }
}
