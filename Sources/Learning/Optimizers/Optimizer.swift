import Tensors

/// A first-order optimizer with per-parameter state keyed by parameter name (PyTorch's update
/// rules, `torch.optim` documentation):
///
/// - SGD: g ← ∇ + wd·θ; buf ← μ·buf + g (buf₁ = g); θ ← θ − lr·buf (θ ← θ − lr·g when μ = 0).
/// - Adam: g ← ∇ + wd·θ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
///   θ ← θ − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
/// - AdamW (Loshchilov & Hutter 2019): θ ← θ(1 − lr·wd) first, then the Adam step on the raw ∇.
public struct Optimizer<Scalar: BLASScalar>: Sendable {
    public let config: OptimizerConfig
    /// The updates the run will make (the span of a decaying learning-rate schedule).
    public let totalUpdates: Int
    /// Updates applied so far.
    public private(set) var updates: Int = 0
    private var first: [String: [Scalar]] = [:]
    private var second: [String: [Scalar]] = [:]

    public init(_ config: OptimizerConfig, totalUpdates: Int = 1) {
        self.config = config
        self.totalUpdates = totalUpdates
    }

    /// The first and second moment buffers of `name` (SGD keeps its momentum buffer as the
    /// first), nil before its first update; for tests of what masking and freezing leave untouched.
    func moments(of name: String) -> (first: [Scalar]?, second: [Scalar]?) { (first[name], second[name]) }

    /// Applies one update to `parameters` from `gradients` (parameters without a gradient are
    /// left alone, AdamW's decay included, as PyTorch skips parameters whose grad is None).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public mutating func step(_ parameters: inout Parameters<Scalar>, _ gradients: Gradients<Scalar>) {
        updates += 1
        let t = updates
        let lr = config.learningRate(atUpdate: t, of: totalUpdates)
        let wd = config.weightDecay
        for k in parameters.tensors.indices {
            let name = parameters.names[k]
            guard let g = gradients[name] else { continue }
            precondition(g.count == parameters.tensors[k].count, "Optimizer: gradient of \(name) has the wrong size")
            switch config.kind {
            case .sgd: sgd(&parameters.tensors[k], g, name: name, lr: lr, wd: wd)
            case .adam, .adamw: adam(&parameters.tensors[k], g, name: name, lr: lr, wd: wd, t: t, decoupled: config.kind == .adamw)
            }
        }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    private mutating func sgd(_ theta: inout Tensor<Scalar>, _ g: Tensor<Scalar>, name: String, lr: Double, wd: Double) {
        let n = theta.count, mu = Scalar(config.momentum), lrS = Scalar(lr), wdS = Scalar(wd)
        let fresh = first[name] == nil
        if config.momentum != 0 && fresh { first[name] = [Scalar](repeating: 0, count: n) }
        var buffer = first[name] ?? []
        first[name] = nil
        theta.scalars.withUnsafeMutableBufferPointer { p in
            g.scalars.withUnsafeBufferPointer { gp in
                if config.momentum == 0 {
                    for i in 0..<n { p[i] -= lrS * (gp[i] + wdS * p[i]) }
                } else {
                    buffer.withUnsafeMutableBufferPointer { b in
                        for i in 0..<n {
                            let gi = gp[i] + wdS * p[i]
                            b[i] = fresh ? gi : mu * b[i] + gi
                            p[i] -= lrS * b[i]
                        }
                    }
                }
            }
        }
        if config.momentum != 0 { first[name] = buffer }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    private mutating func adam(_ theta: inout Tensor<Scalar>, _ g: Tensor<Scalar>, name: String, lr: Double, wd: Double,
                               t: Int, decoupled: Bool) {
        let n = theta.count
        var m = first[name] ?? [Scalar](repeating: 0, count: n)
        var v = second[name] ?? [Scalar](repeating: 0, count: n)
        first[name] = nil; second[name] = nil  // keep the buffers uniquely referenced while updating
        let b1 = config.betas[0], b2 = config.betas[1]
        let c1 = 1 - pow(b1, t), c2 = 1 - pow(b2, t)
        // θ ← θ − (lr/c₁)·m / (√v/√c₂ + ε), PyTorch's arrangement of the bias corrections.
        let stepSize = Scalar(lr / c1), invSqrtC2 = Scalar(1 / c2.squareRoot())
        let b1S = Scalar(b1), b2S = Scalar(b2), oneMinusB1 = Scalar(1 - b1), oneMinusB2 = Scalar(1 - b2)
        let eps = Scalar(config.eps), decay = Scalar(1 - lr * wd), wdS = Scalar(wd)
        theta.scalars.withUnsafeMutableBufferPointer { p in
            g.scalars.withUnsafeBufferPointer { gp in
                m.withUnsafeMutableBufferPointer { mp in
                    v.withUnsafeMutableBufferPointer { vp in
                        for i in 0..<n {
                            var gi = gp[i]
                            var x = p[i]
                            if decoupled { x *= decay } else { gi += wdS * x }
                            let mi = b1S * mp[i] + oneMinusB1 * gi
                            let vi = b2S * vp[i] + oneMinusB2 * gi * gi
                            mp[i] = mi; vp[i] = vi
                            p[i] = x - stepSize * mi / (vi.squareRoot() * invSqrtC2 + eps)
                        }
                    }
                }
            }
        }
        first[name] = m; second[name] = v
    }
}

/// xⁿ for a non-negative integer n by repeated squaring (exact order of operations everywhere).
@usableFromInline
func pow(_ x: Double, _ n: Int) -> Double {
    var result = 1.0, base = x, e = n
    while e > 0 {
        if e & 1 == 1 { result *= base }
        base *= base
        e >>= 1
    }
    return result
}
