import XCTest
import Tensors
@testable import Analysis

final class FourierTests: XCTestCase {
    func testBasisIsOrthonormalForOddAndEvenP() {
        for p in [7, 8, 97] {
            let b = FourierBasis(p: p)
            XCTAssertEqual(b.matrix.shape[0], p)
            let gram = b.matrix.matmul(b.matrix, transposeOther: true)
            for i in 0..<p { for j in 0..<p { XCTAssertEqual(gram[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
            XCTAssertEqual(b.rows(forFrequency: 1).count, 2)
        }
        XCTAssertEqual(FourierBasis(p: 8).rows(forFrequency: 4).count, 1)
    }

    /// E = Σ_{k ∈ {5, 31}} cos(2πkx/p)·a_kᵀ + sin(2πkx/p)·b_kᵀ with random a, b ∈ R^32.
    func plantedEmbedding(p: Int, frequencies: [Int], d: Int, seed: UInt64) -> Tensor<Double> {
        var rng = RandomGenerator(seed: seed)
        var e = Tensor<Double>.zeros([p, d])
        for k in frequencies {
            let a = rng.normals(d), b = rng.normals(d)
            for x in 0..<p {
                let t = 2 * Double.pi * Double(k * x) / Double(p)
                for j in 0..<d { e[x, j] += cos(t) * a[j] + sin(t) * b[j] }
            }
        }
        return e
    }

    func testPlantedEmbeddingYieldsExactlyItsFrequencies() {
        let e = plantedEmbedding(p: 97, frequencies: [5, 31], d: 32, seed: 1)
        let spectrum = frequencyNorms(embedding: e)
        XCTAssertEqual(spectrum.norms.count, 48)
        XCTAssertEqual(spectrum.keyFrequencies(), [5, 31])
        XCTAssertEqual(Set(spectrum.ranked.prefix(2)), [5, 31])
        XCTAssertEqual(spectrum.topFraction(2), 1, accuracy: 1e-12)
        XCTAssertEqual(spectrum.constantNorm, 0, accuracy: 1e-10)
        // Parseval: the frequency energies add up to ‖E‖_F².
        XCTAssertEqual(spectrum.energies.reduce(0, +), e.norm * e.norm, accuracy: 1e-8)
    }

    /// Random weights spread their norm: the top 5 of 48 frequencies hold close to the uniform 5/48.
    func testRandomWeightsTopFiveNearBaseline() {
        var rng = RandomGenerator(seed: 2)
        let e = Tensor(shape: [97, 128], scalars: rng.normals(97 * 128))
        let spectrum = frequencyNorms(embedding: e)
        let baseline = spectrum.uniformBaseline(5)
        XCTAssertEqual(baseline, 5.0 / 48, accuracy: 1e-15)
        let top5 = spectrum.topFraction(5)
        print("random top-5 fraction", top5, "baseline", baseline)
        XCTAssertGreaterThan(top5, baseline)
        XCTAssertLessThan(top5, baseline * 1.35)
        XCTAssertGreaterThan(spectrum.keyFrequencies().count, 30)
    }

    func testIPR() {
        let p = 97
        let cosine = (0..<p).map { cos(2 * Double.pi * 7 * Double($0) / Double(p) + 0.4) }
        XCTAssertEqual(ipr(row: cosine), 1, accuracy: 1e-12)
        var rng = RandomGenerator(seed: 3)
        let randomIPR = (0..<200).map { _ in ipr(row: rng.normals(p)) }.reduce(0, +) / 200
        print("random-row IPR", randomIPR)
        XCTAssertEqual(randomIPR, 0.04, accuracy: 0.01)
        // Two equal frequencies: IPR = 2·(1/2)² = 0.5.
        let two = (0..<p).map { cos(2 * Double.pi * 3 * Double($0) / Double(p)) + cos(2 * Double.pi * 11 * Double($0) / Double(p)) }
        XCTAssertEqual(ipr(row: two), 0.5, accuracy: 1e-12)
        // rfft magnitudes of a unit impulse are all 1.
        XCTAssertEqual(rfftMagnitudes([1, 0, 0, 0, 0, 0]), [1, 1, 1, 1])
    }

    func testNeuronActivationFrequencies() {
        let p = 23
        // Neuron 0: cos(2π·4(a+b)/p + 0.3); neuron 1: cos(2π·9a/p); neuron 2: (cos 2π·2a/p + cos 2π·2b/p)².
        var acts = Tensor<Double>.zeros([p * p, 3])
        for a in 0..<p { for b in 0..<p {
            let w = 2 * Double.pi / Double(p)
            acts[a * p + b, 0] = cos(w * 4 * Double(a + b) + 0.3)
            acts[a * p + b, 1] = cos(w * 9 * Double(a))
            let s = cos(w * 2 * Double(a)) + cos(w * 2 * Double(b))
            acts[a * p + b, 2] = s * s
        } }
        let table = neuronFrequencyNorms(activations: acts, p: p)
        XCTAssertEqual(table.dominantFrequency[0], 4)
        XCTAssertEqual(table.dominantFrequency[1], 9)
        XCTAssertEqual(table.dominantFraction[0], 1, accuracy: 1e-12)
        XCTAssertEqual(table.dominantFraction[1], 1, accuracy: 1e-12)
        // (cos 2a + cos 2b)² has frequency 4 (squares) and 2 (cross term: cos(2(a±b)) contains (2,2) terms).
        XCTAssertTrue([2, 4].contains(table.dominantFrequency[2]))
        XCTAssertEqual(table.norms.shape[0], 3)
        XCTAssertEqual(table.norms.shape[1], 11)
        // All of neuron 0's energy ‖A‖_F² = p²/2 sits at frequency 4.
        XCTAssertEqual(table.norms[0, 3] * table.norms[0, 3], Double(p * p) / 2, accuracy: 1e-9)
    }
}
