import Tensors

extension Variable {
    /// act(Σₜ Eₜ[idx[i, t]]) for tables Eₜ of shape [vocabₜ, width] and integer inputs `indices`
    /// (row-major n × tables.count): the first layer of a one-hot MLP, U·[onehot(a); onehot(b)],
    /// computed as embedding look-ups in one pass without a dense one-hot product.
    ///
    /// The pullback recomputes the pre-activation from the (small, cache-resident) tables instead of
    /// storing it, and scatter-adds act′(pre) ⊙ g into each table's rows in the same pass.
    public static func embeddingSum(_ tables: [Variable], indices: [Int], activation: Activation) -> Variable {
        let k = tables.count
        precondition(k > 0 && indices.count % k == 0, "embeddingSum: \(indices.count) indices for \(k) tables")
        let width = tables[0].shape[1]
        let values = tables.map(\.value)
        for (t, v) in values.enumerated() {
            precondition(v.rank == 2 && v.shape[1] == width, "embeddingSum: table shape \(v.shape), width \(width)")
            for i in stride(from: t, to: indices.count, by: k) {
                precondition(indices[i] >= 0 && indices[i] < v.shape[0], "embeddingSum: index \(indices[i]) out of range for table \(t)")
            }
        }
        let n = indices.count / k
        let out = Tensor<Scalar>(uninitializedShape: [n, width]) { out in
            withTablePointers(values) { tablePtrs in
                indices.withUnsafeBufferPointer { idx in
                    let o = out.baseAddress!
                    for i in 0..<n {
                        let row = o + i * width
                        let first = tablePtrs[0] + idx[i * k] * width
                        if k == 2 {
                            let second = tablePtrs[1] + idx[i * k + 1] * width
                            for j in 0..<width { row[j] = activation.apply(first[j] + second[j]) }
                        } else {
                            for j in 0..<width { row[j] = first[j] }
                            for t in 1..<k {
                                let src = tablePtrs[t] + idx[i * k + t] * width
                                for j in 0..<width { row[j] += src[j] }
                            }
                            for j in 0..<width { row[j] = activation.apply(row[j]) }
                        }
                    }
                }
            }
        }
        return tables[0].tape.record(out, inputs: tables) { g, need in
            var pre = [Scalar](repeating: 0, count: width)
            let grads = withTablePointers(values) { tablePtrs in
                withZeroedBuffers(like: values) { gradPtrs in
                    indices.withUnsafeBufferPointer { idx in
                        g.scalars.withUnsafeBufferPointer { gp in
                            pre.withUnsafeMutableBufferPointer { pp in
                                let p = pp.baseAddress!
                                for i in 0..<n {
                                    let gRow = gp.baseAddress! + i * width
                                    if k == 2 {
                                        let a = idx[i * 2], b = idx[i * 2 + 1]
                                        let ea = tablePtrs[0] + a * width, eb = tablePtrs[1] + b * width
                                        let da = gradPtrs[0] + a * width, db = gradPtrs[1] + b * width
                                        for j in 0..<width {
                                            let d = gRow[j] * activation.derivative(ea[j] + eb[j])
                                            da[j] += d
                                            db[j] += d
                                        }
                                    } else {
                                        for j in 0..<width { p[j] = 0 }
                                        for t in 0..<k {
                                            let src = tablePtrs[t] + idx[i * k + t] * width
                                            for j in 0..<width { p[j] += src[j] }
                                        }
                                        for j in 0..<width { p[j] = gRow[j] * activation.derivative(p[j]) }
                                        for t in 0..<k {
                                            let dst = gradPtrs[t] + idx[i * k + t] * width
                                            for j in 0..<width { dst[j] += p[j] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return grads.enumerated().map { need[$0.offset] ? $0.element : nil }
        }
    }
}

/// Base addresses of several tensors' storage, valid inside `body`.
private func withTablePointers<S: BLASScalar, R>(_ tensors: [Tensor<S>], _ body: ([UnsafePointer<S>]) -> R) -> R {
    func go(_ k: Int, _ acc: [UnsafePointer<S>]) -> R {
        if k == tensors.count { return body(acc) }
        return tensors[k].scalars.withUnsafeBufferPointer { go(k + 1, acc + [$0.baseAddress!]) }
    }
    return go(0, [])
}

/// Zeroed scratch buffers shaped like `tensors`, handed to `body` and returned as tensors.
private func withZeroedBuffers<S: BLASScalar>(like tensors: [Tensor<S>], _ body: ([UnsafeMutablePointer<S>]) -> Void) -> [Tensor<S>] {
    let buffers = tensors.map { t -> UnsafeMutableBufferPointer<S> in
        let b = UnsafeMutableBufferPointer<S>.allocate(capacity: Swift.max(t.count, 1))
        b.initialize(repeating: 0)
        return b
    }
    defer { for b in buffers { b.deallocate() } }
    body(buffers.map { $0.baseAddress! })
    return zip(tensors, buffers).map { t, b in Tensor(shape: t.shape, scalars: Array(b.prefix(t.count))) }
}
