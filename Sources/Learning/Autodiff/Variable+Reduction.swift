import Tensors

/// Reductions and normalizations.
extension Variable {
    /// Σ over all elements (a rank-0 result).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func sum() -> Variable {
        let s = shape
        return tape.record(Tensor(value.sum()), inputs: [self]) { g, _ in [Tensor(repeating: g.scalar, shape: s)] }
    }

    /// The mean over all elements.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func mean() -> Variable {
        let s = shape, n = Scalar(value.count)
        return tape.record(Tensor(value.mean()), inputs: [self]) { g, _ in [Tensor(repeating: g.scalar / n, shape: s)] }
    }

    /// Σ along `axis`; the pullback broadcasts the gradient back along it.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func sum(alongAxis axis: Int, keepingDimension: Bool = false) -> Variable {
        let s = shape
        var kept = s
        kept[axis] = 1
        return tape.record(value.sum(alongAxis: axis, keepingDimension: keepingDimension), inputs: [self]) { g, _ in
            [g.reshaped(kept).broadcast(to: s)]
        }
    }

    /// Softmax along the last axis. With y = softmax(x): dx = y ⊙ (g − Σⱼ gⱼyⱼ).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func softmax() -> Variable {
        let y = value.softmax()
        return tape.record(y, inputs: [self]) { g, _ in
            let dotRow = (g * y).sum(alongAxis: y.rank - 1, keepingDimension: true)
            return [y * (g - dotRow)]
        }
    }

    /// Log-softmax along the last axis. With y = log softmax(x): dx = g − softmax(x)·Σⱼ gⱼ.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func logSoftmax() -> Variable {
        let y = value.logSoftmax()
        return tape.record(y, inputs: [self]) { g, _ in
            let total = g.sum(alongAxis: y.rank - 1, keepingDimension: true)
            return [g - y.exp() * total]
        }
    }
}
