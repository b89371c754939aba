/// Softmax and log-softmax along the last axis, computed stably by subtracting each row's maximum:
/// log softmax(x)ᵢ = xᵢ − m − ln Σⱼ e^{xⱼ − m}, m = maxⱼ xⱼ.
extension Tensor {
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func logSoftmax() -> Tensor {
        precondition(rank >= 1, "Tensor.logSoftmax: rank 0")
        let n = shape[rank - 1], rows = n == 0 ? 0 : count / n
        return Tensor(uninitializedShape: shape) { out in
            scalars.withUnsafeBufferPointer { p in
                for r in 0..<rows {
                    let row = p.baseAddress! + r * n
                    // The exponentials go to the output row as scratch; it is overwritten below.
                    let (m, s) = Scalar.softmaxRow(row, count: n, into: out.baseAddress! + r * n)
                    let lse = m + Scalar.log(s)
                    for j in 0..<n { out[r * n + j] = row[j] - lse }
                }
            }
        }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func softmax() -> Tensor {
        precondition(rank >= 1, "Tensor.softmax: rank 0")
        let n = shape[rank - 1], rows = n == 0 ? 0 : count / n
        return Tensor(uninitializedShape: shape) { out in
            scalars.withUnsafeBufferPointer { p in
                for r in 0..<rows {
                    let row = p.baseAddress! + r * n
                    let (_, s) = Scalar.softmaxRow(row, count: n, into: out.baseAddress! + r * n)
                    let inv = 1 / s
                    for j in 0..<n { out[r * n + j] *= inv }
                }
            }
        }
    }
}
