import XCTest
@testable import Analysis

final class TrueLambdaTests: XCTestCase {
    /// Published values of devinterp's reduced-rank tests (docs/references.md).
    func testReducedRankPublishedValues() {
        XCTAssertEqual(trueLambdaReducedRank(M: 5, H: 3, N: 5, r: 0), 6.5)
        XCTAssertEqual(trueLambdaReducedRank(M: 5, H: 4, N: 5, r: 0), 8.0)
        XCTAssertEqual(trueLambdaReducedRank(M: 4, H: 3, N: 8, r: 0), 6.0)
        XCTAssertEqual(trueLambdaReducedRank(M: 8, H: 3, N: 4, r: 0), 6.0)
        XCTAssertEqual(trueLambdaReducedRank(M: 3, H: 8, N: 4, r: 0), 6.0)
    }

    func testDeepLinearReproducesPublishedValues() {
        XCTAssertEqual(trueLambdaDeepLinear(widths: [5, 3, 5], rank: 0), 6.5, accuracy: 1e-12)
        XCTAssertEqual(trueLambdaDeepLinear(widths: [5, 4, 5], rank: 0), 8.0, accuracy: 1e-12)
        XCTAssertEqual(trueLambdaDeepLinear(widths: [4, 3, 8], rank: 0), 6.0, accuracy: 1e-12)
        XCTAssertEqual(trueLambdaDeepLinear(widths: [8, 3, 4], rank: 0), 6.0, accuracy: 1e-12)
        XCTAssertEqual(trueLambdaDeepLinear(widths: [3, 8, 4], rank: 0), 6.0, accuracy: 1e-12)
    }

    /// Aoyagi (2024) reduces to Aoyagi–Watanabe (2005) for one hidden layer, for every small shape
    /// and rank.
    func testDeepLinearAgreesWithReducedRankForOneHiddenLayer() {
        for m in 1...7 { for h in 1...7 { for n in 1...7 { for r in 0...min(m, h, n) {
            XCTAssertEqual(trueLambdaDeepLinear(widths: [m, h, n], rank: r),
                           trueLambdaReducedRank(M: m, H: h, N: n, r: r), accuracy: 1e-9,
                           "(M,H,N,r) = (\(m),\(h),\(n),\(r))")
        } } } }
    }

    /// λ of a deep linear network lies between 0 and d/2 (the regular value) for every rank.
    func testDeepLinearBoundedByHalfParameterCount() {
        for widths in [[2, 3, 2, 2], [4, 2, 3, 5], [3, 3, 3, 3], [5, 1, 4], [2, 6, 6, 2]] {
            var d = 0
            for l in 1..<widths.count { d += widths[l] * widths[l - 1] }
            for r in 0...widths.min()! {
                let lambda = trueLambdaDeepLinear(widths: widths, rank: r)
                XCTAssertLessThanOrEqual(lambda, Double(d) / 2 + 1e-9)
                XCTAssertGreaterThanOrEqual(lambda, 0)
            }
        }
    }
}
