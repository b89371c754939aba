import XCTest
import Tensors
@testable import Learning

/// A pullback that captured a `Variable` would hold its tape, which holds the pullback: the tape
/// and every activation on it would never be freed (the benchmark's memory grew 13 MB a step when
/// that happened). After a training step of every architecture, the tape must be gone.
final class TapeLifetimeTests: XCTestCase {
    func testTapesAreFreedAfterEachStep() {
        let models: [(any Architecture, ModelInput<Float>, Int)] = [
            (OneHotMLP(vocabulary: 5, hidden: 4, outputs: 5, activation: .quadratic), .tokens([0, 1, 2, 3, 4, 0], width: 2), 5),
            (MLP(widths: [3, 4, 2], activation: .relu, bias: true), .features(Tensor<Float>.zeros([3, 3])), 2),
            (MLP(widths: [6, 4, 5], activation: .tanh, bias: true, inputVocabulary: 3), .tokens([0, 1, 2, 2, 1, 0], width: 2), 5),
            (Transformer(vocabulary: 5, sequenceLength: 2, dModel: 4, heads: 2, dMLP: 8, outputs: 5), .tokens([0, 1, 2, 3, 4, 0], width: 2), 5),
        ]
        for (model, input, classes) in models {
            weak var weakTape: Tape<Float>?
            do {
                var rng = RandomGenerator(seed: 1)
                let parameters = model.makeParameters(using: &rng, as: Float.self)
                let tape = Tape<Float>()
                weakTape = tape
                let output = model.forward(input, tape.bind(parameters)).output
                let labels = (0..<output.shape[0]).map { $0 % classes }
                _ = tape.gradients(of: output.crossEntropy(labels: labels))
            }
            XCTAssertNil(weakTape, "the tape of \(model.summary) outlived its step (a pullback holds a Variable)")
        }
    }
}
