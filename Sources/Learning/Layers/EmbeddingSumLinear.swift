import Tensors

extension Variable {
    /// The first two layers of a one-hot MLP as one tape operation: the activations
    /// h = act(Σₜ Eₜ[idx[i, t]]) of `embeddingSum` followed by y = h·Wᵀ for W of shape [out, width],
    /// as `linear(weight:)` without bias computes it.
    ///
    /// Values and W's gradient are those of `embeddingSum(...).linear(weight:)` bit for bit, the
    /// tables' gradients up to rounding (OpenBLAS may round a gemm over a block of rows differently
    /// from one over all rows: relative differences of a few 1e-6 in Float). The composition forms the n × width gradient g·W of the
    /// activations in memory (9.6 MB for the benchmark model) and reads it back to scatter it into the
    /// tables; here it is formed `rowsPerRound` rows at a time, by one gemm into a
    /// cache-sized scratch, and scattered while it is still in cache.
    ///
    /// `hidden` is h as a constant on the tape (for probes and CKA); gradients flow through `output`.
    public static func embeddingSumLinear(_ tables: [Variable], indices: [Int], activation: Activation,
                                          weight: Variable) -> (hidden: Variable, output: Variable) {
        embeddingSumLinear(tables, indices: indices, activation: activation, weight: weight, rowsPerRound: nil)
    }

    /// As above, with the rows per round of the pullback given (nil: `scratchRows(width:)`); tests
    /// use a few rows to run many rounds on small inputs.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    static func embeddingSumLinear(_ tables: [Variable], indices: [Int], activation: Activation,
                                   weight: Variable, rowsPerRound: Int?) -> (hidden: Variable, output: Variable) {
        let kernel = EmbeddingSumKernel(tables: tables.map(\.value), indices: indices, activation: activation)
        let h = kernel.hidden(), w = weight.value
        precondition(w.rank == 2 && w.shape[1] == kernel.width, "embeddingSumLinear: weight \(w.shape) for width \(kernel.width)")
        let tape = weight.tape
        // The pullback captures values only: a captured Variable would hold the tape, which holds the
        // pullback, and the whole tape would never be freed.
        let k = tables.count
        let output = tape.record(linearProduct(h, w), inputs: tables + [weight]) { g, need in
            var grads = [Tensor<Scalar>?](repeating: nil, count: k + 1)
            if need.prefix(k).contains(true) {
                let rows = rowsPerRound ?? scratchRows(width: kernel.width)
                let tableGrads = hiddenGradientRounds(g, w, kernel, rowsPerRound: rows)
                for t in 0..<k where need[t] { grads[t] = tableGrads[t] }
            }
            if need[k] { grads[k] = g.matmul(h, transposeSelf: true) }
            return grads
        }
        return (tape.constant(h), output)
    }

    /// Rows per round: a scratch of about 1 MiB (256 Ki scalars), which stays in the L2/L3 caches
    /// between the gemm that writes it and the scatter that reads it.
    static func scratchRows(width: Int) -> Int { Swift.max(1, (1 << 18) / Swift.max(width, 1)) }

    /// The tables' gradients from the output gradient g [n, out]: per round, one gemm g[rows]·W into
    /// the scratch, which the kernel then scatters.
    private static func hiddenGradientRounds(_ g: Tensor<Scalar>, _ w: Tensor<Scalar>, _ kernel: EmbeddingSumKernel<Scalar>,
                                             rowsPerRound: Int) -> [Tensor<Scalar>] {
        let out = w.shape[0], width = kernel.width
        let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(1, Swift.min(rowsPerRound, kernel.rows) * width))
        defer { scratch.deallocate() }
        return g.scalars.withUnsafeBufferPointer { gs in
            w.scalars.withUnsafeBufferPointer { ws in
                kernel.tableGradients(rowsPerRound: rowsPerRound) { rows in
                    Scalar.gemm(transA: false, transB: false, m: rows.count, n: width, k: out, alpha: 1,
                                a: gs.baseAddress! + rows.lowerBound * out, lda: out, b: ws.baseAddress!, ldb: width,
                                beta: 0, c: scratch, ldc: width)
                    return UnsafePointer(scratch)
                }
            }
        }
    }
}
