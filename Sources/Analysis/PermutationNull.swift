import Tensors
/// How far apart several distributions over the same categories would be if each had put its
/// weights on the categories at random: the null for "different runs chose different categories".
///
/// The distance between two distributions p and q over K categories is the total variation
/// TV(p, q) = ½ Σ_k |p_k − q_k| (0 when equal, 1 when disjoint); the statistic is the mean TV over
/// all pairs. The null keeps each distribution's profile (its sorted weights: how concentrated it
/// is) and assigns its weights to categories by an independent uniform random permutation.
/// For two distributions its mean is known in closed form, E[TV] = (1/2K) Σ_i Σ_j |p_i − q_j|
/// (each category receives a uniformly chosen weight of each), which the tests check.
public enum PermutationNull {
    public struct Result: Sendable {
        /// TV of every pair (i < j), in the order (0,1), (0,2), …, (1,2), …
        public var pairs: [Double]
        /// The mean over pairs of the observed distributions.
        public var observed: Double
        /// The statistic in each null draw.
        public var null: [Double]
        /// Mean and standard deviation of the null draws.
        public var nullMean: Double
        public var nullStd: Double
        /// Fraction of null draws at or below `observed` (the one-sided p-value for "closer than
        /// random choices").
        public var fractionBelow: Double
    }

    public static func totalVariation(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "distributions over different numbers of categories")
        var sum = 0.0
        for k in p.indices { sum += abs(p[k] - q[k]) }
        return sum / 2
    }

    /// TV of every pair, (0,1), (0,2), …
    public static func pairwiseTV(_ distributions: [[Double]]) -> [Double] {
        var out: [Double] = []
        for i in distributions.indices { for j in distributions.indices where j > i { out.append(totalVariation(distributions[i], distributions[j])) } }
        return out
    }

    /// `draws` null draws from a generator seeded with `seed` (Fisher–Yates shuffles).
    public static func compare(_ distributions: [[Double]], draws: Int, seed: UInt64) -> Result {
        precondition(distributions.count >= 2 && draws >= 1)
        var rng = RandomGenerator(seed: seed)
        var shuffled = distributions
        var null: [Double] = []
        null.reserveCapacity(draws)
        for _ in 0..<draws {
            for d in shuffled.indices {
                for k in stride(from: shuffled[d].count - 1, to: 0, by: -1) {
                    shuffled[d].swapAt(k, rng.int(below: k + 1))
                }
            }
            null.append(mean(pairwiseTV(shuffled)))
        }
        let pairs = pairwiseTV(distributions)
        let observed = mean(pairs)
        let nullMean = mean(null)
        let variance = null.map { ($0 - nullMean) * ($0 - nullMean) }.reduce(0, +) / Double(max(1, null.count - 1))
        return Result(pairs: pairs, observed: observed, null: null, nullMean: nullMean, nullStd: variance.squareRoot(),
                      fractionBelow: Double(null.filter { $0 <= observed }.count) / Double(null.count))
    }

    /// The exact mean of the null for two distributions: (1/2K) Σ_i Σ_j |p_i − q_j|.
    public static func expectedTV(_ p: [Double], _ q: [Double]) -> Double {
        var sum = 0.0
        for a in p { for b in q { sum += abs(a - b) } }
        return sum / Double(2 * p.count)
    }

    private static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(max(1, xs.count)) }
}
