import Foundation

/// The modular-addition MLP of Gromov (2023) / Doshi et al.: f(x) = W·(U x)² with
/// x = [onehot(a); onehot(b)] ∈ R^{2p}, U: N × 2p, W: p × N, no biases. On input (a, b) the hidden
/// pre-activation of neuron k is U[k, a] + U[k, p + b].
public struct GromovMLP: Sendable, Equatable {
    public let p: Int
    /// N × 2p input weights.
    public let u: DenseMatrix
    /// p × N output weights.
    public let w: DenseMatrix

    public init(p: Int, u: DenseMatrix, w: DenseMatrix) {
        precondition(u.columns == 2 * p && w.rows == p && w.columns == u.rows, "GromovMLP: shapes")
        self.p = p
        self.u = u
        self.w = w
    }

    public var width: Int { u.rows }

    /// The first operand's embedding, p × N: row a is U[·, a] (the input weights seen by token a).
    /// Its `frequencyNorms` is the Fourier spectrum of the a-side weights.
    public var embeddingA: DenseMatrix { embedding(offset: 0) }

    /// The second operand's embedding, p × N: row b is U[·, p + b].
    public var embeddingB: DenseMatrix { embedding(offset: p) }

    private func embedding(offset: Int) -> DenseMatrix {
        var e = DenseMatrix(rows: p, columns: width)
        for k in 0..<width { for x in 0..<p { e.values[x * width + k] = u.values[k * 2 * p + offset + x] } }
        return e
    }

    /// Gromov's analytic solution: neuron k with frequency σ_k and phases φ1_k, φ2_k has
    /// U[k, n] = cos(2πσ_k n/p + φ1_k), U[k, p + n] = cos(2πσ_k n/p + φ2_k),
    /// W[q, k] = cos(−2πσ_k q/p − φ1_k − φ2_k).
    public static func analyticSolution(p: Int, frequencies: [Int], phases1: [Double], phases2: [Double]) -> GromovMLP {
        let n = frequencies.count
        precondition(phases1.count == n && phases2.count == n)
        var u = DenseMatrix(rows: n, columns: 2 * p), w = DenseMatrix(rows: p, columns: n)
        for k in 0..<n {
            let theta = 2 * Double.pi * Double(frequencies[k]) / Double(p)
            for x in 0..<p {
                u[k, x] = cos(theta * Double(x) + phases1[k])
                u[k, p + x] = cos(theta * Double(x) + phases2[k])
                w[x, k] = cos(-theta * Double(x) - phases1[k] - phases2[k])
            }
        }
        return GromovMLP(p: p, u: u, w: w)
    }

    /// Hidden activations (U x)² on all p² inputs: p² × N, row a·p + b.
    public func hiddenActivations() -> DenseMatrix {
        let n = width
        var h = DenseMatrix(rows: p * p, columns: n)
        u.values.withUnsafeBufferPointer { pu in
            h.values.withUnsafeMutableBufferPointer { ph in
                for k in 0..<n {
                    let row = k * 2 * p
                    for a in 0..<p {
                        let ua = pu[row + a]
                        for b in 0..<p {
                            let z = ua + pu[row + p + b]
                            ph[(a * p + b) * n + k] = z * z
                        }
                    }
                }
            }
        }
        return h
    }

    /// Network outputs on all p² inputs: p² × p, row a·p + b, computed as (U x)²·Wᵀ with BLAS.
    public func logits() -> DenseMatrix { DenseMatrix.product(hiddenActivations(), w, transposeB: true) }
}
