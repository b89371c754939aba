import XCTest
import Tensors
@testable import Analysis

final class CKATests: XCTestCase {
    func randomOrthogonal(_ n: Int, seed: UInt64) -> Tensor<Double> {
        var rng = RandomGenerator(seed: seed)
        let s = Tensor(shape: [n, n], scalars: rng.normals(n * n))
        let sym = Tensor(shape: [n, n], scalars: zip(s.scalars, s.transposed().scalars).map { $0 + $1 })
        return symmetricEigendecomposition(sym).vectors!
    }

    func testInvariances() {
        var rng = RandomGenerator(seed: 1)
        let x = Tensor(shape: [200, 12], scalars: rng.normals(2400))
        let q = randomOrthogonal(12, seed: 2)
        let xq = x.matmul(q)
        var affine = x
        for i in 0..<affine.scalars.count { affine.scalars[i] = 3 * affine.scalars[i] + 5 }
        XCTAssertEqual(linearCKA(x, xq), 1, accuracy: 1e-12)
        XCTAssertEqual(linearCKA(x, affine), 1, accuracy: 1e-12)
        XCTAssertEqual(linearCKA(x, x), 1, accuracy: 1e-12)
        XCTAssertEqual(rbfCKA(x, xq), 1, accuracy: 1e-10)
        XCTAssertEqual(rbfCKA(x, affine), 1, accuracy: 1e-10)
        // A non-isotropic scaling does change it.
        var stretched = x
        for r in 0..<200 { stretched[r, 0] *= 10 }
        XCTAssertLessThan(linearCKA(x, stretched), 0.9)
    }

    /// A closed form worked by hand: X has two centred, orthogonal columns with squared norms a and b,
    /// Y is X's first column. Then XᵀX = diag(a, b), YᵀY = a, YᵀX = (a, 0), so
    ///   CKA = a² / (√(a² + b²) · a) = a / √(a² + b²).
    /// With columns ±2 and ±1 on n = 8 rows, a = 32 and b = 8, so CKA = 32/√1088 = 4/√17.
    func testLinearCKAClosedFormOnOrthogonalColumns() {
        let n = 8
        // Columns ±2 and ±1 in orthogonal, mean-zero sign patterns (Walsh functions).
        let first: [Double] = [1, 1, 1, 1, -1, -1, -1, -1].map { 2 * $0 }
        let second: [Double] = [1, 1, -1, -1, 1, 1, -1, -1]
        let x = Tensor(shape: [n, 2], scalars: (0..<n).flatMap { [first[$0], second[$0]] })
        let y = Tensor(shape: [n, 1], scalars: first)
        XCTAssertEqual(linearCKA(x, y), 4 / 17.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(linearCKA(y, x), 4 / 17.0.squareRoot(), accuracy: 1e-14)
    }

    /// Linear CKA through an independent formula: the HSIC form with Gram matrices,
    ///   CKA = ⟨HKH, HLH⟩ / (‖HKH‖·‖HLH‖),  K = XXᵀ, L = YYᵀ, H = I − 11ᵀ/n,
    /// which Kornblith et al. show equals the feature-space form the code uses.
    func testLinearCKAEqualsTheGramMatrixForm() {
        var rng = RandomGenerator(seed: 30)
        let x = Tensor(shape: [40, 5], scalars: rng.normals(200))
        var y = Tensor(shape: [40, 3], scalars: rng.normals(120))
        for r in 0..<40 { y[r, 0] += 2 * x[r, 1] - x[r, 3] }   // partly shared
        XCTAssertEqual(linearCKA(x, y), gramFormCKA(x, y), accuracy: 1e-12)
    }

    /// The HSIC (Gram-matrix) form of linear CKA, written out with loops.
    private func gramFormCKA(_ x: Tensor<Double>, _ y: Tensor<Double>) -> Double {
        let n = x.shape[0]
        func centredGram(_ m: Tensor<Double>) -> [[Double]] {
            var k = (0..<n).map { i in (0..<n).map { j in (0..<m.shape[1]).reduce(0.0) { $0 + m[i, $1] * m[j, $1] } } }
            let rowMean = k.map { $0.reduce(0, +) / Double(n) }
            let grand = rowMean.reduce(0, +) / Double(n)
            for i in 0..<n { for j in 0..<n { k[i][j] += grand - rowMean[i] - rowMean[j] } }
            return k
        }
        let k = centredGram(x), l = centredGram(y)
        var kl = 0.0, kk = 0.0, ll = 0.0
        for i in 0..<n { for j in 0..<n { kl += k[i][j] * l[i][j]; kk += k[i][j] * k[i][j]; ll += l[i][j] * l[i][j] } }
        return kl / (kk.squareRoot() * ll.squareRoot())
    }

    /// Independent Gaussian features (n = 1000, p = 10): CKA ≈ p/n (≈ p/(n + p) to first order, from
    /// E‖YᵀX‖² = n·p² and E tr((XᵀX)²) = n·p·(n + p + 1) for a Wishart matrix). The numerator is
    /// close to a χ² with p² = 100 degrees of freedom, so one seed's CKA has a relative standard
    /// deviation of about √(2/100) = 14% and the mean of 5 seeds a standard error of about 6%: the
    /// 25% band is 4 standard errors (measured: 0.0111, 11% above p/n).
    func testIndependentFeaturesGiveBaseline() {
        let n = 1000, p = 10
        var values: [Double] = []
        for s in 0..<5 {
            var rng = RandomGenerator(seed: 10 + UInt64(s))
            let x = Tensor(shape: [n, p], scalars: rng.normals(n * p))
            let y = Tensor(shape: [n, p], scalars: rng.normals(n * p))
            values.append(linearCKA(x, y))
        }
        let mean = values.reduce(0, +) / 5
        print("independent CKA", mean, "p/n", Double(p) / Double(n))
        XCTAssertEqual(mean, Double(p) / Double(n), accuracy: 0.25 * Double(p) / Double(n))
        // RBF CKA of independent features is also small, but not 0: a finite sample's kernels are
        // positively aligned by chance (and an estimator returning 0 fails the invariance tests,
        // where it must give 1).
        var rng = RandomGenerator(seed: 20)
        let x = Tensor(shape: [200, 5], scalars: rng.normals(1000))
        let y = Tensor(shape: [200, 5], scalars: rng.normals(1000))
        XCTAssertLessThan(rbfCKA(x, y), 0.1)
        XCTAssertGreaterThan(rbfCKA(x, y), 0)
    }

    func testCKAMatrix() {
        var rng = RandomGenerator(seed: 3)
        let a = Tensor(shape: [100, 6], scalars: rng.normals(600))
        let b = a.matmul(randomOrthogonal(6, seed: 4))
        let c = Tensor(shape: [100, 8], scalars: rng.normals(800))
        // Every entry (i, j), above and below the diagonal, is the pairwise CKA of runs i and j in that
        // order; the linear pairs also through the independent Gram-matrix form.
        let runs = [a, b, c]
        for kind in [CKAKind.linear, .rbf(bandwidthScale: 1)] {
            let m = ckaMatrix(runs, kind: kind)
            for i in 0..<3 {
                for j in 0..<3 {
                    let pair: Double
                    switch kind {
                    case .linear: pair = gramFormCKA(runs[i], runs[j])
                    case .rbf(let s): pair = rbfCKA(runs[i], runs[j], bandwidthScale: s)
                    }
                    XCTAssertEqual(m[i, j], pair, accuracy: 1e-10, "\(kind) entry (\(i), \(j))")
                }
            }
            XCTAssertEqual(m[0, 1], 1, accuracy: 1e-10)
            XCTAssertLessThan(m[0, 2], 0.3)
        }
    }
}
