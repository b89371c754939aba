import XCTest
import Tensors
@testable import Analysis

final class ProgramExtractionTests: XCTestCase {
    func angleDistance(_ x: Double, _ y: Double) -> Double {
        let d = (x - y).truncatingRemainder(dividingBy: 2 * .pi)
        return min(abs(d), 2 * .pi - abs(d))
    }

    /// Gromov's analytic solution (p = 97, N = 500, random frequencies and phases): the extracted
    /// program is 100% accurate and agrees with the network on all p² inputs, and each neuron's
    /// frequency and phases are recovered.
    func testAnalyticGromovSolutionIsReadBack() {
        let p = 97, n = 500
        var rng = RandomGenerator(seed: 11)
        let freqs = (0..<n).map { _ in 1 + rng.int(below: p / 2) }
        let phi1 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        let phi2 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        let model = GromovMLP.analyticSolution(p: p, frequencies: freqs, phases1: phi1, phases2: phi2)
        let program = extractProgram(model)
        XCTAssertEqual(program.accuracy, 1)
        XCTAssertEqual(program.agreement, 1)
        XCTAssertEqual(program.networkAccuracy, 1)
        for (k, fit) in program.neurons.enumerated() {
            XCTAssertEqual(fit.frequency, freqs[k])
            XCTAssertLessThan(angleDistance(fit.phase1, phi1[k]), 1e-9)
            XCTAssertLessThan(angleDistance(fit.phase2, phi2[k]), 1e-9)
            XCTAssertEqual(fit.amplitude1, 1, accuracy: 1e-9)
            XCTAssertEqual(fit.outputAmplitude, 1, accuracy: 1e-9)
            XCTAssertEqual(fit.inputFraction, 1, accuracy: 1e-9)
        }
        XCTAssertEqual(program.terms.map(\.neuronCount).reduce(0, +), n)
        XCTAssertEqual(Set(program.terms.map(\.frequency)), Set(freqs))
        for t in program.terms {
            XCTAssertEqual(t.amplitude, 0.5 * Double(t.neuronCount), accuracy: 1e-9)
            XCTAssertLessThan(abs(t.phase), 1e-9)
        }
        XCTAssertTrue(program.description.contains("neurons"))
        // The a-side embedding's spectrum lives on exactly the neurons' frequencies.
        let spectrum = frequencyNorms(embedding: model.embeddingA)
        XCTAssertEqual(Set(spectrum.keyFrequencies(fraction: 1 - 1e-9)), Set(freqs))
        XCTAssertEqual(spectrum.constantNorm, 0, accuracy: 1e-9)
        print(program.description.split(separator: "\n").prefix(4).joined(separator: "\n"))
    }

    /// Trained networks are only approximately analytic: with N(0, 0.3²) noise on every weight
    /// (p = 31, N = 200) the neurons' frequencies are still recovered and the program is still
    /// exact. The noisy network itself may flip a near-tie input (1 of 961 at this seed), so it is
    /// only required to be far from chance (1/31), and to agree with the exact program wherever it
    /// is right (agreement = network accuracy when the program is exact: a code check).
    func testNoisyAnalyticSolution() {
        let p = 31, n = 200
        var rng = RandomGenerator(seed: 21)
        let freqs = (0..<n).map { _ in 1 + rng.int(below: p / 2) }
        let phi1 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        let phi2 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        let clean = GromovMLP.analyticSolution(p: p, frequencies: freqs, phases1: phi1, phases2: phi2)
        var u = clean.u, w = clean.w
        for i in 0..<u.values.count { u.values[i] += 0.3 * rng.normal() }
        for i in 0..<w.values.count { w.values[i] += 0.3 * rng.normal() }
        let program = extractProgram(GromovMLP(p: p, u: u, w: w))
        XCTAssertEqual(program.neurons.map(\.frequency), freqs)
        XCTAssertEqual(program.accuracy, 1)
        XCTAssertGreaterThan(program.networkAccuracy, 0.9)
        XCTAssertEqual(program.agreement, program.networkAccuracy, accuracy: 1e-12)
    }

    /// A network of random weights computes no modular addition: both its accuracy and the
    /// extracted program's are near chance.
    func testRandomNetworkIsNotAnAdder() {
        let p = 23, n = 60
        var rng = RandomGenerator(seed: 12)
        let model = GromovMLP(p: p, u: DenseMatrix(rows: n, columns: 2 * p, values: rng.normals(n * 2 * p)),
                              w: DenseMatrix(rows: p, columns: n, values: rng.normals(p * n)))
        let program = extractProgram(model)
        XCTAssertLessThan(program.networkAccuracy, 0.2)
        XCTAssertLessThan(program.agreement, 0.3)
    }

    /// The network's logits from U and W equal a direct evaluation of W·(U x)² on one input.
    func testNetworkLogitsMatchDirectEvaluation() {
        let p = 7, n = 5
        var rng = RandomGenerator(seed: 13)
        let model = GromovMLP(p: p, u: DenseMatrix(rows: n, columns: 2 * p, values: rng.normals(n * 2 * p)),
                              w: DenseMatrix(rows: p, columns: n, values: rng.normals(p * n)))
        let logits = model.logits()
        let (a, b) = (3, 5)
        for q in 0..<p {
            var f = 0.0
            for k in 0..<n { let z = model.u[k, a] + model.u[k, p + b]; f += model.w[q, k] * z * z }
            XCTAssertEqual(logits[a * p + b, q], f, accuracy: 1e-12)
        }
    }
}
