import XCTest
import Foundation
import Learning
import Tensors
@testable import Analysis

/// The Fourier analyses read a transformer through its embedding W_E and its logits on the grid.
final class TransformerFourierTests: XCTestCase {
    let p = 13

    func model(plantedFrequencies: [Int]?) throws -> TrainedModel {
        let dataset = try Dataset.modular(.add, modulus: p, trainFraction: 0.3, seed: 0)
        let net = Transformer(vocabulary: p, sequenceLength: 2, dModel: 8, heads: 2, dMLP: 16, outputs: p)
        var rng = RandomGenerator(seed: 3)
        var parameters = net.makeParameters(using: &rng, as: Double.self)
        if let plantedFrequencies {
            // W_E[x] = Σ_k cos(w_k x)·u_k + sin(w_k x)·v_k for the p tokens; the "=" row stays random.
            var normal = RandomGenerator(seed: 4)
            var embed = parameters["embed"]
            for x in 0..<p { for j in 0..<8 { embed[x, j] = 0 } }
            for k in plantedFrequencies {
                let u = normal.normals(8), v = normal.normals(8)
                for x in 0..<p {
                    let t = 2 * Double.pi * Double(k * x) / Double(p)
                    for j in 0..<8 { embed[x, j] += cos(t) * u[j] + sin(t) * v[j] }
                }
            }
            parameters["embed"] = embed
        }
        return TrainedModel(architecture: net, parameters: parameters, loss: .crossEntropy, dataset: dataset)
    }

    func testPlantedEmbeddingSpectrumIsReadBack() throws {
        let m = try model(plantedFrequencies: [2, 5])
        let embedding = try XCTUnwrap(m.tokenEmbedding())
        XCTAssertEqual(embedding.shape[0], p)
        XCTAssertEqual(embedding.shape[1], 8)
        let measures = try XCTUnwrap(m.fourierMeasures())
        XCTAssertEqual(measures.keyFrequencies, [2, 5])
        XCTAssertEqual(measures.keyShare, 1, accuracy: 1e-12)
        XCTAssertEqual(measures.spectrum.constantNorm, 0, accuracy: 1e-12)
        // Two of six frequencies carry everything: the Gini coefficient of (0, 0, 0, 0, x, y) is at least 4/6.
        XCTAssertGreaterThanOrEqual(measures.embeddingGini, 4.0 / 6 - 1e-12)
        XCTAssertNotNil(measures.neuronGini)
        XCTAssertNotNil(measures.ablation)
    }

    func testRandomEmbeddingSpreadsOverFrequencies() throws {
        let measures = try XCTUnwrap(try model(plantedFrequencies: nil).fourierMeasures())
        XCTAssertGreaterThan(measures.keyFrequencies.count, 3, "90% of a random embedding's energy needs most of the 6 frequencies")
        XCTAssertLessThan(measures.embeddingGini, 0.5)
    }

    /// The grid covers every (a, b) once, with its label, and the grid logits are the network's outputs.
    func testGridMatchesTheDataset() throws {
        let m = try model(plantedFrequencies: nil)
        let grid = try XCTUnwrap(m.modularGrid)
        XCTAssertEqual(grid.labels, (0..<(p * p)).map { ($0 / p + $0 % p) % p })
        XCTAssertEqual(grid.trainRows.count, m.dataset.train.count)
        let (logits, activations) = m.gridForward(grid)
        XCTAssertEqual(activations?.shape[1], 16)
        let direct = m.outputs(on: m.dataset.train)
        for (i, r) in grid.trainRows.enumerated().prefix(10) {
            for c in 0..<p { XCTAssertEqual(logits[r, c], direct[i, c], accuracy: 1e-12) }
        }
        XCTAssertEqual(m.gridLoss(logits, rows: grid.trainRows, grid: grid), m.loss(), accuracy: 1e-12)
    }
}
