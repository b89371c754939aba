/// Matrix products through BLAS gemm.
extension Tensor {
    /// op(self)·op(other) for rank-2 tensors, where op transposes when asked:
    /// self is m×k (k×m if `transposeSelf`), other k×n (n×k if `transposeOther`); the result is m×n.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(rank == 2 && other.rank == 2, "Tensor.matmul: ranks \(rank) and \(other.rank), expected 2")
        let m = transposeSelf ? shape[1] : shape[0], k = transposeSelf ? shape[0] : shape[1]
        let k2 = transposeOther ? other.shape[1] : other.shape[0], n = transposeOther ? other.shape[0] : other.shape[1]
        precondition(k == k2, "Tensor.matmul: inner extents \(k) and \(k2) differ (\(shape) · \(other.shape))")
        if m == 0 || n == 0 || k == 0 { return Tensor.zeros([m, n]) }
        // gemm with β = 0 writes every element of C without reading it, so C starts uninitialized.
        return Tensor(uninitializedShape: [m, n]) { c in
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    Scalar.gemm(transA: transposeSelf, transB: transposeOther, m: m, n: n, k: k, alpha: 1,
                                a: a.baseAddress!, lda: shape[1], b: b.baseAddress!, ldb: other.shape[1],
                                beta: 0, c: c.baseAddress!, ldc: n)
                }
            }
        }
    }

    /// Batched product over leading axes: self is [B…, m, k], other [B…, k, n] (the last two axes
    /// transposed when asked); both must have the same leading axes. One gemm per batch element.
    public func batchedMatmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        precondition(rank >= 2 && rank == other.rank && Array(shape.dropLast(2)) == Array(other.shape.dropLast(2)),
                     "Tensor.batchedMatmul: shapes \(shape) and \(other.shape)")
        let lead = Array(shape.dropLast(2)), batch = lead.reduce(1, *)
        let r0 = shape[rank - 2], r1 = shape[rank - 1], o0 = other.shape[rank - 2], o1 = other.shape[rank - 1]
        let m = transposeSelf ? r1 : r0, k = transposeSelf ? r0 : r1
        let k2 = transposeOther ? o1 : o0, n = transposeOther ? o0 : o1
        precondition(k == k2, "Tensor.batchedMatmul: inner extents \(k) and \(k2) differ")
        var result = Tensor.zeros(lead + [m, n])
        if m == 0 || n == 0 || k == 0 { return result }
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                result.scalars.withUnsafeMutableBufferPointer { c in
                    for i in 0..<batch {
                        Scalar.gemm(transA: transposeSelf, transB: transposeOther, m: m, n: n, k: k, alpha: 1,
                                    a: a.baseAddress! + i * r0 * r1, lda: r1, b: b.baseAddress! + i * o0 * o1, ldb: o1,
                                    beta: 0, c: c.baseAddress! + i * m * n, ldc: n)
                    }
                }
            }
        }
        return result
    }

    /// The transpose of a rank-2 tensor (copied in 32×32 blocks to stay in cache).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func transposed() -> Tensor {
        precondition(rank == 2, "Tensor.transposed: rank \(rank), expected 2")
        let r = shape[0], c = shape[1], block = 32
        return Tensor(uninitializedShape: [c, r]) { out in
            scalars.withUnsafeBufferPointer { p in
                let src = p.baseAddress!, dst = out.baseAddress!
                for i0 in stride(from: 0, to: r, by: block) {
                    for j0 in stride(from: 0, to: c, by: block) {
                        for i in i0..<Swift.min(i0 + block, r) {
                            for j in j0..<Swift.min(j0 + block, c) { dst[j * r + i] = src[i * c + j] }
                        }
                    }
                }
            }
        }
    }

    /// The axes rearranged: result axis i is this tensor's axis `order[i]`.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "Tensor.permuted: \(order) is not a permutation of the axes")
        let newShape = order.map { shape[$0] }
        let own = Tensor.strides(of: shape)
        let src = order.map { own[$0] }
        let r = rank
        if r == 0 || count == 0 { return Tensor(shape: newShape, scalars: scalars) }
        return Tensor(uninitializedShape: newShape) { out in
            scalars.withUnsafeBufferPointer { p in
                var index = [Int](repeating: 0, count: r)
                var o = 0
                for i in 0..<out.count {
                    out[i] = p[o]
                    var k = r - 1
                    while k >= 0 {
                        index[k] += 1; o += src[k]
                        if index[k] < newShape[k] { break }
                        o -= src[k] * newShape[k]; index[k] = 0
                        k -= 1
                    }
                }
            }
        }
    }
}
