import Foundation

/// Linear centred kernel alignment (Kornblith, Norouzi, Lee, Hinton 2019, "Similarity of neural
/// network representations revisited"): with X (n×p1) and Y (n×p2) column-centred,
///   CKA(X, Y) = ‖YᵀX‖_F² / (‖XᵀX‖_F · ‖YᵀY‖_F).
/// Invariant to orthogonal transforms and isotropic scaling of either side (and, through centring,
/// to translation): CKA(X, XQ) = 1, CKA(X, 3X + 5) = 1. Independent Gaussian features give
/// ≈ p/(n + p) ≈ p/n for n ≫ p. Rows of X and Y must be the same inputs. Returns 0 when either
/// representation is constant.
public func linearCKA(_ x: DenseMatrix, _ y: DenseMatrix) -> Double {
    precondition(x.rows == y.rows, "linearCKA: representations of \(x.rows) and \(y.rows) inputs")
    let xc = x.columnCentred, yc = y.columnCentred
    let cross = DenseMatrix.product(yc, transposeA: true, xc).frobeniusNorm
    let xx = DenseMatrix.product(xc, transposeA: true, xc).frobeniusNorm
    let yy = DenseMatrix.product(yc, transposeA: true, yc).frobeniusNorm
    guard xx > 0 && yy > 0 else { return 0 }
    return cross * cross / (xx * yy)
}

/// RBF-kernel CKA (Kornblith et al. 2019): K_ij = exp(−‖x_i − x_j‖² / (2σ²)) with
/// σ = bandwidthScale · median_{i<j} ‖x_i − x_j‖ (their "fraction of the median distance"), the same
/// for L on Y, and CKA = ⟨HKH, HLH⟩_F / (‖HKH‖_F · ‖HLH‖_F) with H = I − 11ᵀ/n. O(n²) memory and
/// time: meant for a few thousand inputs at most. Invariant to orthogonal transforms, isotropic
/// scaling and translation (the bandwidth follows the median distance).
public func rbfCKA(_ x: DenseMatrix, _ y: DenseMatrix, bandwidthScale: Double = 1) -> Double {
    precondition(x.rows == y.rows, "rbfCKA: representations of \(x.rows) and \(y.rows) inputs")
    let k = centredGram(rbfGram(x, bandwidthScale: bandwidthScale))
    let l = centredGram(rbfGram(y, bandwidthScale: bandwidthScale))
    var kl = 0.0, kk = 0.0, ll = 0.0
    for i in 0..<k.values.count {
        kl += k.values[i] * l.values[i]
        kk += k.values[i] * k.values[i]
        ll += l.values[i] * l.values[i]
    }
    guard kk > 0 && ll > 0 else { return 0 }
    return kl / (kk.squareRoot() * ll.squareRoot())
}

/// Squared Euclidean distances between the rows of X (n×n), through the Gram matrix XXᵀ.
func squaredDistances(_ x: DenseMatrix) -> DenseMatrix {
    let g = DenseMatrix.product(x, x, transposeB: true)
    let n = x.rows
    var d = DenseMatrix(rows: n, columns: n)
    for i in 0..<n {
        for j in 0..<n {
            d.values[i * n + j] = i == j ? 0 : max(0, g.values[i * n + i] + g.values[j * n + j] - 2 * g.values[i * n + j])
        }
    }
    return d
}

/// The RBF Gram matrix with the median-distance bandwidth (see `rbfCKA`).
func rbfGram(_ x: DenseMatrix, bandwidthScale: Double) -> DenseMatrix {
    var d = squaredDistances(x)
    let n = x.rows
    var off: [Double] = []
    off.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { off.append(d.values[i * n + j]) } }
    off.sort()
    let medianSquared: Double
    if off.isEmpty { medianSquared = 1 } else if off.count % 2 == 1 { medianSquared = off[off.count / 2] } else {
        // median of distances = median of squared distances' square roots (monotone)
        let a = off[off.count / 2 - 1].squareRoot(), b = off[off.count / 2].squareRoot()
        medianSquared = ((a + b) / 2) * ((a + b) / 2)
    }
    let sigma2 = bandwidthScale * bandwidthScale * (medianSquared > 0 ? medianSquared : 1)
    for i in 0..<d.values.count { d.values[i] = exp(-d.values[i] / (2 * sigma2)) }
    return d
}

/// H K H with H = I − 11ᵀ/n: subtract row and column means, add back the grand mean.
func centredGram(_ k: DenseMatrix) -> DenseMatrix {
    let n = k.rows
    var rowMeans = [Double](repeating: 0, count: n)
    var grand = 0.0
    for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s += k.values[i * n + j] }
        rowMeans[i] = s / Double(n)
        grand += s
    }
    grand /= Double(n * n)
    var out = k
    for i in 0..<n { for j in 0..<n { out.values[i * n + j] += grand - rowMeans[i] - rowMeans[j] } }
    return out
}

/// The kind of CKA used by `ckaMatrix`.
public enum CKAKind: Sendable, Equatable {
    case linear
    /// RBF kernel with σ = bandwidthScale · median pairwise distance.
    case rbf(bandwidthScale: Double)
}

/// The symmetric matrix of pairwise CKA values between representations of the same inputs (one
/// n × p_i matrix per run); the diagonal is 1 for any non-constant representation.
public func ckaMatrix(_ representations: [DenseMatrix], kind: CKAKind = .linear) -> DenseMatrix {
    let m = representations.count
    var out = DenseMatrix(rows: m, columns: m)
    for i in 0..<m {
        for j in i..<m {
            let v: Double
            switch kind {
            case .linear: v = linearCKA(representations[i], representations[j])
            case .rbf(let s): v = rbfCKA(representations[i], representations[j], bandwidthScale: s)
            }
            out[i, j] = v
            out[j, i] = v
        }
    }
    return out
}
