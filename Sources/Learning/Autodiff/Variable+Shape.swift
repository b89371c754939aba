import Tensors

/// Shape operations: matrix products, transposition, reshaping, slicing, concatenation and
/// row gathering. Each pullback applies the adjoint operation.
extension Variable {
    /// op(a)·op(b) for rank-2 operands. With C = A·B: dA = dC·Bᵀ, dB = Aᵀ·dC; transposed operands
    /// take the transposed products.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func matmul(_ other: Variable, transposeSelf: Bool = false, transposeOther: Bool = false) -> Variable {
        let a = value, b = other.value
        let c = a.matmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther)
        return tape.record(c, inputs: [self, other]) { g, need in
            var da: Tensor<Scalar>? = nil, db: Tensor<Scalar>? = nil
            if need[0] {
                da = transposeSelf ? b.matmul(g, transposeSelf: transposeOther, transposeOther: true)
                                   : g.matmul(b, transposeSelf: false, transposeOther: !transposeOther)
            }
            if need[1] {
                db = transposeOther ? g.matmul(a, transposeSelf: true, transposeOther: transposeSelf)
                                    : a.matmul(g, transposeSelf: !transposeSelf, transposeOther: false)
            }
            return [da, db]
        }
    }

    /// Batched matrix product over equal leading axes (see `Tensor.batchedMatmul`).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func batchedMatmul(_ other: Variable, transposeSelf: Bool = false, transposeOther: Bool = false) -> Variable {
        let a = value, b = other.value
        let c = a.batchedMatmul(b, transposeSelf: transposeSelf, transposeOther: transposeOther)
        return tape.record(c, inputs: [self, other]) { g, need in
            var da: Tensor<Scalar>? = nil, db: Tensor<Scalar>? = nil
            if need[0] {
                da = transposeSelf ? b.batchedMatmul(g, transposeSelf: transposeOther, transposeOther: true)
                                   : g.batchedMatmul(b, transposeSelf: false, transposeOther: !transposeOther)
            }
            if need[1] {
                db = transposeOther ? g.batchedMatmul(a, transposeSelf: true, transposeOther: transposeSelf)
                                    : a.batchedMatmul(g, transposeSelf: !transposeSelf, transposeOther: false)
            }
            return [da, db]
        }
    }

    /// The axes permuted (result axis i is axis order[i]); the pullback applies the inverse order.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func permuted(_ order: [Int]) -> Variable {
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, o) in order.enumerated() { inverse[o] = i }
        return tape.record(value.permuted(order), inputs: [self]) { g, _ in [g.permuted(inverse)] }
    }

    /// The transpose of a rank-2 variable.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func transposed() -> Variable {
        tape.record(value.transposed(), inputs: [self]) { g, _ in [g.transposed()] }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func reshaped(_ shape: [Int]) -> Variable {
        let original = self.shape
        return tape.record(value.reshaped(shape), inputs: [self]) { g, _ in [g.reshaped(original)] }
    }

    /// The elements whose index along `axis` lies in `range`; the pullback pads with zeros.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Variable {
        let n = shape[axis]
        return tape.record(value.slice(alongAxis: axis, range), inputs: [self]) { g, _ in
            [g.padded(alongAxis: axis, into: n, at: range)]
        }
    }

    /// Variables joined along `axis`; the pullback slices the gradient back apart.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func concatenating(_ parts: [Variable], alongAxis axis: Int) -> Variable {
        let extents = parts.map { $0.shape[axis] }
        return parts[0].tape.record(Tensor.concatenating(parts.map(\.value), alongAxis: axis), inputs: parts) { g, need in
            var start = 0
            return extents.enumerated().map { k, e in
                defer { start += e }
                return need[k] ? g.slice(alongAxis: axis, start..<(start + e)) : nil
            }
        }
    }

    /// Rows of this variable picked by `indices` (an embedding look-up); the pullback scatter-adds.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func gatheringRows(_ indices: [Int]) -> Variable {
        let s = shape
        return tape.record(value.gatheringRows(indices), inputs: [self]) { g, _ in
            var d = Tensor<Scalar>.zeros(s)
            d.scatterAddRows(g, at: indices)
            return [d]
        }
    }
}
