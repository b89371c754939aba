import Tensors
/// Mean-squared-error regression with a one-hidden-layer ReLU network of a fixed shape,
///   L(w) = (1/(n·out))·Σ_j ‖f_w(x_j) − y_j‖²,
/// parameters flattened as in `ReLUNetwork.flatParameters` (W1, b1, W2, b2), with the backprop
/// gradient (relu′(z) taken as 1 for z > 0, else 0). Lets the LLC and Hessian tools measure a ReLU
/// network, e.g. one with dead units against its pruned version.
public struct ReLURegressionObjective: Objective {
    /// Shape template (its parameter values are not used).
    public let shape: ReLUNetwork
    public let inputs: DenseMatrix
    public let targets: DenseMatrix
    public var dimension: Int { shape.parameterCount }
    public var sampleCount: Int { inputs.rows }

    public init(shape: ReLUNetwork, inputs: DenseMatrix, targets: DenseMatrix) {
        precondition(inputs.columns == shape.inputCount && targets.columns == shape.outputCount && inputs.rows == targets.rows)
        self.shape = shape
        self.inputs = inputs
        self.targets = targets
    }

    public func loss(at w: [Double], batch: [Int]?) -> Double { evaluate(w, batch: batch, gradient: false).0 }

    public func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) {
        let (l, g) = evaluate(w, batch: batch, gradient: true)
        return (l, g)
    }

    /// Forward and backward pass with BLAS: Z = X·W1ᵀ + b1, A = relu(Z), F = A·W2ᵀ + b2,
    /// E = F − Y; ∂L/∂W2 = c·Eᵀ A, ∂L/∂b2 = c·Σ_rows E, D = (E·W2) ∘ [Z > 0], ∂L/∂W1 = c·Dᵀ X,
    /// ∂L/∂b1 = c·Σ_rows D, with c = 2/(n·out).
    private func evaluate(_ w: [Double], batch: [Int]?, gradient: Bool) -> (Double, [Double]) {
        let net = shape.with(flatParameters: w)
        let h = shape.hiddenCount, nOut = shape.outputCount
        let x: DenseMatrix, y: DenseMatrix
        if let batch {
            x = DenseMatrix(rows: batch.count, columns: inputs.columns, values: batch.flatMap { inputs.row($0) })
            y = DenseMatrix(rows: batch.count, columns: nOut, values: batch.flatMap { targets.row($0) })
        } else {
            x = inputs
            y = targets
        }
        let n = x.rows
        let z = net.preActivations(x)
        var a = z
        a.values.withUnsafeMutableBufferPointer { p in for i in 0..<p.count where p[i] < 0 { p[i] = 0 } }
        var e = DenseMatrix.product(a, net.w2, transposeB: true)
        var loss = 0.0
        e.values.withUnsafeMutableBufferPointer { pe in
            y.values.withUnsafeBufferPointer { py in
                for r in 0..<n {
                    for o in 0..<nOut {
                        let v = pe[r * nOut + o] + net.b2[o] - py[r * nOut + o]
                        pe[r * nOut + o] = v
                        loss += v * v
                    }
                }
            }
        }
        let scale = 1 / Double(n * nOut)
        loss *= scale
        guard gradient else { return (loss, []) }
        let c = 2 * scale
        var gw2 = DenseMatrix.product(e, transposeA: true, a)        // out × h
        var d = DenseMatrix.product(e, net.w2)                        // n × h
        var gb1 = [Double](repeating: 0, count: h), gb2 = [Double](repeating: 0, count: nOut)
        d.values.withUnsafeMutableBufferPointer { pd in
            z.values.withUnsafeBufferPointer { pz in
                for r in 0..<n {
                    for u in 0..<h {
                        if pz[r * h + u] <= 0 { pd[r * h + u] = 0 } else { gb1[u] += pd[r * h + u] }
                    }
                }
            }
        }
        for r in 0..<n { for o in 0..<nOut { gb2[o] += e.values[r * nOut + o] } }
        var gw1 = DenseMatrix.product(d, transposeA: true, x)         // h × in
        for i in 0..<gw1.values.count { gw1.values[i] *= c }
        for i in 0..<gw2.values.count { gw2.values[i] *= c }
        return (loss, gw1.values + gb1.map { $0 * c } + gw2.values + gb2.map { $0 * c })
    }
}
