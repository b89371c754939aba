/// The exponentials of a softmax row, e^{xⱼ − m}, written out and summed in one pass: the inner
/// loop of `softmax`, `logSoftmax` and the cross-entropy loss.
///
/// Float uses a polynomial that the compiler vectorizes (libm's `expf` is a call per element and
/// took most of the loss's time in `folio bench`); Double calls the C library's `exp`.
public protocol SoftmaxExponentials: Comparable {
    /// Writes out[j] = e^{x[j] − shift} for j < count and returns their sum (accumulated in order).
    /// Meant for shift ≥ max x, so that every exponent is ≤ 0.
    static func shiftedExponentials(_ x: UnsafePointer<Self>, minus shift: Self, count: Int,
                                    into out: UnsafeMutablePointer<Self>) -> Self
}

extension SoftmaxExponentials {
    /// One row (count ≥ 1) of a stable softmax: m = max x, out[j] = e^{x[j] − m}, and Σⱼ out[j].
    /// softmax(x)ⱼ = out[j]/Σ and log Σⱼ e^{xⱼ} = m + ln Σ.
    @inlinable
    public static func softmaxRow(_ x: UnsafePointer<Self>, count: Int, into out: UnsafeMutablePointer<Self>) -> (max: Self, sum: Self) {
        var m = x[0]
        for j in 1..<count where x[j] > m { m = x[j] }
        return (m, shiftedExponentials(x, minus: m, count: count, into: out))
    }
}

extension Float: SoftmaxExponentials {
    @inlinable
    public static func shiftedExponentials(_ x: UnsafePointer<Float>, minus shift: Float, count: Int,
                                           into out: UnsafeMutablePointer<Float>) -> Float {
        for j in 0..<count { out[j] = nonPositiveExp(x[j] - shift) }
        var sum: Float = 0
        for j in 0..<count { sum += out[j] }
        return sum
    }

    /// eˣ for x ≤ 0 by Cody–Waite range reduction and a degree-7 polynomial (the coefficients of
    /// Cephes' `expf`, S. L. Moshier, Cephes Math Library 2.2):
    /// x = k·ln 2 + r with k = round(x/ln 2), |r| ≤ ½ln 2, and ln 2 split into 0.693359375 (exact in
    /// a few bits) and −2.12194440e-4 so that r is computed without cancellation; then
    /// eʳ ≈ 1 + r + r²·P(r) and eˣ = 2ᵏ·eʳ, with 2ᵏ assembled from its exponent bits.
    ///
    /// Relative error below 1.2e-7 (one ulp; 8.2e-8 measured) against the exact value on [−87, 0], checked in
    /// `SoftmaxExponentialsTests`. Arguments below −87.33 give 2⁻¹²⁶·e^r ≈ 1.2e-38 instead of
    /// underflowing further (negligible beside a softmax row's sum, which is at least 1). NaN
    /// gives NaN. Positive arguments are outside its domain.
    @inlinable @inline(__always)
    static func nonPositiveExp(_ x: Float) -> Float {
        let x = Swift.max(x, -87.33654)  // max(NaN, c) is NaN: the comparison fails and x is kept
        // k = round(x·log₂e): adding 1.5·2²³ rounds to an integer and leaves it in the low mantissa bits.
        let magic: Float = 12_582_912
        let shifted = x * 1.442_695_04 + magic
        let k = shifted - magic
        let r = (x - k * 0.693_359_375) + k * 2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let er = (p * r) * r + r + 1
        let exponent = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: magic.bitPattern) &+ 127
        return er * Float(bitPattern: UInt32(bitPattern: exponent) << 23)
    }
}

extension Double: SoftmaxExponentials {
    @inlinable
    public static func shiftedExponentials(_ x: UnsafePointer<Double>, minus shift: Double, count: Int,
                                           into out: UnsafeMutablePointer<Double>) -> Double {
        var sum: Double = 0
        for j in 0..<count {
            let e = Double.exp(x[j] - shift)
            out[j] = e
            sum += e
        }
        return sum
    }
}
