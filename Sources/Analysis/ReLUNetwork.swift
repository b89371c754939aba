/// The parameter layout of `ReLURegressionObjective`, a hand-derived known-λ objective: a
/// one-hidden-layer ReLU network f(x) = W2·relu(W1·x + b1) + b2 with W1: h×in, b1: h, W2: out×h,
/// b2: out. Data matrices hold one example per row (n×in). This type goes when that objective
/// leaves Analysis (issue 13); analyses of trained ReLU networks (`{prune}`) use Learning's MLP.
public struct ReLUNetwork: Sendable, Equatable {
    public var w1: DenseMatrix
    public var b1: [Double]
    public var w2: DenseMatrix
    public var b2: [Double]

    public init(w1: DenseMatrix, b1: [Double], w2: DenseMatrix, b2: [Double]) {
        precondition(b1.count == w1.rows && w2.columns == w1.rows && b2.count == w2.rows, "ReLUNetwork: shapes")
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
    }

    public var inputCount: Int { w1.columns }
    public var hiddenCount: Int { w1.rows }
    public var outputCount: Int { w2.rows }

    /// Nominal parameter count h·in + h + out·h + out.
    public var parameterCount: Int { hiddenCount * inputCount + hiddenCount + outputCount * hiddenCount + outputCount }

    /// Parameters flattened as W1, b1, W2, b2 (row-major), the layout of `ReLURegressionObjective`.
    public var flatParameters: [Double] { w1.values + b1 + w2.values + b2 }

    /// The network with the same shape and the given flat parameters (layout of `flatParameters`).
    public func with(flatParameters p: [Double]) -> ReLUNetwork {
        precondition(p.count == parameterCount)
        let h = hiddenCount, i = inputCount, o = outputCount
        var offset = 0
        func take(_ n: Int) -> [Double] { defer { offset += n }; return Array(p[offset..<(offset + n)]) }
        let w1 = DenseMatrix(rows: h, columns: i, values: take(h * i))
        let b1 = take(h)
        let w2 = DenseMatrix(rows: o, columns: h, values: take(o * h))
        return ReLUNetwork(w1: w1, b1: b1, w2: w2, b2: take(o))
    }

    /// Pre-activations Z = X·W1ᵀ + b1 (n×h).
    public func preActivations(_ x: DenseMatrix) -> DenseMatrix {
        precondition(x.columns == inputCount, "ReLUNetwork: data has \(x.columns) columns, network \(inputCount) inputs")
        var z = DenseMatrix.product(x, w1, transposeB: true)
        for r in 0..<z.rows { for j in 0..<z.columns { z.values[r * z.columns + j] += b1[j] } }
        return z
    }
}
