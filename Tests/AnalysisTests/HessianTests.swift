import XCTest
import Tensors
@testable import Analysis

/// A 4 → 7 → 2 tanh network (51 parameters) with loss ½·mean‖f(x) − y‖² on 30 random examples and
/// a hand-written backpropagation gradient (checked against finite differences below).
struct TanhNetworkObjective: Objective {
    let inputs = 4, hidden = 7, outputs = 2
    let x: [[Double]], y: [[Double]]
    var dimension: Int { hidden * inputs + hidden + outputs * hidden + outputs }
    var sampleCount: Int { x.count }

    init(seed: UInt64) {
        var rng = RandomGenerator(seed: seed)
        x = (0..<30).map { _ in rng.normals(4) }
        y = (0..<30).map { _ in rng.normals(2) }
    }

    func loss(at w: [Double], batch: [Int]?) -> Double { lossAndGradient(at: w, batch: batch).loss }

    func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) {
        let w1 = 0, b1 = hidden * inputs, w2 = b1 + hidden, b2 = w2 + outputs * hidden
        var g = [Double](repeating: 0, count: dimension)
        let rows = batch ?? Array(0..<x.count)
        let scale = 1 / Double(rows.count)
        var loss = 0.0
        for j in rows {
            var a = [Double](repeating: 0, count: hidden)
            for h in 0..<hidden {
                var z = w[b1 + h]
                for i in 0..<inputs { z += w[w1 + h * inputs + i] * x[j][i] }
                a[h] = tanh(z)
            }
            var e = [Double](repeating: 0, count: outputs)
            for o in 0..<outputs {
                var f = w[b2 + o]
                for h in 0..<hidden { f += w[w2 + o * hidden + h] * a[h] }
                e[o] = f - y[j][o]
                loss += 0.5 * e[o] * e[o] * scale
            }
            for o in 0..<outputs {
                g[b2 + o] += e[o] * scale
                for h in 0..<hidden { g[w2 + o * hidden + h] += e[o] * a[h] * scale }
            }
            for h in 0..<hidden {
                var da = 0.0
                for o in 0..<outputs { da += w[w2 + o * hidden + h] * e[o] }
                let dz = da * (1 - a[h] * a[h]) * scale
                g[b1 + h] += dz
                for i in 0..<inputs { g[w1 + h * inputs + i] += dz * x[j][i] }
            }
        }
        return (loss, g)
    }
}

final class HessianTests: XCTestCase {
    /// A symmetric matrix with prescribed spectrum: Q·diag(λ)·Qᵀ with Q the eigenvectors of a random
    /// symmetric matrix.
    func plantedMatrix(_ lambdas: [Double], seed: UInt64) -> Tensor<Double> {
        let n = lambdas.count
        var rng = RandomGenerator(seed: seed)
        var s = Tensor(shape: [n, n], scalars: rng.normals(n * n))
        s = Tensor(shape: [n, n], scalars: zip(s.scalars, s.transposed().scalars).map { $0 + $1 })
        let q = symmetricEigendecomposition(s).vectors!   // rows are orthonormal eigenvectors
        var a = Tensor<Double>.zeros([n, n])
        for i in 0..<n { for j in 0..<n {
            var acc = 0.0
            for k in 0..<n { acc += q[k, i] * lambdas[k] * q[k, j] }
            a[i, j] = acc
        } }
        return a
    }

    func testQuadraticFormSpectrumMatchesLAPACK() {
        let lambdas = [0, 0, 0, 1e-3, 0.5, 1, 2, 3.5, 4, 7, 9, 10, -2, 12, 15, 0.25, 6, 8, 11, 20].sorted()
        let a = plantedMatrix(lambdas, seed: 4)
        let direct = symmetricEigenvalues(a)
        for (x, y) in zip(direct, lambdas) { XCTAssertEqual(x, y, accuracy: 1e-10) }
        var rng = RandomGenerator(seed: 5)
        let objective = QuadraticObjective(hessian: a, center: rng.normals(20), sampleCount: 100)
        let w = rng.normals(20)
        // H v = A v.
        let v = rng.normals(20)
        let hv = hessianVectorProduct(objective: objective, at: w, v: v)
        let av = (0..<20).map { i in (0..<20).reduce(0.0) { $0 + a[i, $1] * v[$1] } }
        XCTAssertLessThan(maxAbsDifference(hv, av), 1e-8)
        let spectrum = hessianSpectrum(objective: objective, at: w)
        XCTAssertLessThan(maxAbsDifference(spectrum, direct), 1e-8)
        XCTAssertEqual(flatDirectionCount(eigenvalues: spectrum, relativeThreshold: 1e-6), 3)
        XCTAssertEqual(flatDirectionCount(eigenvalues: spectrum, relativeThreshold: 1e-3), 4)
        // Lanczos on the quadratic form recovers the top of the spectrum.
        let top = lanczosTopEigenvalues(k: 3, objective: objective, at: w, seed: 1)
        XCTAssertLessThan(maxAbsDifference(top, [20, 15, 12]), 1e-7)
    }

    func testTanhNetworkGradientMatchesFiniteDifferences() {
        let objective = TanhNetworkObjective(seed: 2)
        XCTAssertEqual(objective.dimension, 51)
        var rng = RandomGenerator(seed: 3)
        let w = rng.normals(51, std: 0.7)
        XCTAssertLessThan(maxAbsDifference(objective.gradient(at: w), finiteDifferenceGradient(objective, at: w)), 1e-8)
    }

    /// Lanczos top-k (30 iterations, d = 51) matches the top of the full finite-difference spectrum.
    func testLanczosTopKMatchesFullSpectrumOnTanhNetwork() {
        let objective = TanhNetworkObjective(seed: 2)
        var rng = RandomGenerator(seed: 3)
        let w = rng.normals(51, std: 0.7)
        let full = hessianSpectrum(objective: objective, at: w)
        let top = lanczosTopEigenvalues(k: 5, objective: objective, at: w, seed: 7)
        XCTAssertEqual(top.count, 5)
        let expected = Array(full.reversed().prefix(5))
        for (l, e) in zip(top, expected) { XCTAssertEqual(l, e, accuracy: 1e-6 * expected[0]) }
        print("tanh Hessian top", expected, "lanczos", top)
    }

    /// The full Hessian against an oracle that never calls the gradient: second differences of the
    /// loss, H_ij ≈ [L(w+he_i+he_j) − L(w+he_i−he_j) − L(w−he_i+he_j) + L(w−he_i−he_j)]/(4h²), h = 1e-4.
    /// Truncation is O(h²·‖∇⁴L‖) ≈ 1e-8 and rounding O(ε·L/h²) ≈ 1e-8 (L ≈ 1 here), so entries must
    /// agree within 1e-6 (the entries themselves are of order 0.1–1).
    func testFullHessianMatchesSecondDifferencesOfTheLoss() {
        let objective = TanhNetworkObjective(seed: 2)
        var rng = RandomGenerator(seed: 3)
        let w = rng.normals(51, std: 0.7)
        let h = fullHessian(objective: objective, at: w)
        let step = 1e-4, d = objective.dimension
        func loss(_ i: Int, _ si: Double, _ j: Int, _ sj: Double) -> Double {
            var x = w
            x[i] += si * step
            x[j] += sj * step
            return objective.loss(at: x, batch: nil)
        }
        var worst = 0.0, largest = 0.0
        for i in 0..<d {
            for j in i..<d {
                let oracle = (loss(i, 1, j, 1) - loss(i, 1, j, -1) - loss(i, -1, j, 1) + loss(i, -1, j, -1)) / (4 * step * step)
                worst = max(worst, abs(h[i, j] - oracle), abs(h[j, i] - oracle))
                largest = max(largest, abs(oracle))
            }
        }
        XCTAssertGreaterThan(largest, 0.1, "the oracle Hessian is not trivially zero")
        XCTAssertLessThan(worst, 1e-6, "full Hessian vs second differences of the loss")
    }

    /// `fullHessian` returns the symmetric part (J + Jᵀ)/2 of the gradient's Jacobian J, the nearest
    /// symmetric matrix to it in Frobenius norm. A gradient computed in floating point or on
    /// minibatches is not exactly a conservative field, and dsyevd reads only the upper triangle, so
    /// without the symmetrisation the spectrum would depend on which triangle was read. Oracle: the
    /// "gradient" field g(w) = B·w with a non-symmetric B, whose Jacobian is B exactly (the central
    /// difference of a linear map has no truncation error); the result must be (B + Bᵀ)/2, whose
    /// eigenvalues here are worked by hand.
    func testFullHessianIsTheSymmetricPartOfTheJacobian() {
        // B = [[2, 3], [1, 4]]: (B + Bᵀ)/2 = [[2, 2], [2, 4]], eigenvalues 3 ± √5.
        let b = [[2.0, 3], [1, 4]]
        let field = ClosureObjective(dimension: 2, sampleCount: 1) { w, _ in
            (0, [b[0][0] * w[0] + b[0][1] * w[1], b[1][0] * w[0] + b[1][1] * w[1]])
        }
        let h = fullHessian(objective: field, at: [0.3, -0.7])
        let expected = [[2.0, 2], [2, 4]]
        for i in 0..<2 { for j in 0..<2 { XCTAssertEqual(h[i, j], expected[i][j], accuracy: 1e-9, "H[\(i), \(j)]") } }
        let spectrum = hessianSpectrum(objective: field, at: [0.3, -0.7])
        XCTAssertEqual(spectrum[0], 3 - 5.0.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(spectrum[1], 3 + 5.0.squareRoot(), accuracy: 1e-9)
    }
}
