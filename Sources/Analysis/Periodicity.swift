import Foundation

/// Magnitudes of the real DFT of v (the bins numpy's `rfft` returns): for f = 0..⌊L/2⌋,
/// F_f = |Σ_n v_n·e^{−2πi·f·n/L}|. Computed directly in O(L²), fine for L ≈ 100.
public func rfftMagnitudes(_ v: [Double]) -> [Double] {
    let n = v.count
    guard n > 0 else { return [] }
    // Twiddle table: e^{−2πi·m/L} for m = 0..<L, indexed by (f·t) mod L.
    let cosTable = (0..<n).map { cos(2 * Double.pi * Double($0) / Double(n)) }
    let sinTable = (0..<n).map { sin(2 * Double.pi * Double($0) / Double(n)) }
    return (0...(n / 2)).map { f in
        var re = 0.0, im = 0.0, index = 0
        for t in 0..<n {
            re += v[t] * cosTable[index]
            im -= v[t] * sinTable[index]
            index += f
            if index >= n { index -= n }
        }
        return (re * re + im * im).squareRoot()
    }
}

/// Periodicity of a weight row as the inverse participation ratio of its spectrum:
/// F = |rfft(v)|, IPR = Σ_f (F_f / ‖F‖)⁴. A pure cosine of one frequency gives 1; a random row of
/// length ≈ 100 gives ≈ 0.04 (≈ 2/(L/2 + 1)); 0 for the zero row.
public func ipr(row v: [Double]) -> Double {
    let f = rfftMagnitudes(v)
    let norm2 = f.reduce(0) { $0 + $1 * $1 }
    guard norm2 > 0 else { return 0 }
    return f.reduce(0) { $0 + ($1 * $1 / norm2) * ($1 * $1 / norm2) }
}
