import Foundation
import Tensors

/// The orthonormal Fourier basis over Z_p used by Nanda et al. (2023, "Progress measures for
/// grokking via mechanistic interpretability"): rows indexed by basis function, columns by x ∈ 0..<p:
///   row 0: 1/√p;  then for k = 1..⌊p/2⌋: cos(2πkx/p)/‖·‖ and sin(2πkx/p)/‖·‖,
/// each normalised to unit length (‖cos_k‖ = ‖sin_k‖ = √(p/2), except for even p at k = p/2, whose
/// cosine has norm √p and whose sine vanishes and is omitted). The basis has exactly p rows and is
/// orthonormal: B·Bᵀ = I.
public struct FourierBasis: Sendable, Equatable {
    public let p: Int
    /// p × p, row-major, rows are the basis functions.
    public let matrix: Tensor<Double>
    /// The frequency of each row (0 for the constant row).
    public let frequencies: [Int]
    /// "const", "cos k", "sin k" for each row.
    public let labels: [String]

    public init(p: Int) {
        precondition(p >= 2, "FourierBasis: p must be at least 2")
        var rows: [[Double]] = [[Double](repeating: 1 / Double(p).squareRoot(), count: p)]
        var freqs = [0], labels = ["const"]
        for k in 1...(p / 2) {
            for (isSine, name) in [(false, "cos"), (true, "sin")] {
                if isSine && 2 * k == p { continue }
                var row = (0..<p).map { x -> Double in
                    let angle = 2 * Double.pi * Double(k * x % p) / Double(p)
                    return isSine ? sin(angle) : cos(angle)
                }
                let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
                row = row.map { $0 / norm }
                rows.append(row)
                freqs.append(k)
                labels.append("\(name) \(k)")
            }
        }
        self.p = p
        matrix = Tensor(rows: rows)
        frequencies = freqs
        self.labels = labels
    }

    /// ⌊p/2⌋, the largest frequency.
    public var maxFrequency: Int { p / 2 }

    /// The basis rows that belong to frequency k (k = 0 is the constant row).
    public func rows(forFrequency k: Int) -> [Int] { frequencies.indices.filter { frequencies[$0] == k } }

    /// Coefficients C = B·M of a matrix whose rows are indexed by x ∈ Z_p (p × d → p × d).
    public func coefficients(of m: Tensor<Double>) -> Tensor<Double> {
        precondition(m.rank == 2 && m.shape[0] == p, "FourierBasis: matrix of shape \(m.shape), expected p = \(p) rows")
        return matrix.matmul(m)
    }

    /// The component of M (p × d) in the span of the given frequencies (and the constant row when
    /// `includeConstant`): Bᵀ·P_S·B·M, with P_S keeping the coefficient rows of S.
    public func component(of m: Tensor<Double>, frequencies keep: [Int], includeConstant: Bool) -> Tensor<Double> {
        var c = coefficients(of: m)
        let kept = Set(keep + (includeConstant ? [0] : [])), d = c.shape[1]
        for r in 0..<p where !kept.contains(frequencies[r]) {
            for j in 0..<d { c.scalars[r * d + j] = 0 }
        }
        return matrix.matmul(c, transposeSelf: true)
    }
}
