import Foundation
import WholeNumbers

/// Histogram bins.
public enum BinRule: Sendable, Equatable {
    /// Freedman–Diaconis width `h = 2·IQR·n^(−1/3)` (Freedman & Diaconis, 1981), robust to
    /// outliers; Sturges when the IQR is zero.
    case automatic
    /// Sturges: `⌈log₂ n⌉ + 1` equal bins (Sturges, 1926).
    case sturges
    /// This many equal bins between the smallest and largest value.
    case count(Int)
    /// Given edges, increasing; values outside `[first, last]` are left out and counted.
    case edges([Double])
}

/// Counts of values in bins `[edges[i], edges[i+1])`, the last bin closed on the right.
public struct Binning: Sendable, Equatable {
    public let edges: [Double]
    public let counts: [Int]
    /// Values that were not finite or fell outside the edges.
    public let leftOut: Int

    /// Bins at most this many (protects against a tiny IQR with a huge range).
    public static let maximumBinCount = 200

    public init(edges: [Double], counts: [Int], leftOut: Int = 0) {
        self.edges = edges
        self.counts = counts
        self.leftOut = leftOut
    }

    /// Bins `values` by `rule`. Non-finite values are left out; with no finite value the result
    /// has no bins. When all values are equal there is one bin `[v − 0.5, v + 0.5]`.
    public init(values: [Double], rule: BinRule = .automatic) {
        let finite = values.filter(\.isFinite).sorted()
        let nonFinite = values.count - finite.count
        let edges: [Double]
        if case .edges(let given) = rule {
            edges = given.filter(\.isFinite)
        } else if let lo = finite.first, let hi = finite.last {
            if hi == lo {
                edges = [lo - 0.5, lo + 0.5]
            } else {
                let k = Swift.min(Self.maximumBinCount, Swift.max(1, Self.binCount(sorted: finite, rule: rule)))
                // hi/k − lo/k, not (hi − lo)/k, which overflows for values spanning ±1e308.
                let width = hi / Double(k) - lo / Double(k)
                edges = (0...k).map { $0 == k ? hi : lo + Double($0) * width }
            }
        } else {
            edges = []
        }
        guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            self.init(edges: [], counts: [], leftOut: values.count)
            return
        }
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var outside = 0
        for v in finite {
            guard v >= edges[0], v <= edges[edges.count - 1] else {
                outside += 1
                continue
            }
            // The last index i with edges[i] <= v, capped so the top edge falls in the last bin.
            var low = 0
            var high = edges.count - 1
            while high - low > 1 {
                let mid = (low + high) / 2
                if edges[mid] <= v { low = mid } else { high = mid }
            }
            counts[Swift.min(low, counts.count - 1)] += 1
        }
        self.init(edges: edges, counts: counts, leftOut: nonFinite + outside)
    }

    /// Number of equal bins for sorted finite values (at least two distinct).
    static func binCount(sorted: [Double], rule: BinRule) -> Int {
        let n = Double(sorted.count)
        let sturges = Int(log2(n).rounded(.up)) + 1
        switch rule {
        case .sturges: return sturges
        case .count(let k): return k
        case .edges: return 1
        case .automatic:
            let iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25)
            guard iqr > 0 else { return sturges }
            let width = 2 * iqr / cbrt(n)
            return WholeNumber.clamped((sorted[sorted.count - 1] / width - sorted[0] / width), .up, to: 1...maximumBinCount)
        }
    }

    /// Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the
    /// default of R and NumPy): position `p·(n−1)`.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let i = Int(position.rounded(.down))
        let f = position - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}
