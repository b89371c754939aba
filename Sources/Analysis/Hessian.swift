import Tensors
import Foundation

/// Hessian–vector product of the full-batch loss by central differences of gradients:
///   H v ≈ (∇L(w + h·v) − ∇L(w − h·v)) / (2h).
/// The error is O(h²·‖∇³L‖‖v‖³) from truncation plus O(ε_mach·‖∇L‖/h) from rounding; it is exact up
/// to rounding for quadratic losses. The default step makes the perturbation h·v have length
/// ∛ε_mach·max(1, max_i |w_i|) ≈ 6.1e-6·max(1, ‖w‖_∞), which balances the two error terms;
/// pass `step` to set h·‖v‖ yourself.
public func hessianVectorProduct<O: Objective<Double>>(objective: O, at w: [Double], v: [Double], step: Double? = nil) -> [Double] {
    precondition(w.count == objective.dimension && v.count == w.count, "hessianVectorProduct: dimension mismatch")
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    if norm == 0 { return [Double](repeating: 0, count: w.count) }
    let scale = max(1, w.map(abs).max() ?? 0)
    let h = (step ?? cbrt(Double.ulpOfOne) * scale) / norm
    var plus = w, minus = w
    for i in 0..<w.count { plus[i] += h * v[i]; minus[i] -= h * v[i] }
    let gp = objective.lossAndGradient(at: plus, batch: nil).gradient
    let gm = objective.lossAndGradient(at: minus, batch: nil).gradient
    var out = [Double](repeating: 0, count: w.count)
    for i in 0..<w.count { out[i] = (gp[i] - gm[i]) / (2 * h) }
    return out
}

/// The full d×d Hessian of the full-batch loss, column j = H e_j by `hessianVectorProduct`
/// (2d gradient evaluations), symmetrised as (H + Hᵀ)/2. Meant for d up to a few thousand.
public func fullHessian<O: Objective<Double>>(objective: O, at w: [Double], step: Double? = nil) -> Tensor<Double> {
    let d = objective.dimension
    var h = Tensor<Double>.zeros([d, d])
    var e = [Double](repeating: 0, count: d)
    for j in 0..<d {
        e[j] = 1
        let column = hessianVectorProduct(objective: objective, at: w, v: e, step: step)
        for i in 0..<d { h.scalars[i * d + j] = column[i] }
        e[j] = 0
    }
    for i in 0..<d {
        for j in (i + 1)..<max(i + 1, d) {
            let s = 0.5 * (h.scalars[i * d + j] + h.scalars[j * d + i])
            h.scalars[i * d + j] = s
            h.scalars[j * d + i] = s
        }
    }
    return h
}

/// Eigenvalues (ascending) of a symmetric matrix, through LAPACK's dsyevd (only the upper triangle
/// is read).
public func symmetricEigenvalues(_ matrix: Tensor<Double>) -> [Double] {
    symmetricEigendecomposition(matrix, vectors: false).values
}

/// Eigenvalues (ascending) and, when `vectors` is true, the orthonormal eigenvectors as the rows of
/// `vectors` (row i belongs to eigenvalue i), through LAPACK's dsyevd.
public func symmetricEigendecomposition(_ matrix: Tensor<Double>, vectors: Bool = true) -> (values: [Double], vectors: Tensor<Double>?) {
    precondition(matrix.rank == 2 && matrix.shape[0] == matrix.shape[1], "symmetricEigenvalues: matrix of shape \(matrix.shape) is not square")
    let n = matrix.shape[0]
    if n == 0 { return ([], vectors ? Tensor<Double>.zeros([0, 0]) : nil) }
    var a = matrix.scalars
    var w = [Double](repeating: 0, count: n)
    let info = a.withUnsafeMutableBufferPointer { pa in
        w.withUnsafeMutableBufferPointer { pw in
            Double.syevd(n: n, a: pa.baseAddress!, vectors: vectors, eigenvalues: pw.baseAddress!)
        }
    }
    precondition(info == 0, "dsyevd failed with info = \(info)")
    return (w, vectors ? Tensor(shape: [n, n], scalars: a) : nil)
}

/// The full Hessian spectrum (ascending) of the full-batch loss at w: `fullHessian` then dsyevd.
public func hessianSpectrum<O: Objective<Double>>(objective: O, at w: [Double], step: Double? = nil) -> [Double] {
    symmetricEigenvalues(fullHessian(objective: objective, at: w, step: step))
}

/// The number of flat directions: eigenvalues with |λ_i| ≤ relativeThreshold · max_j |λ_j|.
public func flatDirectionCount(eigenvalues: [Double], relativeThreshold: Double = 1e-3) -> Int {
    let top = eigenvalues.map(abs).max() ?? 0
    return eigenvalues.filter { abs($0) <= relativeThreshold * top }.count
}
