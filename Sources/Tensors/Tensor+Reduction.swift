/// Reductions. An axis reduction views the shape as [outer, n, inner] around `axis` and reduces
/// the middle extent; `keepingDimension` leaves that axis in place with extent 1.
extension Tensor {
    @usableFromInline
    func split(around axis: Int) -> (outer: Int, n: Int, inner: Int) {
        precondition(axis >= 0 && axis < rank, "Tensor: axis \(axis) out of range for shape \(shape)")
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    @usableFromInline
    func reducedShape(_ axis: Int, keeping: Bool) -> [Int] {
        var s = shape
        if keeping { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// Σ over all elements.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func sum() -> Scalar {
        scalars.withUnsafeBufferPointer { p in
            var s: Scalar = 0
            for x in p { s += x }
            return s
        }
    }

    /// The mean over all elements.
    public func mean() -> Scalar { sum() / Scalar(count) }

    /// Σ along `axis`.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func sum(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        let (outer, n, inner) = split(around: axis)
        var result = [Scalar](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { p in
            result.withUnsafeMutableBufferPointer { q in
                for o in 0..<outer {
                    for j in 0..<n {
                        let base = (o * n + j) * inner
                        for i in 0..<inner { q[o * inner + i] += p[base + i] }
                    }
                }
            }
        }
        return Tensor(shape: reducedShape(axis, keeping: keepingDimension), scalars: result)
    }

    /// The mean along `axis`.
    public func mean(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        sum(alongAxis: axis, keepingDimension: keepingDimension) / Scalar(shape[axis])
    }

    /// A rank-2 tensor with each column's mean subtracted: x_ij − (1/n)·Σ_r x_rj, n = shape[0]
    /// (linear CKA centres its representations this way). Every column of the result sums to zero
    /// up to rounding; an empty tensor is returned unchanged.
    public func columnCentred() -> Tensor {
        precondition(rank == 2, "Tensor.columnCentred: rank \(rank), expected 2")
        guard shape[0] > 0 else { return self }
        return self - mean(alongAxis: 0, keepingDimension: true)
    }

    /// The maximum along `axis` (NaN propagates as the comparison leaves it in place only if first).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func max(alongAxis axis: Int, keepingDimension: Bool = false) -> Tensor {
        let idx = argmax(alongAxis: axis)
        let (outer, n, inner) = split(around: axis)
        var result = [Scalar](repeating: 0, count: outer * inner)
        for o in 0..<outer { for i in 0..<inner { result[o * inner + i] = scalars[(o * n + idx[o * inner + i]) * inner + i] } }
        return Tensor(shape: reducedShape(axis, keeping: keepingDimension), scalars: result)
    }

    /// The index of the largest element along `axis`, in row-major order of the remaining axes;
    /// ties go to the lowest index.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func argmax(alongAxis axis: Int) -> [Int] {
        let (outer, n, inner) = split(around: axis)
        precondition(n > 0, "Tensor.argmax: empty axis")
        var result = [Int](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { p in
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = p[o * n * inner + i], arg = 0
                    for j in 1..<n {
                        let x = p[(o * n + j) * inner + i]
                        if x > best { best = x; arg = j }
                    }
                    result[o * inner + i] = arg
                }
            }
        }
        return result
    }
}
