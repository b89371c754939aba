import XCTest
@testable import Tensors

/// Determinism across OpenBLAS thread counts. OpenBLAS splits a product into different blocks for
/// one thread and for several, so the sums may be ordered differently and the last bits differ;
/// the cell cache therefore keys results by thread count (docs/cache.md). What must hold:
/// - at a fixed thread count, a product is reproducible bit for bit (same blocks, same order);
/// - across thread counts, it agrees within the rounding bound of an inner product of length k,
///   |Δ| ≤ 2γ_k·(|A|·|B|) entrywise, γ_k = k·u/(1 − k·u) (Higham, §3.1), each result being within
///   γ_k·(|A|·|B|) of the exact one. Nothing is compared bit for bit across thread counts.
final class BLASThreadsTests: XCTestCase {
    override func tearDown() { setBLASThreads(2) }

    func testProductsAgreeAcrossThreadCountsWithinTheRoundingBound() {
        var rng = RandomGenerator(seed: 4)
        let m = 96, k = 512, n = 80
        let a = Tensor<Float>.normal([m, k], using: &rng), b = Tensor<Float>.normal([k, n], using: &rng)
        let bound = a.map(abs).matmul(b.map(abs))
        let gamma = Float(k) * Float.ulpOfOne / 2 / (1 - Float(k) * Float.ulpOfOne / 2)
        var results: [Int: Tensor<Float>] = [:]
        for threads in [1, 2, 4] {
            setBLASThreads(threads)
            let first = a.matmul(b), again = a.matmul(b)
            XCTAssertEqual(first.scalars, again.scalars, "\(threads) thread(s): the same product twice")
            results[threads] = first
        }
        for threads in [2, 4] {
            let x = results[1]!, y = results[threads]!
            for i in 0..<x.count {
                XCTAssertLessThanOrEqual(abs(x.scalars[i] - y.scalars[i]), 2 * gamma * bound.scalars[i],
                                         "entry \(i), 1 vs \(threads) threads")
            }
        }
    }
}
