import XCTest
import Tensors
import Learning
@testable import Analysis

/// The bridge from trained models to the analyses (`Adapters/TrainedModel+Analysis.swift`), checked
/// on models whose weights are set by hand: every entry's destination is known, so a transposed
/// matrix or a swapped position block fails here even when all shapes agree. The shapes are
/// chosen square where a transposition would otherwise be caught by a shape check alone
/// (hidden = 2p for the one-hot MLP).
final class AdapterTests: XCTestCase {
    /// A one-hot MLP over Z_3 (two tokens, hidden width 6 = 2p, quadratic activation) whose weights
    /// encode their own position: input.t[n, k] = 100·(t+1) + 10·n + k, output[q, k] = −(10·q + k),
    /// scaled by `scale`.
    func handSetOneHotMLP(scale: Double = 1) throws -> TrainedModel {
        let p = 3, hidden = 6
        let architecture = OneHotMLP(vocabulary: p, hidden: hidden, outputs: p, activation: .quadratic)
        var parameters = Parameters<Double>()
        for t in 0..<2 {
            parameters.append("input.\(t)", Tensor(rows: (0..<p).map { n in (0..<hidden).map { k in scale * Double(100 * (t + 1) + 10 * n + k) } }))
        }
        parameters.append("output", Tensor(rows: (0..<p).map { q in (0..<hidden).map { k in -scale * Double(10 * q + k) } }))
        let dataset = try Dataset.modular(.add, modulus: p, trainFraction: 1, seed: 0)
        return TrainedModel(architecture: architecture, parameters: parameters, loss: .mse, dataset: dataset)
    }

    /// Gromov's U[k, n] = input.0[n, k] and U[k, p + n] = input.1[n, k]; W = output.
    func testGromovAdapterPlacesEveryWeight() throws {
        let model = try handSetOneHotMLP()
        let g = try XCTUnwrap(model.gromovMLP())
        XCTAssertEqual(g.p, 3)
        XCTAssertEqual(g.width, 6)
        for k in 0..<6 {
            for n in 0..<3 {
                XCTAssertEqual(g.u[k, n], Double(100 + 10 * n + k), "U[\(k), \(n)]")
                XCTAssertEqual(g.u[k, 3 + n], Double(200 + 10 * n + k), "U[\(k), p + \(n)]")
                XCTAssertEqual(g.w[n, k], -Double(10 * n + k), "W[\(n), \(k)]")
            }
        }
        // The a-side embedding is the transpose of U's first block: row a = the weights token a feeds.
        XCTAssertEqual(g.embeddingA.rowArrays[2], (0..<6).map { Double(120 + $0) })
        XCTAssertEqual(g.embeddingB.rowArrays[1], (0..<6).map { Double(210 + $0) })
    }

    /// The logits on every pair (a, b), row a·p + b, that the program is scored against are the
    /// network's outputs on that token pair, and the weight view computes them: W·(U x)².
    func testPairLogitsAreTheNetworksOutputsAndTheWeightViewsFunction() throws {
        let model = try handSetOneHotMLP(scale: 0.01)
        let g = try XCTUnwrap(model.gromovMLP())
        let logits = model.forwardOnEveryPair(p: 3).logits
        for a in 0..<3 {
            for b in 0..<3 {
                let out = model.outputs(input: .tokens([a, b], width: 2))
                for q in 0..<3 {
                    XCTAssertEqual(logits[a * 3 + b, q], out[0, q], accuracy: 1e-12, "f(\(a), \(b))[\(q)]")
                    let byHand = (0..<6).reduce(0.0) { acc, k in
                        let z = g.u[k, a] + g.u[k, 3 + b]
                        return acc + g.w[q, k] * z * z
                    }
                    XCTAssertEqual(logits[a * 3 + b, q], byHand, accuracy: 1e-12, "W·(Ux)² at (\(a), \(b))[\(q)]")
                }
            }
        }
        // At other flat parameters: the adapter reads those, not the model's own.
        let doubled = model.flatParameters().map { 2 * $0 }
        XCTAssertEqual(try XCTUnwrap(model.gromovMLP(at: doubled)).u[1, 4], 2 * 0.01 * Double(200 + 10 + 1), accuracy: 1e-15)
    }

    func testGromovAdapterRefusesOtherModels() throws {
        let mlp = MLP(widths: [2, 4, 3], activation: .relu, bias: true)
        var rng = RandomGenerator(seed: 1)
        let model = TrainedModel(architecture: mlp, parameters: mlp.makeParameters(using: &rng, as: Double.self), loss: .mse,
                                 dataset: try Dataset.modular(.add, modulus: 3, trainFraction: 1, seed: 0))
        XCTAssertNil(model.gromovMLP())
        XCTAssertNil(model.tokenEmbedding())
    }

    /// Row a of the token embedding holds input.0[a, ·] then input.1[a, ·] (the analyses read its
    /// Fourier spectrum over Z_p, so a swapped position block or a transposed table would move
    /// the spectrum without changing the shape).
    func testTokenEmbeddingPlacesEachPositionsTable() throws {
        let model = try handSetOneHotMLP()
        let e = try XCTUnwrap(model.tokenEmbedding())
        XCTAssertEqual(e.shape, [3, 12])
        for a in 0..<3 {
            XCTAssertEqual(e.rowArrays[a], (0..<6).map { Double(100 + 10 * a + $0) } + (0..<6).map { Double(200 + 10 * a + $0) }, "row \(a)")
        }
    }

    /// Keeping hidden units of a one-hidden-layer ReLU MLP keeps their rows of W1 and b1 and their
    /// columns of W2 (a transposed W2 would pass a shape check only by accident), and the smaller
    /// network computes W2·relu(W1·x + b1) + b2 summed over the kept units, by hand.
    func testKeepingHiddenUnitsOfAnMLP() throws {
        let mlp = MLP(widths: [3, 4, 2], activation: .relu, bias: true)
        var parameters = Parameters<Double>()
        // W1[j, i] = (10j + i)/20 − 0.7; W2[0, j] = j + 0.5, W2[1, j] = −2j + 0.5.
        let w1: [[Double]] = (0..<4).map { (j: Int) -> [Double] in (0..<3).map { (i: Int) -> Double in Double(10 * j + i) / 20 - 0.7 } }
        let w2: [[Double]] = [(0..<4).map { Double($0) + 0.5 }, (0..<4).map { Double(-2 * $0) + 0.5 }]
        let b1 = [0.1, -0.2, 0.3, -1.5], b2 = [0.25, -0.75]
        parameters.append("layer0.weight", Tensor(rows: w1))
        parameters.append("layer0.bias", Tensor(b1))
        parameters.append("layer1.weight", Tensor(rows: w2))
        parameters.append("layer1.bias", Tensor(b2))
        var rng = RandomGenerator(seed: 1)
        XCTAssertEqual(mlp.makeParameters(using: &rng, as: Double.self).names, parameters.names, "the layout pruning reads")
        var rngData = RandomGenerator(seed: 2)
        let x = Tensor<Double>.normal([7, 3], using: &rngData)
        let examples = Examples(count: 7, inputWidth: 3, features: x.scalars, targets: [Double](repeating: 0, count: 14))
        let dataset = Dataset(name: "hand", vocabulary: nil, inputWidth: 3, classes: nil, outputWidth: 2, train: examples, test: examples)
        let model = TrainedModel(architecture: mlp, parameters: parameters, loss: .mse, dataset: dataset)
        let kept = [0, 2, 3]
        let smaller = try XCTUnwrap(model.keepingHiddenUnits(kept))
        XCTAssertEqual((smaller.architecture as? MLP)?.widths, [3, 3, 2])
        XCTAssertEqual(smaller.parameters["layer0.weight"].rowArrays, kept.map { w1[$0] })
        XCTAssertEqual(smaller.parameters["layer0.bias"].scalars, kept.map { b1[$0] })
        XCTAssertEqual(smaller.parameters["layer1.weight"].rowArrays, w2.map { row in kept.map { row[$0] } })
        XCTAssertEqual(smaller.parameters["layer1.bias"].scalars, b2)
        let full = model.outputs(on: examples), pruned = smaller.outputs(on: examples)
        for r in 0..<7 {
            var h = [Double](repeating: 0, count: 4)
            for j in 0..<4 {
                var z = b1[j]
                for i in 0..<3 { z += w1[j][i] * x[r, i] }
                h[j] = max(0, z)
            }
            for o in 0..<2 {
                let all = b2[o] + (0..<4).reduce(0.0) { $0 + w2[o][$1] * h[$1] }
                let some = b2[o] + kept.reduce(0.0) { $0 + w2[o][$1] * h[$1] }
                XCTAssertEqual(full[r, o], all, accuracy: 1e-12)
                XCTAssertEqual(pruned[r, o], some, accuracy: 1e-12)
            }
        }
        XCTAssertNil(model.keepingHiddenUnits([]), "no MLP layer has width 0")
    }

    /// The trained model as an objective: its loss and gradient, checked by finite differences.
    func testTrainedModelObjectiveMatchesFiniteDifferences() throws {
        let model = try handSetOneHotMLP(scale: 0.01)
        let objective = TrainedModelObjective(model)
        XCTAssertEqual(objective.dimension, 2 * 3 * 6 + 3 * 6)
        XCTAssertEqual(objective.sampleCount, 9)
        let w = model.flatParameters().enumerated().map { $0.element + 0.001 * Double($0.offset % 7) }
        XCTAssertLessThan(maxAbsDifference(objective.gradient(at: w), finiteDifferenceGradient(objective, at: w)), 1e-7)
        XCTAssertLessThan(maxAbsDifference(objective.lossAndGradient(at: w, batch: [0, 4, 8]).gradient,
                                           finiteDifferenceGradient(objective, at: w, batch: [0, 4, 8])), 1e-7)
    }
}
