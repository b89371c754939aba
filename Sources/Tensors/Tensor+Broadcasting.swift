/// NumPy broadcasting: shapes are aligned at their last axes; an axis of extent 1 (or a missing
/// leading axis) stretches to the other operand's extent. Incompatible extents are a programming
/// error and stop with a message.
extension Tensor {
    /// The broadcast shape of `a` and `b`.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
        let r = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for k in 0..<r {
            let da = k < r - a.count ? 1 : a[k - (r - a.count)]
            let db = k < r - b.count ? 1 : b[k - (r - b.count)]
            precondition(da == db || da == 1 || db == 1, "Tensor: shapes \(a) and \(b) do not broadcast")
            out[k] = da == 1 ? db : da
        }
        return out
    }

    /// Strides of `shape` seen as an operand broadcast to `outShape`: 0 on stretched axes.
    @usableFromInline
    static func broadcastStrides(_ shape: [Int], to outShape: [Int]) -> [Int] {
        let r = outShape.count
        let own = strides(of: shape)
        var s = [Int](repeating: 0, count: r)
        for k in 0..<shape.count where shape[k] != 1 {
            s[k + r - shape.count] = own[k]
        }
        return s
    }

    /// Applies `f` elementwise to `a` and `b` broadcast together.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable
    public static func broadcasting(_ a: Tensor, _ b: Tensor, _ f: (Scalar, Scalar) -> Scalar) -> Tensor {
        if a.shape == b.shape {
            return Tensor(uninitializedShape: a.shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<out.count { out[i] = f(pa[i], pb[i]) }
                    }
                }
            }
        }
        let shape = broadcastShape(a.shape, b.shape)
        if b.count == 1 && shape == a.shape {
            let y = b.scalars[0]
            return Tensor(uninitializedShape: shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in for i in 0..<out.count { out[i] = f(pa[i], y) } }
            }
        }
        if a.count == 1 && shape == b.shape {
            let x = a.scalars[0]
            return Tensor(uninitializedShape: shape) { out in
                b.scalars.withUnsafeBufferPointer { pb in for i in 0..<out.count { out[i] = f(x, pb[i]) } }
            }
        }
        // One operand a row repeated over every leading index (a bias, a broadcast row): the same
        // values as the general loop below, without its per-element strides.
        if let inner = shape.last, inner > 0 {
            if shape == a.shape && b.count == inner && b.shape.last == inner { return repeatingRow(b, over: a, rowFirst: false, f) }
            if shape == b.shape && a.count == inner && a.shape.last == inner { return repeatingRow(a, over: b, rowFirst: true, f) }
        }
        let sa = broadcastStrides(a.shape, to: shape), sb = broadcastStrides(b.shape, to: shape)
        let r = shape.count
        let inner = shape[r - 1], ia = sa[r - 1], ib = sb[r - 1]
        let outer = inner == 0 ? 0 : shape.reduce(1, *) / inner
        return Tensor(uninitializedShape: shape) { out in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    var index = [Int](repeating: 0, count: r)
                    var oa = 0, ob = 0, o = 0
                    for _ in 0..<outer {
                        for j in 0..<inner { out[o + j] = f(pa[oa + j * ia], pb[ob + j * ib]) }
                        o += inner
                        // Advance the multi-index over the outer axes (odometer order).
                        var k = r - 2
                        while k >= 0 {
                            index[k] += 1; oa += sa[k]; ob += sb[k]
                            if index[k] < shape[k] { break }
                            oa -= sa[k] * shape[k]; ob -= sb[k] * shape[k]; index[k] = 0
                            k -= 1
                        }
                    }
                }
            }
        }
    }

    /// f applied to `full` and `row` repeated along full's leading axes (row has full's last extent);
    /// the row is f's first operand when `rowFirst`.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable
    static func repeatingRow(_ row: Tensor, over full: Tensor, rowFirst: Bool, _ f: (Scalar, Scalar) -> Scalar) -> Tensor {
        let inner = row.count, outer = full.count / inner
        return Tensor(uninitializedShape: full.shape) { out in
            full.scalars.withUnsafeBufferPointer { pf in
                row.scalars.withUnsafeBufferPointer { pr in
                    for i in 0..<outer {
                        let o = i * inner
                        if rowFirst {
                            for j in 0..<inner { out[o + j] = f(pr[j], pf[o + j]) }
                        } else {
                            for j in 0..<inner { out[o + j] = f(pf[o + j], pr[j]) }
                        }
                    }
                }
            }
        }
    }

    /// This tensor materialized at a broadcast-compatible larger `shape`.
    public func broadcast(to shape: [Int]) -> Tensor {
        precondition(Tensor.broadcastShape(self.shape, shape) == shape, "Tensor: \(self.shape) does not broadcast to \(shape)")
        return Tensor.broadcasting(self, Tensor.zeros(shape)) { x, _ in x }
    }

    /// The sum of this tensor over the axes that broadcasting stretched to reach its shape from
    /// `target`: the adjoint of broadcasting `target` to `shape` (used for gradients).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func summed(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        if target.reduce(1, *) == count { return reshaped(target) }
        precondition(Tensor.broadcastShape(target, shape) == shape, "Tensor: cannot reduce \(shape) to \(target)")
        let st = Tensor.broadcastStrides(target, to: shape)
        let r = shape.count
        var result = [Scalar](repeating: 0, count: target.reduce(1, *))
        if r == 0 { return Tensor(shape: target, scalars: scalars) }
        let inner = shape[r - 1], it = st[r - 1]
        let outer = inner == 0 ? 0 : count / inner
        scalars.withUnsafeBufferPointer { p in
            result.withUnsafeMutableBufferPointer { q in
                var index = [Int](repeating: 0, count: r)
                var ot = 0, o = 0
                for _ in 0..<outer {
                    if it == 0 {
                        var s: Scalar = 0
                        for j in 0..<inner { s += p[o + j] }
                        q[ot] += s
                    } else {
                        for j in 0..<inner { q[ot + j] += p[o + j] }
                    }
                    o += inner
                    var k = r - 2
                    while k >= 0 {
                        index[k] += 1; ot += st[k]
                        if index[k] < shape[k] { break }
                        ot -= st[k] * shape[k]; index[k] = 0
                        k -= 1
                    }
                }
            }
        }
        return Tensor(shape: target, scalars: result)
    }
}
