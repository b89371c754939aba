import XCTest
@testable import Analysis

/// A 4 → 7 → 2 tanh network (51 parameters) with loss ½·mean‖f(x) − y‖² on 30 random examples and
/// a hand-written backpropagation gradient (checked against finite differences below).
struct TanhNetworkObjective: Objective {
    let inputs = 4, hidden = 7, outputs = 2
    let x: [[Double]], y: [[Double]]
    var dimension: Int { hidden * inputs + hidden + outputs * hidden + outputs }
    var sampleCount: Int { x.count }

    init(seed: UInt64) {
        var rng = SeededNormal(seed: seed)
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
    func plantedMatrix(_ lambdas: [Double], seed: UInt64) -> DenseMatrix {
        let n = lambdas.count
        var rng = SeededNormal(seed: seed)
        var s = DenseMatrix(rows: n, columns: n, values: rng.normals(n * n))
        s = DenseMatrix(rows: n, columns: n, values: zip(s.values, s.transposed.values).map { $0 + $1 })
        let q = symmetricEigendecomposition(s).vectors!   // rows are orthonormal eigenvectors
        var a = DenseMatrix(rows: n, columns: n)
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
        var rng = SeededNormal(seed: 5)
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
        var rng = SeededNormal(seed: 3)
        let w = rng.normals(51, std: 0.7)
        XCTAssertLessThan(maxAbsDifference(objective.gradient(at: w), finiteDifferenceGradient(objective, at: w)), 1e-8)
    }

    /// Lanczos top-k (30 iterations, d = 51) matches the top of the full finite-difference spectrum.
    func testLanczosTopKMatchesFullSpectrumOnTanhNetwork() {
        let objective = TanhNetworkObjective(seed: 2)
        var rng = SeededNormal(seed: 3)
        let w = rng.normals(51, std: 0.7)
        let full = hessianSpectrum(objective: objective, at: w)
        let top = lanczosTopEigenvalues(k: 5, objective: objective, at: w, seed: 7)
        XCTAssertEqual(top.count, 5)
        let expected = Array(full.reversed().prefix(5))
        for (l, e) in zip(top, expected) { XCTAssertEqual(l, e, accuracy: 1e-6 * expected[0]) }
        // The full Hessian is symmetric and agrees with finite differences of the gradient.
        let h = fullHessian(objective: objective, at: w)
        XCTAssertEqual(h, h.transposed)
        print("tanh Hessian top", expected, "lanczos", top)
    }
}
