import XCTest
@testable import Analysis

/// The permutation null of distances between distributions, against its closed-form mean.
final class PermutationNullTests: XCTestCase {
    func testTotalVariation() {
        XCTAssertEqual(PermutationNull.totalVariation([0.5, 0.5, 0], [0, 0.5, 0.5]), 0.5, accuracy: 1e-15)
        XCTAssertEqual(PermutationNull.totalVariation([1, 0], [0, 1]), 1, accuracy: 1e-15)
        XCTAssertEqual(PermutationNull.pairwiseTV([[1, 0], [0, 1], [1, 0]]), [1, 0, 1])
    }

    func testTheSimulatedNullMeanMatchesTheClosedForm() {
        // Two concentrated spectra over 12 categories: E[TV] = (1/2K) Σ_i Σ_j |p_i − q_j|.
        let p = [0.5, 0.3, 0.1, 0.1] + Array(repeating: 0.0, count: 8)
        let q = [0.0, 0.0, 0.6, 0.2, 0.2] + Array(repeating: 0.0, count: 7)
        let exact = PermutationNull.expectedTV(p, q)
        let result = PermutationNull.compare([p, q], draws: 20000, seed: 3)
        let standardError = result.nullStd / sqrt(20000)
        XCTAssertEqual(result.nullMean, exact, accuracy: 4 * standardError)
        XCTAssertEqual(result.observed, PermutationNull.totalVariation(p, q), accuracy: 1e-15)
    }

    func testIdenticalConcentratedDistributionsAreFarCloserThanTheNull() {
        let p = [0.9, 0.1] + Array(repeating: 0.0, count: 18)
        let result = PermutationNull.compare([p, p, p], draws: 2000, seed: 1)
        XCTAssertEqual(result.observed, 0)
        // Random placements rarely coincide: P(same top category) = 1/20.
        XCTAssertGreaterThan(result.nullMean, 0.8)
        XCTAssertLessThan(result.fractionBelow, 0.01)
    }
}
