import XCTest
import Tensors
@testable import Analysis

final class SimplicityTests: XCTestCase {
    func testLZ76PhraseCount() {
        XCTAssertEqual(lz76PhraseCount("0001101001000101"), 6)   // 0·001·10·100·1000·101
        XCTAssertEqual(lz76PhraseCount("0000000000000000"), 2)
        XCTAssertEqual(lz76PhraseCount("01"), 2)
        XCTAssertEqual(lz76PhraseCount("0"), 1)
        XCTAssertEqual(lz76PhraseCount("010101010101"), 3)        // 0·1·0101010101
        XCTAssertEqual(lz76PhraseCount("1010001001011000"), 6)    // 1·0·100·01001·011·000
    }

    /// The Kaspar–Schuster loop against the definition of the LZ76 exhaustive history, written
    /// directly: a phrase starting at l grows while s[l..<l+k] occurs in s[0..<l+k−1] (the copy may
    /// overlap the phrase); the symbol that breaks the copy ends it, and a phrase cut by the end of
    /// the sequence still counts. Every binary string of length 1–12, and random strings of length
    /// 64 and 128.
    func testLZ76PhraseCountMatchesTheDefinition() {
        for n in 1...12 {
            for code in 0..<(1 << n) {
                let s = (0..<n).map { (code >> $0) & 1 == 1 }
                XCTAssertEqual(lz76PhraseCount(s), definitionalPhraseCount(s), "\(s.map { $0 ? "1" : "0" }.joined())")
            }
        }
        var rng = RandomGenerator(seed: 11)
        for n in [64, 128] {
            for _ in 0..<20 {
                let s = (0..<n).map { _ in rng.uniform() < 0.3 }
                XCTAssertEqual(lz76PhraseCount(s), definitionalPhraseCount(s))
            }
        }
    }

    /// The LZ76 phrase count by its definition, O(n³).
    private func definitionalPhraseCount(_ s: [Bool]) -> Int {
        func occurs(_ pattern: ArraySlice<Bool>, in text: ArraySlice<Bool>) -> Bool {
            guard pattern.count <= text.count else { return false }
            let text = Array(text), pattern = Array(pattern)
            return (0...(text.count - pattern.count)).contains { start in
                (0..<pattern.count).allSatisfy { text[start + $0] == pattern[$0] }
            }
        }
        var phrases = 0, l = 0
        while l < s.count {
            var k = 1
            while l + k <= s.count && occurs(s[l..<(l + k)], in: s[0..<(l + k - 1)]) { k += 1 }
            phrases += 1
            l += k
        }
        return phrases
    }

    func testSymmetrizedComplexity() {
        for n in [8, 16, 128] {
            XCTAssertEqual(lzComplexity(String(repeating: "0", count: n)), log2(Double(n)))
            XCTAssertEqual(lzComplexity(String(repeating: "1", count: n)), log2(Double(n)))
        }
        // n = 16, so log₂ n = 4; the string and its reverse both have 6 phrases (worked in
        // testLZ76PhraseCount): K = 4·(6 + 6)/2 = 24.
        XCTAssertEqual(lzComplexity("0001101001000101"), 24)
        // A periodic table is simpler than a random one.
        var rng = RandomGenerator(seed: 1)
        let random = String((0..<128).map { _ in rng.uniform() < 0.5 ? Character("1") : Character("0") })
        XCTAssertLessThan(lzComplexity(String(repeating: "01", count: 64)), lzComplexity(random) / 3)
    }

    func testBooleanFunctionTable() {
        let values = (0..<128).map { $0 % 3 == 0 }
        let f = BooleanFunction(values: values)
        XCTAssertEqual(f.inputCount, 7)
        XCTAssertEqual(f.values, values)
        XCTAssertEqual(f.ones, 43)
        XCTAssertEqual(f.bitString.prefix(7), "1001001")
    }

    /// 7 → 40 → 40 → 1 ReLU networks: the sample is a distribution, the most probable functions are
    /// the constants, and frequent functions are simpler than rare ones.
    func testRandomNetworksFavourSimpleFunctions() {
        let sample = sampleRandomFunctions(layers: [7, 40, 40, 1], samples: 2000, seed: 5)
        XCTAssertEqual(sample.ranked.map(\.count).reduce(0, +), 2000)
        XCTAssertEqual(sample.probability.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(sample.rank, Array(1...sample.distinctFunctions))
        let top = sample.ranked[0].function
        XCTAssertTrue(top.ones == 0 || top.ones == 128, "most probable function is a constant")
        XCTAssertEqual(sample.ranked[0].complexity, 7)
        let frequent = sample.ranked.filter { $0.count >= 5 }.map(\.complexity)
        let rare = sample.ranked.filter { $0.count == 1 }.map(\.complexity)
        XCTAssertFalse(frequent.isEmpty)
        XCTAssertFalse(rare.isEmpty)
        let meanFrequent = frequent.reduce(0, +) / Double(frequent.count), meanRare = rare.reduce(0, +) / Double(rare.count)
        print("distinct", sample.distinctFunctions, "top P", sample.probability.prefix(3), "mean K frequent", meanFrequent, "rare", meanRare)
        XCTAssertLessThan(meanFrequent, meanRare)
    }

    /// The sample is drawn as documented: network after network, each layer's weights as a
    /// fan_in × fan_out block of N(0, 1/fan_in) then its biases N(0, 1). One 3 → 4 → 1 network's
    /// truth table, recomputed by hand from the same draws, is the one sampled function.
    func testOneNetworksTableFromItsDraws() {
        var rng = RandomGenerator(seed: 2)
        let w1 = rng.normals(12, std: 1 / 3.0.squareRoot()), b1 = rng.normals(4)
        let w2 = rng.normals(4, std: 0.5), b2 = rng.normals(1)
        var bits = ""
        for i in 0..<8 {
            let x = (0..<3).map { Double((i >> (2 - $0)) & 1) }
            var out = b2[0]
            for k in 0..<4 {
                let z = b1[k] + (0..<3).reduce(0.0) { $0 + x[$1] * w1[$1 * 4 + k] }
                out += max(0, z) * w2[k]
            }
            bits += out > 0 ? "1" : "0"
        }
        XCTAssertTrue(bits.contains("0") && bits.contains("1"), "a constant table \(bits) would not check the layout")
        let sample = sampleRandomFunctions(layers: [3, 4, 1], samples: 1, seed: 2)
        XCTAssertEqual(sample.ranked.map(\.function.bitString), [bits])
    }

    /// The input order and threshold on the smallest network [w·x + b > 0] on x ∈ {0, 1}.
    func testInputOrderOnATinyNetwork() {
        // With layers [1, 1] the network is [w·x + b > 0]; x = 0 then x = 1.
        let sample = sampleRandomFunctions(layers: [1, 1], samples: 4000, seed: 7)
        // Table "t0 t1" = ([b > 0], [w + b > 0]); all four tables occur.
        XCTAssertEqual(sample.distinctFunctions, 4)
        let p = Dictionary(uniqueKeysWithValues: sample.ranked.map { ($0.function.bitString, $0.probability) })
        // b, w ~ N(0, 1) independent: P(b > 0, w + b > 0) = 3/8 (angle 3π/4 of the plane). The
        // tolerance 0.03 is 3.9 binomial standard errors √(p(1 − p)/4000) = 0.0077 at p = 3/8 (and
        // 5.6 at p = 1/8).
        XCTAssertEqual(p["11"]!, 3.0 / 8, accuracy: 0.03)
        XCTAssertEqual(p["00"]!, 3.0 / 8, accuracy: 0.03)
        XCTAssertEqual(p["01"]!, 1.0 / 8, accuracy: 0.03)
        XCTAssertEqual(p["10"]!, 1.0 / 8, accuracy: 0.03)
    }

    /// Mingard et al.: P(t) = 2⁻ⁿ for t = 0..2ⁿ − 1; a chi-square test with 2ⁿ − 1 degrees of freedom
    /// at significance 0.001 (31 d.o.f.: 61.1; 7 d.o.f.: 24.3).
    func testPerceptronOnesAreUniform() {
        for (n, critical) in [(3, 24.3), (5, 61.1)] {
            let samples = 32_000
            let p = perceptronOnesDistribution(inputCount: n, samples: samples, seed: UInt64(n))
            XCTAssertEqual(p.count, 1 << n)
            let expected = Double(samples) / Double(1 << n)
            let chi2 = p.reduce(0.0) { acc, q in
                let observed = q * Double(samples)
                return acc + (observed - expected) * (observed - expected) / expected
            }
            print("perceptron n =", n, "chi2", chi2)
            XCTAssertLessThan(chi2, critical)
        }
    }
}
