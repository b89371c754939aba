import XCTest
import Foundation
import Learning
import Tensors
@testable import Analysis

/// Restricted and excluded loss, and the program read off the logits, against a hand-built
/// "network" whose logits are exactly a known sum of cosines plus parts outside the key terms.
final class LogitFourierTests: XCTestCase {
    let p = 23
    let planted: [(k: Int, amplitude: Double, phase: Double)] = [(3, 2.0, 0.4), (7, 1.5, -1.1), (10, 1.0, 0.0)]

    /// L(a, b, c) = Σ planted C_k cos(w_k(a + b − c) + Δ_k) + extra(a, b, c), w_k = 2πk/p.
    func logits(extra: (Int, Int, Int) -> Double) -> Tensor<Double> {
        var m = Tensor<Double>.zeros([p * p, p])
        for a in 0..<p { for b in 0..<p { for c in 0..<p {
            m[a * p + b, c] = keyPart(a + b - c) + extra(a, b, c)
        } } }
        return m
    }

    func keyPart(_ m: Int) -> Double {
        planted.reduce(0) { $0 + $1.amplitude * cos(2 * Double.pi * Double($1.k * m) / Double(p) + $1.phase) }
    }

    /// Outside the key terms: a frequency-5 term of a + b − c (not key), a function of a alone (constant
    /// over c: invisible to softmax) and a cross term cos(w₂a)·cos(w₄c).
    func extra(_ a: Int, _ b: Int, _ c: Int) -> Double {
        let w = 2 * Double.pi / Double(p)
        return 0.7 * sin(w * Double(5 * (a + b - c))) + 0.3 * Double(a % 4) + 0.5 * cos(w * Double(2 * a)) * cos(w * Double(4 * c))
    }

    func testProjectionRecoversThePlantedCoefficients() {
        let terms = LogitFourierTerms(logits: logits(extra: extra), p: p)
        for t in planted {
            XCTAssertEqual(terms.amplitude(t.k), t.amplitude, accuracy: 1e-12)
            XCTAssertEqual(terms.cosine[t.k - 1], t.amplitude * cos(t.phase), accuracy: 1e-12)
            // C cos(x + Δ) = C cos Δ cos x − C sin Δ sin x.
            XCTAssertEqual(terms.sine[t.k - 1], -t.amplitude * sin(t.phase), accuracy: 1e-12)
        }
        XCTAssertEqual(terms.amplitude(5), 0.7, accuracy: 1e-12)
        for k in [1, 2, 4, 6, 11] { XCTAssertEqual(terms.amplitude(k), 0, accuracy: 1e-12) }
    }

    /// Restricted logits are the grid mean plus the key terms; excluded logits are the rest exactly.
    func testAblatedLogitsSplitThePlantedSum() {
        let l = logits(extra: extra)
        let terms = LogitFourierTerms(logits: l, p: p)
        let (restricted, excluded) = terms.ablated(l, keyFrequencies: planted.map(\.k))
        for a in [0, 5, 22] { for b in [0, 9] { for c in 0..<p {
            XCTAssertEqual(restricted[a * p + b, c], terms.mean + keyPart(a + b - c), accuracy: 1e-11)
            XCTAssertEqual(excluded[a * p + b, c], extra(a, b, c), accuracy: 1e-11)
        } } }
    }

    /// With cross-entropy the restricted logits depend on m = a + b − c alone, so the restricted loss
    /// is log Σ_m e^{r(m)} − r(0) on every input; the excluded loss is the cross-entropy of `extra`.
    func testRestrictedAndExcludedCrossEntropyMatchClosedForms() {
        let l = logits(extra: extra)
        func crossEntropy(_ m: Tensor<Double>, _ rows: [Int]) -> Double {
            rows.reduce(0.0) { acc, r in
                let (a, b) = (r / p, r % p)
                let row = (0..<p).map { m[r, $0] }, top = row.max()!
                return acc + top + log(row.reduce(0) { $0 + exp($1 - top) }) - row[(a + b) % p]
            } / Double(rows.count)
        }
        let train = Array(stride(from: 0, to: p * p, by: 3))
        let result = logitAblation(logits: l, p: p, keyFrequencies: planted.map(\.k), trainRows: train, loss: crossEntropy)
        let r = (0..<p).map(keyPart)
        XCTAssertEqual(result.restrictedLoss, log(r.reduce(0) { $0 + exp($1) }) - r[0], accuracy: 1e-10)
        var rest = Tensor<Double>.zeros([p * p, p])
        for a in 0..<p { for b in 0..<p { for c in 0..<p { rest[a * p + b, c] = extra(a, b, c) } } }
        XCTAssertEqual(result.excludedLoss, crossEntropy(rest, train), accuracy: 1e-10)
        XCTAssertEqual(result.fullLoss, crossEntropy(l, train), accuracy: 1e-12)
        XCTAssertLessThan(result.restrictedLoss, result.excludedLoss)
    }

    /// The program read off the logits has the planted terms; its answer is argmax_c Σ C_k cos(w_k(s − c) + Δ_k),
    /// and its share of the centred energy is Σ C_k²·p³/2 over Σ(L − mean_c L)².
    func testProgramReadOffTheLogits() {
        let l = logits(extra: { a, _, _ in 0.3 * Double(a % 4) })
        let program = extractProgram(logits: l, p: p, keyFrequencies: planted.map(\.k))
        XCTAssertEqual(program.terms.map(\.frequency), [3, 7, 10])
        for (term, t) in zip(program.terms, planted) {
            XCTAssertEqual(term.amplitude, t.amplitude, accuracy: 1e-12)
            XCTAssertEqual(term.phase, t.phase, accuracy: 1e-12)
        }
        // The logits are the program plus a per-input constant: the same answers, all of the centred energy.
        XCTAssertEqual(program.agreement, 1)
        XCTAssertEqual(program.explainedFraction!, 1, accuracy: 1e-12)
        let expectedAccuracy = (0..<p).filter { s in
            (0..<p).max { keyPart(s - $0) < keyPart(s - $1) } == s
        }.count
        XCTAssertEqual(program.accuracy, Double(expectedAccuracy) / Double(p), accuracy: 1e-12)
        // Zero phases put every term's peak at c = a + b: a perfect adder.
        var zeroPhase = Tensor<Double>.zeros([p * p, p])
        for a in 0..<p { for b in 0..<p { for c in 0..<p {
            zeroPhase[a * p + b, c] = planted.reduce(0) { $0 + $1.amplitude * cos(2 * Double.pi * Double($1.k * (a + b - c)) / Double(p)) }
        } } }
        let adder = extractProgram(logits: zeroPhase, p: p, keyFrequencies: [3, 7, 10])
        XCTAssertEqual(adder.accuracy, 1)
        XCTAssertEqual(adder.networkAccuracy, 1)
    }

    func testGiniCoefficient() {
        XCTAssertEqual(giniCoefficient([1, 1, 1, 1]), 0, accuracy: 1e-15)
        XCTAssertEqual(giniCoefficient([0, 0, 0, 5]), 0.75, accuracy: 1e-15)
        XCTAssertEqual(giniCoefficient([0, 0, 1, 1]), 0.5, accuracy: 1e-15)
        XCTAssertEqual(giniCoefficient([3, 1, 2]), giniCoefficient([1, 2, 3]))
        XCTAssertEqual(giniCoefficient([0, 0]), 0)
    }

    /// One neuron whose activation is cos(w₄(a + b)) has all its non-constant energy in the two 2-D
    /// coefficients (cos 4, cos 4) and (sin 4, sin 4), p²/4 each; another that is constant adds nothing.
    func testActivationFourierNormsOfAPlantedNeuron() {
        var acts = Tensor<Double>.zeros([p * p, 2])
        for a in 0..<p { for b in 0..<p {
            acts[a * p + b, 0] = cos(2 * Double.pi * Double(4 * (a + b)) / Double(p))
            acts[a * p + b, 1] = 3
        } }
        let norms = activationFourierNorms(activations: acts, p: p)
        XCTAssertEqual(norms.count, p * p - 1)
        let sorted = norms.sorted(by: >)
        XCTAssertEqual(sorted[0] * sorted[0], Double(p * p) / 4, accuracy: 1e-9)
        XCTAssertEqual(sorted[1] * sorted[1], Double(p * p) / 4, accuracy: 1e-9)
        XCTAssertEqual(sorted[2], 0, accuracy: 1e-9)
        XCTAssertGreaterThan(giniCoefficient(norms), 0.99)
    }
}
