/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna, "Scrambled linear
/// pseudorandom number generators", 2018), its 256-bit state filled from a 64-bit seed by
/// splitmix64 as the authors recommend.
///
/// Every draw uses only integer arithmetic and IEEE-754 +, −, ×, ÷ and √ (correctly rounded
/// everywhere) plus `portableLog` below, so a seed gives bit-identical numbers on every platform.
public struct RandomGenerator: Sendable, RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The generator for `seed`: four successive splitmix64 outputs.
    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            return Self.splitmixScramble(x)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// splitmix64's output function, a bijection of UInt64 that spreads nearby inputs far apart.
    public static func splitmixScramble(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of the `index`-th of several streams drawn for `seed` (chains of one estimate):
    /// scramble(seed) + index. With `seed + index` instead, stream i + 1 of seed s would be
    /// stream i of seed s + 1, and runs at neighbouring seeds would share most of their streams.
    public static func streamSeed(_ seed: UInt64, index: Int) -> UInt64 {
        splitmixScramble(seed &+ 0x9E37_79B9_7F4A_7C15) &+ UInt64(index)
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits: rotl(s1·5, 7)·9, then the xoshiro256 state transition.
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform Double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A uniform Double in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    /// A standard normal draw by Marsaglia's polar method: draw u, v uniform on (−1, 1) until
    /// 0 < s = u² + v² < 1, then return u·√(−2 ln s / s). (The second normal, v·√(…), is discarded,
    /// so each call consumes whole pairs of uniforms and the stream never depends on a cache.)
    public mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * Self.portableLog(s) / s).squareRoot() }
        }
    }

    /// Fills `out` with standard normal draws by the same polar method, using both values of each
    /// accepted pair (u·√(−2 ln s / s) and v·√(−2 ln s / s)): the bulk path for SGLD noise, about
    /// half the cost per draw of `normal()`. Deterministic for a seed like every draw here; the
    /// stream differs from repeated `normal()` calls.
    @_specialize(where S == Float) @_specialize(where S == Double)
    public mutating func fillNormals<S: BinaryFloatingPoint>(_ out: UnsafeMutableBufferPointer<S>) {
        var i = 0
        let n = out.count
        while i < n {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            guard s > 0 && s < 1 else { continue }
            let r = (-2 * Self.fastLog(s) / s).squareRoot()
            out[i] = S(u * r)
            if i + 1 < n { out[i + 1] = S(v * r) }
            i += 2
        }
    }

    /// A normal draw with the given mean and standard deviation.
    public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }

    /// A uniform integer in 0..<n, unbiased (Lemire's multiply-and-reject method).
    public mutating func int(below n: Int) -> Int {
        precondition(n > 0, "RandomGenerator.int(below:): n must be positive")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates, swapping from the end).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n < 2 { return p }
        for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, int(below: i + 1)) }
        return p
    }

    /// A derived, independent stream: a new generator seeded from this one's next output.
    public mutating func split() -> RandomGenerator { RandomGenerator(seed: next()) }

    /// `portableLog` for s ∈ (0, 1) without its precondition, the series cut after t¹⁵ and its 1/k
    /// as constants (×, not ÷): with |t| ≤ 0.172 the first omitted term, t¹⁷/17, is below 6e-15 of
    /// t, so the result is within about 1e-14 relative of ln s, far below what noise needs.
    @inline(__always) static func fastLog(_ x: Double) -> Double {
        var m = x.significand
        var e = Double(x.exponent)
        if m > 1.4142135623730951 { m *= 0.5; e += 1 }
        let t = (m - 1) / (m + 1), t2 = t * t
        // Horner form of 1 + t²/3 + t⁴/5 + … + t¹⁴/15.
        var sum = 1.0 / 15
        sum = sum * t2 + 1.0 / 13; sum = sum * t2 + 1.0 / 11; sum = sum * t2 + 1.0 / 9
        sum = sum * t2 + 1.0 / 7; sum = sum * t2 + 1.0 / 5; sum = sum * t2 + 1.0 / 3; sum = sum * t2 + 1
        let ln2Hi = 0.6931471803691238, ln2Lo = 1.9082149292705877e-10
        return e * ln2Hi + (2 * t * sum + e * ln2Lo)
    }

    /// ln x for finite x > 0 from +, −, ×, ÷ only, accurate to a few ulp: x = m·2ᵉ with
    /// m ∈ [√½, √2), ln m = 2·atanh(t) = 2(t + t³/3 + t⁵/5 + …), t = (m − 1)/(m + 1), |t| ≤ 0.172,
    /// summed to t³¹ (the next term is below 2⁻⁵⁴ relative), plus e·ln 2.
    public static func portableLog(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "portableLog: \(x) is not a positive finite number")
        var m = x.significand  // in [1, 2)
        var e = Double(x.exponent)
        if m > 1.4142135623730951 { m /= 2; e += 1 }
        let t = (m - 1) / (m + 1), t2 = t * t
        var term = t, sum = 0.0
        var k = 1.0
        for _ in 0..<16 {
            sum += term / k
            term *= t2
            k += 2
        }
        let ln2Hi = 0.6931471803691238, ln2Lo = 1.9082149292705877e-10
        return e * ln2Hi + (2 * sum + e * ln2Lo)
    }
}

extension Tensor {
    /// A tensor of independent uniform draws on [low, high).
    public static func uniform(_ shape: [Int], low: Double, high: Double, using rng: inout RandomGenerator) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Scalar]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(Scalar(rng.uniform(low, high))) }
        return Tensor(shape: shape, scalars: values)
    }

    /// A tensor of independent normal draws N(mean, std²).
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1, using rng: inout RandomGenerator) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Scalar]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(Scalar(rng.normal(mean: mean, std: std))) }
        return Tensor(shape: shape, scalars: values)
    }
}
