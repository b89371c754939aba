/// Gather/scatter along the first axis (embedding look-up and its adjoint), slicing and
/// concatenation along any axis.
extension Tensor {
    /// Rows of this tensor picked by `indices` along axis 0: result[i, …] = self[indices[i], …].
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func gatheringRows(_ indices: [Int]) -> Tensor {
        precondition(rank >= 1, "Tensor.gatheringRows: rank 0")
        let rowSize = count / Swift.max(shape[0], 1), rows = shape[0]
        return Tensor(uninitializedShape: [indices.count] + shape.dropFirst()) { out in
            scalars.withUnsafeBufferPointer { p in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "Tensor.gatheringRows: index \(r) out of range 0..<\(rows)")
                    let src = p.baseAddress! + r * rowSize, dst = out.baseAddress! + i * rowSize
                    dst.update(from: src, count: rowSize)
                }
            }
        }
    }

    /// The adjoint of `gatheringRows`: adds row i of `values` into row `indices[i]` of self.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func scatterAddRows(_ values: Tensor, at indices: [Int]) {
        let rowSize = count / Swift.max(shape[0], 1), rows = shape[0]
        precondition(values.count == indices.count * rowSize, "Tensor.scatterAddRows: \(values.shape) for \(indices.count) rows of \(shape)")
        values.scalars.withUnsafeBufferPointer { v in
            scalars.withUnsafeMutableBufferPointer { p in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "Tensor.scatterAddRows: index \(r) out of range 0..<\(rows)")
                    let dst = p.baseAddress! + r * rowSize, src = v.baseAddress! + i * rowSize
                    for j in 0..<rowSize { dst[j] += src[j] }
                }
            }
        }
    }

    /// The elements whose index along `axis` lies in `range`.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        let (outer, n, inner) = split(around: axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= n, "Tensor.slice: \(range) out of 0..<\(n)")
        var newShape = shape
        newShape[axis] = range.count
        let width = range.count * inner
        return Tensor(uninitializedShape: newShape) { out in
            scalars.withUnsafeBufferPointer { p in
                for o in 0..<outer {
                    (out.baseAddress! + o * width).update(from: p.baseAddress! + (o * n + range.lowerBound) * inner, count: width)
                }
            }
        }
    }

    /// The adjoint of `slice`: this tensor placed at `range` along `axis` in zeros of extent `n`.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func padded(alongAxis axis: Int, into n: Int, at range: Range<Int>) -> Tensor {
        var pieces: [Tensor] = []
        var before = shape, after = shape
        before[axis] = range.lowerBound
        after[axis] = n - range.upperBound
        pieces = [Tensor.zeros(before), self, Tensor.zeros(after)]
        return Tensor.concatenating(pieces, alongAxis: axis)
    }

    /// The tensors joined along `axis`; all other extents must agree.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func concatenating(_ tensors: [Tensor], alongAxis axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "Tensor.concatenating: no tensors")
        let first = tensors[0].shape
        for t in tensors {
            precondition(t.rank == first.count && t.shape.enumerated().allSatisfy { $0.offset == axis || $0.element == first[$0.offset] },
                         "Tensor.concatenating: shapes \(first) and \(t.shape) differ off axis \(axis)")
        }
        var shape = first
        shape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
        let outer = first[..<axis].reduce(1, *), inner = first[(axis + 1)...].reduce(1, *)
        let total = shape[axis] * inner
        return Tensor(uninitializedShape: shape) { out in
            var offset = 0
            for t in tensors {
                let width = t.shape[axis] * inner
                t.scalars.withUnsafeBufferPointer { p in
                    for o in 0..<outer where width > 0 {
                        (out.baseAddress! + o * total + offset).update(from: p.baseAddress! + o * width, count: width)
                    }
                }
                offset += width
            }
        }
    }

    /// One-hot rows: result[i, labels[i]] = 1, zeros elsewhere; shape [labels.count, classes].
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
        var t = Tensor.zeros([labels.count, classes])
        for (i, c) in labels.enumerated() {
            precondition(c >= 0 && c < classes, "Tensor.oneHot: label \(c) out of 0..<\(classes)")
            t.scalars[i * classes + c] = 1
        }
        return t
    }
}
