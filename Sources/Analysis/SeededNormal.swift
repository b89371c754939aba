import Foundation
import Tensors

/// The Analysis module's seeded generator: uniform bits from `Tensors.RandomGenerator`
/// (xoshiro256** seeded through SplitMix64, Blackman & Vigna 2018) and standard normal draws by
/// the Box–Muller transform (Box & Muller 1958), both values of each pair used.
///
/// - `uniform()` is in [0, 1) with 53 random bits: (next() >> 11)·2⁻⁵³.
/// - `normal()` uses u1 = 1 − uniform() ∈ (0, 1], u2 = uniform(), r = √(−2 ln u1):
///   z0 = r·cos(2πu2), z1 = r·sin(2πu2); z1 is cached for the next call.
///
/// The same seed gives the same sequence on every platform. Value type: copy it to fork a stream.
public struct SeededNormal: RandomNumberGenerator, Sendable {
    private var bits: RandomGenerator
    private var cachedNormal: Double?

    public init(seed: UInt64) {
        bits = RandomGenerator(seed: seed)
        cachedNormal = nil
    }

    public mutating func next() -> UInt64 { bits.next() }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in 0..<bound (Lemire's nearly-divisionless rejection would be faster; a
    /// plain rejection on the top bits keeps it simple and unbiased).
    public mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        let limit = UInt64.max - (UInt64.max % b)
        while true {
            let r = next()
            if r < limit { return Int(r % b) }
        }
    }

    /// A standard normal draw N(0, 1) by Box–Muller.
    public mutating func normal() -> Double {
        if let z = cachedNormal { cachedNormal = nil; return z }
        let u1 = 1 - uniform(), u2 = uniform()
        let r = (-2 * log(u1)).squareRoot(), theta = 2 * Double.pi * u2
        cachedNormal = r * sin(theta)
        return r * cos(theta)
    }

    /// `count` independent draws from N(mean, std²).
    public mutating func normals(_ count: Int, mean: Double = 0, std: Double = 1) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count { out[i] = mean + std * normal() }
        return out
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n < 2 { return p }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = integer(below: i + 1)
            p.swapAt(i, j)
        }
        return p
    }
}
