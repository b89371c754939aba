import XCTest
import Foundation
import Learning
import Tensors
@testable import Analysis

final class ProgramExtractionTests: XCTestCase {
    /// A one-hot pair MLP with quadratic activation over Z_p (Learning's `OneHotMLP`) holding
    /// Gromov's U (N × 2p) and W (p × N): input.0 = U[·, 0..<p]ᵀ, input.1 = U[·, p..<2p]ᵀ, output = W.
    func oneHotMLP(p: Int, u: Tensor<Double>, w: Tensor<Double>) throws -> TrainedModel {
        let architecture = OneHotMLP(vocabulary: p, hidden: u.shape[0], outputs: p, activation: .quadratic)
        var parameters = Parameters<Double>()
        parameters.append("input.0", u.slice(alongAxis: 1, 0..<p).transposed())
        parameters.append("input.1", u.slice(alongAxis: 1, p..<(2 * p)).transposed())
        parameters.append("output", w)
        return TrainedModel(architecture: architecture, parameters: parameters, loss: .crossEntropy,
                            dataset: try Dataset.modular(.add, modulus: p, trainFraction: 1, seed: 0))
    }

    /// Gromov's analytic solution: neuron k with frequency σ_k and phases φ1_k, φ2_k has
    /// U[k, n] = cos(2πσ_k n/p + φ1_k), U[k, p + n] = cos(2πσ_k n/p + φ2_k),
    /// W[q, k] = cos(−2πσ_k q/p − φ1_k − φ2_k).
    func analyticSolution(p: Int, frequencies: [Int], phases1: [Double], phases2: [Double]) -> (u: Tensor<Double>, w: Tensor<Double>) {
        let n = frequencies.count
        var u = Tensor<Double>.zeros([n, 2 * p]), w = Tensor<Double>.zeros([p, n])
        for k in 0..<n {
            let theta = 2 * Double.pi * Double(frequencies[k]) / Double(p)
            for x in 0..<p {
                u[k, x] = cos(theta * Double(x) + phases1[k])
                u[k, p + x] = cos(theta * Double(x) + phases2[k])
                w[x, k] = cos(-theta * Double(x) - phases1[k] - phases2[k])
            }
        }
        return (u, w)
    }

    func angleDistance(_ x: Double, _ y: Double) -> Double {
        let d = (x - y).truncatingRemainder(dividingBy: 2 * .pi)
        return min(abs(d), 2 * .pi - abs(d))
    }

    /// Gromov's analytic solution (p = 97, N = 500, random frequencies and phases): the extracted
    /// program is 100% accurate and agrees with the network on all p² inputs, and each neuron's
    /// frequency and phases are recovered.
    func testAnalyticGromovSolutionIsReadBack() throws {
        let p = 97, n = 500
        var rng = RandomGenerator(seed: 11)
        let freqs = (0..<n).map { _ in 1 + rng.int(below: p / 2) }
        let phi1 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        let phi2 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        let (u, w) = analyticSolution(p: p, frequencies: freqs, phases1: phi1, phases2: phi2)
        let model = try oneHotMLP(p: p, u: u, w: w)
        let program = try XCTUnwrap(model.weightProgram())
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
        let spectrum = frequencyNorms(embedding: try XCTUnwrap(model.gromovMLP()).embeddingA)
        XCTAssertEqual(Set(spectrum.keyFrequencies(fraction: 1 - 1e-9)), Set(freqs))
        XCTAssertEqual(spectrum.constantNorm, 0, accuracy: 1e-9)
        print(program.description.split(separator: "\n").prefix(4).joined(separator: "\n"))
    }

    /// Trained networks are only approximately analytic: with N(0, 0.3²) noise on every weight
    /// (p = 31, N = 200) the neurons' frequencies are still recovered and the program is still
    /// exact. The noisy network itself may flip a near-tie input (1 of 961 at this seed), so it is
    /// only required to be far from chance (1/31), and to agree with the exact program wherever it
    /// is right (agreement = network accuracy when the program is exact: a code check).
    func testNoisyAnalyticSolution() throws {
        let p = 31, n = 200
        var rng = RandomGenerator(seed: 21)
        let freqs = (0..<n).map { _ in 1 + rng.int(below: p / 2) }
        let phi1 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        let phi2 = (0..<n).map { _ in 2 * Double.pi * rng.uniform() }
        var (u, w) = analyticSolution(p: p, frequencies: freqs, phases1: phi1, phases2: phi2)
        for i in 0..<u.count { u.scalars[i] += 0.3 * rng.normal() }
        for i in 0..<w.count { w.scalars[i] += 0.3 * rng.normal() }
        let program = try XCTUnwrap(try oneHotMLP(p: p, u: u, w: w).weightProgram())
        XCTAssertEqual(program.neurons.map(\.frequency), freqs)
        XCTAssertEqual(program.accuracy, 1)
        XCTAssertGreaterThan(program.networkAccuracy, 0.9)
        XCTAssertEqual(program.agreement, program.networkAccuracy, accuracy: 1e-12)
    }

    /// A network of random weights computes no modular addition: both its accuracy and the
    /// extracted program's are near chance.
    func testRandomNetworkIsNotAnAdder() throws {
        let p = 23, n = 60
        var rng = RandomGenerator(seed: 12)
        let model = try oneHotMLP(p: p, u: Tensor(shape: [n, 2 * p], scalars: rng.normals(n * 2 * p)),
                                  w: Tensor(shape: [p, n], scalars: rng.normals(p * n)))
        let program = try XCTUnwrap(model.weightProgram())
        XCTAssertLessThan(program.networkAccuracy, 0.2)
        XCTAssertLessThan(program.agreement, 0.3)
    }

    /// The logits the program is scored against (the training core's forward pass on every pair,
    /// row a·p + b) equal a direct evaluation of W·(U x)² with the U and W of the weight view.
    func testPairLogitsMatchDirectEvaluationOfTheWeightView() throws {
        let p = 7, n = 5
        var rng = RandomGenerator(seed: 13)
        let model = try oneHotMLP(p: p, u: Tensor(shape: [n, 2 * p], scalars: rng.normals(n * 2 * p)),
                                  w: Tensor(shape: [p, n], scalars: rng.normals(p * n)))
        let view = try XCTUnwrap(model.gromovMLP())
        let logits = model.forwardOnEveryPair(p: p).logits
        for (a, b) in [(3, 5), (0, 6), (6, 0)] {
            for q in 0..<p {
                var f = 0.0
                for k in 0..<n { let z = view.u[k, a] + view.u[k, p + b]; f += view.w[q, k] * z * z }
                XCTAssertEqual(logits[a * p + b, q], f, accuracy: 1e-12)
            }
        }
    }

    /// A one-hot MLP with any other activation has no Gromov weight view, so no weight program:
    /// the program would be read off squares the network does not compute.
    func testWeightProgramRefusesAReLUOneHotMLP() throws {
        let p = 5, n = 4
        var rng = RandomGenerator(seed: 14)
        let quadratic = try oneHotMLP(p: p, u: Tensor(shape: [n, 2 * p], scalars: rng.normals(n * 2 * p)),
                                      w: Tensor(shape: [p, n], scalars: rng.normals(p * n)))
        let relu = TrainedModel(architecture: OneHotMLP(vocabulary: p, hidden: n, outputs: p, activation: .relu),
                                parameters: quadratic.parameters, loss: quadratic.loss, dataset: quadratic.dataset)
        XCTAssertNotNil(quadratic.weightProgram())
        XCTAssertNil(relu.weightProgram())
    }
}
