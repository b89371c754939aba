import Foundation
import Tensors

/// Linear centred kernel alignment (Kornblith, Norouzi, Lee, Hinton 2019, "Similarity of neural
/// network representations revisited"): with X (n×p1) and Y (n×p2) column-centred,
///   CKA(X, Y) = ‖YᵀX‖_F² / (‖XᵀX‖_F · ‖YᵀY‖_F).
/// Invariant to orthogonal transforms and isotropic scaling of either side (and, through centring,
/// to translation): CKA(X, XQ) = 1, CKA(X, 3X + 5) = 1. Independent Gaussian features give
/// ≈ p/(n + p) ≈ p/n for n ≫ p. Rows of X and Y must be the same inputs. Returns 0 when either
/// representation is constant.
public func linearCKA(_ x: Tensor<Double>, _ y: Tensor<Double>) -> Double {
    precondition(x.shape[0] == y.shape[0], "linearCKA: representations of \(x.shape[0]) and \(y.shape[0]) inputs")
    let xc = x.columnCentred(), yc = y.columnCentred()
    let cross = yc.matmul(xc, transposeSelf: true).norm
    let xx = xc.matmul(xc, transposeSelf: true).norm
    let yy = yc.matmul(yc, transposeSelf: true).norm
    guard xx > 0 && yy > 0 else { return 0 }
    return cross * cross / (xx * yy)
}

/// RBF-kernel CKA (Kornblith et al. 2019): K_ij = exp(−‖x_i − x_j‖² / (2σ²)) with
/// σ = bandwidthScale · median_{i<j} ‖x_i − x_j‖ (their "fraction of the median distance"), the same
/// for L on Y, and CKA = ⟨HKH, HLH⟩_F / (‖HKH‖_F · ‖HLH‖_F) with H = I − 11ᵀ/n. O(n²) memory and
/// time: meant for a few thousand inputs at most. Invariant to orthogonal transforms, isotropic
/// scaling and translation (the bandwidth follows the median distance).
public func rbfCKA(_ x: Tensor<Double>, _ y: Tensor<Double>, bandwidthScale: Double = 1) -> Double {
    precondition(x.shape[0] == y.shape[0], "rbfCKA: representations of \(x.shape[0]) and \(y.shape[0]) inputs")
    let k = centredGram(rbfGram(x, bandwidthScale: bandwidthScale))
    let l = centredGram(rbfGram(y, bandwidthScale: bandwidthScale))
    var kl = 0.0, kk = 0.0, ll = 0.0
    for i in 0..<k.count {
        kl += k.scalars[i] * l.scalars[i]
        kk += k.scalars[i] * k.scalars[i]
        ll += l.scalars[i] * l.scalars[i]
    }
    guard kk > 0 && ll > 0 else { return 0 }
    return kl / (kk.squareRoot() * ll.squareRoot())
}

/// Squared Euclidean distances between the rows of X (n×n), through the Gram matrix XXᵀ.
func squaredDistances(_ x: Tensor<Double>) -> Tensor<Double> {
    let g = x.matmul(x, transposeOther: true).scalars
    let n = x.shape[0]
    var d = Tensor<Double>.zeros([n, n])
    for i in 0..<n {
        for j in 0..<n {
            d.scalars[i * n + j] = i == j ? 0 : max(0, g[i * n + i] + g[j * n + j] - 2 * g[i * n + j])
        }
    }
    return d
}

/// The RBF Gram matrix with the median-distance bandwidth (see `rbfCKA`).
func rbfGram(_ x: Tensor<Double>, bandwidthScale: Double) -> Tensor<Double> {
    var d = squaredDistances(x)
    let n = x.shape[0]
    var off: [Double] = []
    off.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { off.append(d.scalars[i * n + j]) } }
    off.sort()
    let medianSquared: Double
    if off.isEmpty { medianSquared = 1 } else if off.count % 2 == 1 { medianSquared = off[off.count / 2] } else {
        // median of distances = median of squared distances' square roots (monotone)
        let a = off[off.count / 2 - 1].squareRoot(), b = off[off.count / 2].squareRoot()
        medianSquared = ((a + b) / 2) * ((a + b) / 2)
    }
    let sigma2 = bandwidthScale * bandwidthScale * (medianSquared > 0 ? medianSquared : 1)
    for i in 0..<d.count { d.scalars[i] = exp(-d.scalars[i] / (2 * sigma2)) }
    return d
}

/// H K H with H = I − 11ᵀ/n: subtract row and column means, add back the grand mean.
func centredGram(_ k: Tensor<Double>) -> Tensor<Double> {
    let n = k.shape[0]
    var rowMeans = [Double](repeating: 0, count: n)
    var grand = 0.0
    for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s += k.scalars[i * n + j] }
        rowMeans[i] = s / Double(n)
        grand += s
    }
    grand /= Double(n * n)
    var out = k
    for i in 0..<n { for j in 0..<n { out.scalars[i * n + j] += grand - rowMeans[i] - rowMeans[j] } }
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
public func ckaMatrix(_ representations: [Tensor<Double>], kind: CKAKind = .linear) -> Tensor<Double> {
    let m = representations.count
    var out = Tensor<Double>.zeros([m, m])
    for i in 0..<m {
        for j in i..<m {
            let v: Double
            switch kind {
            case .linear: v = linearCKA(representations[i], representations[j])
            case .rbf(let s): v = rbfCKA(representations[i], representations[j], bandwidthScale: s)
            }
            out.scalars[i * m + j] = v
            out.scalars[j * m + i] = v
        }
    }
    return out
}
