import Foundation

/// Deterministic sample data for the tests (no system RNG, so figures are reproducible).
enum SampleData {
    /// A 64-bit linear congruential generator (Knuth's MMIX constants) mapped to [0, 1).
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Standard normal by Box–Muller.
        mutating func normal() -> Double {
            let u = max(next(), 1e-12)
            let v = next()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
    }

    static func range(_ count: Int, from start: Double, to end: Double) -> [Double] {
        (0..<count).map { start + (end - start) * Double($0) / Double(count - 1) }
    }
}
