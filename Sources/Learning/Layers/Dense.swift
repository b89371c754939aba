import Tensors

extension Variable {
    /// A dense layer y = act(x·Wᵀ + b) as one tape operation, for x [n, in], W [out, in] (PyTorch's
    /// layout) and b [out] (or no bias).
    ///
    /// The values and every gradient are those of `linear(weight:bias:).activated(activation)` bit
    /// for bit (the same products, the same additions in the same order). The composition makes
    /// three [n, out] tensors and three passes over them forward (the product, the biased sum, the
    /// activation) and two backward (act′ ⊙ g, then the bias gradient's column sums); here the bias
    /// and the activation are applied in one pass over the product, and the pullback forms act′ ⊙ g
    /// and the bias gradient in one pass. When act′ can be read from the output
    /// (ReLU, identity: `PointwiseFunction.slopeFollowsFromValue`) the pre-activation is not kept.
    ///
    /// Pullback, with z = x·Wᵀ + b and dz = act′(z) ⊙ g: dx = dz·W, dW = dzᵀ·x, db = Σᵢ dzᵢ (rows
    /// summed in order).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func dense(weight: Variable, bias: Variable? = nil, activation: Activation) -> Variable {
        let x = value, w = weight.value
        precondition(x.rank == 2 && w.rank == 2 && w.shape[1] == x.shape[1], "dense: input \(x.shape), weight \(w.shape)")
        if let bias { precondition(bias.shape == [w.shape[0]], "dense: bias \(bias.shape) for weight \(w.shape)") }
        var forward = DenseForward(output: linearProduct(x, w), bias: bias?.value)
        let pre = activation.dispatch(&forward)
        let y = forward.output
        let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
        // The pullback captures tensors only (a captured Variable would keep the tape alive).
        return tape.record(y, inputs: inputs) { g, need in
            var backward = DenseBackward(gradient: g, output: y, pre: pre, wantsBias: need.count > 2 && need[2])
            let (dz, db) = activation.dispatch(&backward)
            let dx = need[0] ? dz.matmul(w) : nil, dw = need[1] ? dz.matmul(x, transposeSelf: true) : nil
            return need.count > 2 ? [dx, dw, db] : [dx, dw]
        }
    }
}

/// y = act(c + b) from the product c [n, out]. `run` returns z = c + b (formed in c's storage,
/// which is held uniquely) when the pullback needs it, else nil.
///
/// y is written to a new tensor rather than over c: the in-place form of the ReLU loop compiles to
/// a branch per element (a conditional store), the out-of-place one to vector max instructions.
private struct DenseForward<Scalar: BLASScalar>: PointwiseLoop {
    var output: Tensor<Scalar>
    let bias: Tensor<Scalar>?

    mutating func run<A: PointwiseFunction>(_: A.Type) -> Tensor<Scalar>? {
        let rows = output.shape[0], width = output.shape[1]
        if bias == nil && A.self == IdentityFunction.self { return nil }
        let b = bias?.scalars ?? [Scalar](repeating: 0, count: width), hasBias = bias != nil
        let keepsPre = !A.slopeFollowsFromValue
        let y = Tensor<Scalar>(uninitializedShape: output.shape) { y in
            b.withUnsafeBufferPointer { b in
                output.scalars.withUnsafeMutableBufferPointer { c in
                    let b = b.baseAddress!, c = c.baseAddress!, y = y.baseAddress!
                    for i in 0..<rows {
                        let z = c + i * width, yRow = y + i * width
                        if keepsPre {
                            if hasBias { for j in 0..<width { z[j] += b[j] } }
                            for j in 0..<width { yRow[j] = A.value(z[j]) }
                        } else if hasBias {
                            for j in 0..<width { yRow[j] = A.value(z[j] + b[j]) }
                        } else {
                            for j in 0..<width { yRow[j] = A.value(z[j]) }
                        }
                    }
                }
            }
        }
        defer { output = y }
        return keepsPre ? output : nil
    }
}

/// dz = act′ ⊙ g over [n, out], and db = Σᵢ dzᵢ (rows in order) when asked, in one pass.
private struct DenseBackward<Scalar: BLASScalar>: PointwiseLoop {
    let gradient: Tensor<Scalar>
    let output: Tensor<Scalar>
    let pre: Tensor<Scalar>?
    let wantsBias: Bool

    func run<A: PointwiseFunction>(_: A.Type) -> (Tensor<Scalar>, Tensor<Scalar>?) {
        let rows = gradient.shape[0], width = gradient.shape[1]
        let identity = A.self == IdentityFunction.self
        if identity && !wantsBias { return (gradient, nil) }
        var db = [Scalar](repeating: 0, count: wantsBias ? width : 0)
        let source = A.slopeFollowsFromValue ? output : pre!
        // One pass: row i of dz is formed, then added into db while it is in cache (rows in order,
        // as `Tensor.summed(toShape:)` adds them).
        func pass(_ out: UnsafeMutablePointer<Scalar>?) {
            gradient.scalars.withUnsafeBufferPointer { g in
            source.scalars.withUnsafeBufferPointer { s in
            db.withUnsafeMutableBufferPointer { sum in
                let sum = sum.baseAddress
                for i in 0..<rows {
                    let gRow = g.baseAddress! + i * width, sRow = s.baseAddress! + i * width
                    var dRow = UnsafePointer(gRow)
                    if let out {
                        let d = out + i * width
                        if A.slopeFollowsFromValue {
                            for j in 0..<width { d[j] = gRow[j] * A.slope(ofValue: sRow[j]) }
                        } else {
                            for j in 0..<width { d[j] = gRow[j] * A.slope(sRow[j]) }
                        }
                        dRow = UnsafePointer(d)
                    }
                    if wantsBias, let sum { for j in 0..<width { sum[j] += dRow[j] } }
                }
            }}}
        }
        let dz: Tensor<Scalar>
        if identity {
            pass(nil)
            dz = gradient
        } else {
            dz = Tensor(uninitializedShape: gradient.shape) { pass($0.baseAddress!) }
        }
        return (dz, wantsBias ? Tensor(shape: [width], scalars: db) : nil)
    }
}
