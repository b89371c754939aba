import Tensors

/// The binary operations of the modular-arithmetic tasks, c = op(a, b) mod p on a, b ∈ 0..<p.
/// `div` is a·b⁻¹ mod p (p prime) and is defined only for b ≠ 0.
public enum ModularOperation: String, Sendable, Codable, CaseIterable {
    case add, sub, mul, div
    case x2PlusY2 = "x2_plus_y2"
    case x2PlusXYPlusY2 = "x2_plus_xy_plus_y2"
    case x3PlusXY = "x3_plus_xy"

    /// op(a, b) mod p, or nil where undefined (division by 0).
    public func apply(_ a: Int, _ b: Int, modulus p: Int) -> Int? {
        switch self {
        case .add: return (a + b) % p
        case .sub: return ((a - b) % p + p) % p
        case .mul: return (a * b) % p
        case .div:
            guard b % p != 0 else { return nil }
            return (a * modularPower(b, p - 2, p)) % p
        case .x2PlusY2: return (a * a + b * b) % p
        case .x2PlusXYPlusY2: return (a * a + a * b + b * b) % p
        case .x3PlusXY: return (a * a % p * a + a * b) % p
        }
    }

    public var symbol: String {
        switch self {
        case .add: "a + b"
        case .sub: "a − b"
        case .mul: "a · b"
        case .div: "a / b"
        case .x2PlusY2: "a² + b²"
        case .x2PlusXYPlusY2: "a² + ab + b²"
        case .x3PlusXY: "a³ + ab"
        }
    }
}

/// bᵉ mod p by repeated squaring.
func modularPower(_ b: Int, _ e: Int, _ p: Int) -> Int {
    var result = 1, base = b % p, e = e
    while e > 0 {
        if e & 1 == 1 { result = result * base % p }
        base = base * base % p
        e >>= 1
    }
    return result
}

extension Dataset {
    /// All pairs (a, b) ∈ (0..<p)² where op is defined, labelled op(a, b) mod p, shuffled with the
    /// seed; the first ⌊train_fraction·N⌋ form the training split (N = number of pairs). With
    /// `labelNoise` f, ⌊f·n_train⌋ training positions (chosen with the seed) get a uniformly random
    /// label in 0..<p (it may coincide with the true one, as in Zhang et al. 2017).
    public static func modular(_ op: ModularOperation, modulus p: Int, trainFraction: Double, seed: UInt64,
                               labelNoise: Double = 0) throws -> Dataset {
        guard p >= 2 else { throw ConfigurationError(["task", "modulus"], "modulus must be at least 2, got \(p)") }
        guard trainFraction > 0 && trainFraction <= 1 else { throw ConfigurationError(["task", "train_fraction"], "train_fraction must lie in (0, 1], got \(trainFraction)") }
        if op == .div && !isPrime(p) { throw ConfigurationError(["task", "modulus"], "div needs a prime modulus, got \(p)") }
        var tokens: [Int] = [], labels: [Int] = []
        for a in 0..<p {
            for b in 0..<p {
                guard let c = op.apply(a, b, modulus: p) else { continue }
                tokens += [a, b]
                labels.append(c)
            }
        }
        let all = Examples(count: labels.count, inputWidth: 2, tokens: tokens, labels: labels)
        var rng = RandomGenerator(seed: seed)
        let order = rng.permutation(all.count)
        let nTrain = Int((trainFraction * Double(all.count)).rounded(.down))
        var train = all.subset(Array(order[..<nTrain]))
        let test = all.subset(Array(order[nTrain...]))
        let corrupted = corruptLabels(&train, fraction: labelNoise, classes: p, rng: &rng)
        return Dataset(name: "\(op.symbol) mod \(p)", vocabulary: p, inputWidth: 2, classes: p, outputWidth: p,
                       train: train, test: test, corruptedTrainIndices: corrupted)
    }
}

func isPrime(_ n: Int) -> Bool {
    if n < 2 { return false }
    var d = 2
    while d * d <= n { if n % d == 0 { return false }; d += 1 }
    return true
}

/// Replaces the labels at ⌊fraction·count⌋ random positions by uniform random classes; returns the
/// positions in increasing order.
func corruptLabels(_ examples: inout Examples, fraction: Double, classes: Int, rng: inout RandomGenerator) -> [Int] {
    guard fraction > 0 else { return [] }
    let k = Int((Swift.min(fraction, 1) * Double(examples.count)).rounded(.down))
    let positions = Array(rng.permutation(examples.count)[..<k]).sorted()
    for i in positions { examples.labels[i] = rng.int(below: classes) }
    return positions
}
