import Tensors

extension Dataset {
    /// Sparse parity or staircase on n bits, as a two-class problem with inputs x ∈ {−1, +1}ⁿ
    /// (features) drawn uniformly with the seed:
    /// parity y = [x₁x₂⋯x_k = −1]; staircase y = [x₁ + x₁x₂ + … + x₁⋯x_k < 0] (Abbe et al. 2021).
    /// Training and test inputs are independent draws.
    public static func parity(bits n: Int, degree k: Int, staircase: Bool, trainSize: Int, testSize: Int, seed: UInt64,
                              labelNoise: Double = 0) throws -> Dataset {
        guard n >= 1, k >= 1, k <= n else { throw ConfigurationError(["task", "degree"], "parity needs 1 ≤ degree ≤ bits, got degree \(k), bits \(n)") }
        var rng = RandomGenerator(seed: seed)
        func draw(_ count: Int) -> Examples {
            var x = [Double](), y = [Int]()
            x.reserveCapacity(count * n)
            for _ in 0..<count {
                let bits = (0..<n).map { _ in rng.next() >> 63 == 1 ? 1.0 : -1.0 }
                x += bits
                var product = 1.0, sum = 0.0
                for j in 0..<k { product *= bits[j]; sum += product }
                y.append(staircase ? (sum < 0 ? 1 : 0) : (product < 0 ? 1 : 0))
            }
            return Examples(count: count, inputWidth: n, features: x, labels: y)
        }
        var train = draw(trainSize)
        let test = draw(testSize)
        let corrupted = corruptLabels(&train, fraction: labelNoise, classes: 2, rng: &rng)
        let name = staircase ? "staircase of degree \(k) on \(n) bits" : "parity of \(k) of \(n) bits"
        return Dataset(name: name, vocabulary: nil, inputWidth: n, classes: 2, outputWidth: 2, train: train, test: test,
                       corruptedTrainIndices: corrupted)
    }

    /// A Boolean function of n inputs given by its truth table: character i (0 or 1) is f of the
    /// input whose bits, most significant first, spell i (lexicographic order of {0,1}ⁿ). Inputs
    /// are features in {0, 1}; the first ⌊train_fraction·2ⁿ⌋ inputs of a seeded shuffle train and
    /// the rest test.
    public static func boolean(truthTable: String, trainFraction: Double, seed: UInt64, labelNoise: Double = 0) throws -> Dataset {
        let bits = truthTable.filter { $0 == "0" || $0 == "1" }
        guard bits.count == truthTable.count, bits.count >= 2, bits.count & (bits.count - 1) == 0 else {
            throw ConfigurationError(["task", "truth_table"], "truth_table must be 0/1 characters, of length a power of two ≥ 2")
        }
        let size = bits.count, n = size.trailingZeroBitCount
        var x = [Double](), y = [Int]()
        for (i, c) in bits.enumerated() {
            for j in stride(from: n - 1, through: 0, by: -1) { x.append(Double((i >> j) & 1)) }
            y.append(c == "1" ? 1 : 0)
        }
        let all = Examples(count: size, inputWidth: n, features: x, labels: y)
        var rng = RandomGenerator(seed: seed)
        let order = rng.permutation(size)
        let nTrain = Swift.max(1, Int((trainFraction * Double(size)).rounded(.down)))
        var train = all.subset(Array(order[..<nTrain]))
        let test = all.subset(Array(order[nTrain...]))
        let corrupted = corruptLabels(&train, fraction: labelNoise, classes: 2, rng: &rng)
        return Dataset(name: "Boolean function of \(n) inputs", vocabulary: nil, inputWidth: n, classes: 2, outputWidth: 2,
                       train: train, test: test, corruptedTrainIndices: corrupted)
    }
}
