import XCTest
@testable import Analysis

final class CKATests: XCTestCase {
    func randomOrthogonal(_ n: Int, seed: UInt64) -> DenseMatrix {
        var rng = SeededNormal(seed: seed)
        let s = DenseMatrix(rows: n, columns: n, values: rng.normals(n * n))
        let sym = DenseMatrix(rows: n, columns: n, values: zip(s.values, s.transposed.values).map { $0 + $1 })
        return symmetricEigendecomposition(sym).vectors!
    }

    func testInvariances() {
        var rng = SeededNormal(seed: 1)
        let x = DenseMatrix(rows: 200, columns: 12, values: rng.normals(2400))
        let q = randomOrthogonal(12, seed: 2)
        let xq = x * q
        var affine = x
        for i in 0..<affine.values.count { affine.values[i] = 3 * affine.values[i] + 5 }
        XCTAssertEqual(linearCKA(x, xq), 1, accuracy: 1e-12)
        XCTAssertEqual(linearCKA(x, affine), 1, accuracy: 1e-12)
        XCTAssertEqual(linearCKA(x, x), 1, accuracy: 1e-12)
        XCTAssertEqual(rbfCKA(x, xq), 1, accuracy: 1e-10)
        XCTAssertEqual(rbfCKA(x, affine), 1, accuracy: 1e-10)
        // Symmetric, and a non-isotropic scaling does change it.
        var stretched = x
        for r in 0..<200 { stretched[r, 0] *= 10 }
        XCTAssertEqual(linearCKA(x, stretched), linearCKA(stretched, x), accuracy: 1e-14)
        XCTAssertLessThan(linearCKA(x, stretched), 0.9)
    }

    /// Independent Gaussian features (n = 1000, p = 10): CKA ≈ p/n (exactly ≈ p/(n + p) in
    /// expectation); the mean over 5 seeds lies within 25% of p/n.
    func testIndependentFeaturesGiveBaseline() {
        let n = 1000, p = 10
        var values: [Double] = []
        for s in 0..<5 {
            var rng = SeededNormal(seed: 10 + UInt64(s))
            let x = DenseMatrix(rows: n, columns: p, values: rng.normals(n * p))
            let y = DenseMatrix(rows: n, columns: p, values: rng.normals(n * p))
            values.append(linearCKA(x, y))
        }
        let mean = values.reduce(0, +) / 5
        print("independent CKA", mean, "p/n", Double(p) / Double(n))
        XCTAssertEqual(mean, Double(p) / Double(n), accuracy: 0.25 * Double(p) / Double(n))
        // RBF CKA of independent features is also small.
        var rng = SeededNormal(seed: 20)
        let x = DenseMatrix(rows: 200, columns: 5, values: rng.normals(1000))
        let y = DenseMatrix(rows: 200, columns: 5, values: rng.normals(1000))
        XCTAssertLessThan(rbfCKA(x, y), 0.1)
    }

    func testCKAMatrix() {
        var rng = SeededNormal(seed: 3)
        let a = DenseMatrix(rows: 100, columns: 6, values: rng.normals(600))
        let b = a * randomOrthogonal(6, seed: 4)
        let c = DenseMatrix(rows: 100, columns: 8, values: rng.normals(800))
        for kind in [CKAKind.linear, .rbf(bandwidthScale: 1)] {
            let m = ckaMatrix([a, b, c], kind: kind)
            for i in 0..<3 { XCTAssertEqual(m[i, i], 1, accuracy: 1e-10) }
            XCTAssertEqual(m[0, 1], 1, accuracy: 1e-10)
            XCTAssertEqual(m[0, 2], m[2, 0])
            XCTAssertLessThan(m[0, 2], 0.3)
        }
    }
}
