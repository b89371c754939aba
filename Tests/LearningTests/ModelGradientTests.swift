import XCTest
import Foundation
import Tensors
@testable import Learning

/// Finite-difference checks of every model's full loss gradient (Double).
final class ModelGradientTests: XCTestCase {
    private func check(_ architecture: any Architecture, input: ModelInput<Double>, targets: Targets<Double>, loss: LossKind,
                       file: StaticString = #filePath, line: UInt = #line) {
        var rng = RandomGenerator(seed: 3)
        let p = architecture.makeParameters(using: &rng, as: Double.self)
        assertGradientsMatch(p, file: file, line: line) { v in architecture.forward(input, v).output.loss(loss, targets) }
    }

    func testMLPWithAndWithoutBias() {
        var rng = RandomGenerator(seed: 4)
        let x = Tensor<Double>.normal([5, 3], using: &rng)
        for activation in [Activation.tanh, .gelu, .quadratic] {
            for bias in [true, false] {
                let mlp = MLP(widths: [3, 4, 4, 2], activation: activation, bias: bias)
                check(mlp, input: .features(x), targets: .labels([0, 1, 1, 0, 1]), loss: .crossEntropy)
                check(mlp, input: .features(x), targets: .labels([0, 1, 1, 0, 1]), loss: .mse)
            }
        }
        let relu = MLP(widths: [3, 6, 1], activation: .relu, bias: true)
        check(relu, input: .features(x), targets: .values(Tensor<Double>.normal([5, 1], using: &rng)), loss: .mse)
    }

    func testDeepLinearNetwork() {
        var rng = RandomGenerator(seed: 5)
        let net = MLP(widths: [3, 2, 4, 2], activation: .identity, bias: false)
        check(net, input: .features(Tensor<Double>.normal([6, 3], using: &rng)),
              targets: .values(Tensor<Double>.normal([6, 2], using: &rng)), loss: .mse)
    }

    /// The monomial x·w₁·w₂²·w₄³ (w₃ unused: power 0) on one real input.
    func testMonomial() {
        var rng = RandomGenerator(seed: 6)
        check(Monomial(powers: [1, 2, 0, 3]), input: .features(Tensor<Double>.normal([7, 1], using: &rng)),
              targets: .values(Tensor<Double>.normal([7, 1], using: &rng)), loss: .mse)
    }

    /// Its forward pass is the product it names, at a point worked by hand: w = (2, −1, 5, 0.5),
    /// powers (1, 2, 0, 3): m = 2·1·0.125 = 0.25, so f(x) = 0.25·x.
    func testMonomialComputesItsProduct() {
        let model = Monomial(powers: [1, 2, 0, 3])
        var p = Parameters<Double>()
        p.append("weight", Tensor(shape: [1, 4], scalars: [2, -1, 5, 0.5]))
        let out = model.forward(.features(Tensor(shape: [3, 1], scalars: [1, -2, 4])), Tape<Double>().bind(p)).output.value
        XCTAssertEqual(out.scalars, [0.25, -0.5, 1])
        XCTAssertEqual(model.summary, "monomial x·w1·w2^2·w4^3")
    }

    func testMLPOnTokenInputs() {
        let mlp = MLP(widths: [10, 4, 5], activation: .tanh, bias: true, inputVocabulary: 5)
        check(mlp, input: .tokens([0, 1, 2, 3, 4, 4], width: 2), targets: .labels([1, 0, 3]), loss: .crossEntropy)
    }

    func testOneHotMLP() {
        for activation in [Activation.quadratic, .gelu, .tanh] {
            let net = OneHotMLP(vocabulary: 5, hidden: 6, outputs: 5, activation: activation, initialization: .gromov)
            let tokens = [0, 1, 2, 2, 4, 3, 1, 1, 3, 0]
            check(net, input: .tokens(tokens, width: 2), targets: .labels([1, 4, 2, 2, 3]), loss: .mse)
            check(net, input: .tokens(tokens, width: 2), targets: .labels([1, 4, 2, 2, 3]), loss: .crossEntropy)
        }
    }

    func testOneHotMLPMatchesDenseOneHotProduct() {
        // W·act(U·[onehot(a); onehot(b)]) computed densely must equal the embedding form.
        let net = OneHotMLP(vocabulary: 4, hidden: 3, outputs: 4, activation: .quadratic)
        var rng = RandomGenerator(seed: 8)
        let p = net.makeParameters(using: &rng, as: Double.self)
        let tokens = [0, 3, 2, 1, 3, 3]
        let tape = Tape<Double>()
        let fast = net.forward(.tokens(tokens, width: 2), tape.bind(p)).output.value
        let x: Tensor<Double> = oneHotFeatures(tokens, width: 2, vocabulary: 4)
        let u = net.inputWeights(p)
        let h = x.matmul(u, transposeOther: true).map { $0 * $0 }
        let dense = h.matmul(net.outputWeights(p), transposeOther: true)
        for (a, b) in zip(fast.scalars, dense.scalars) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testTransformer() {
        let net = Transformer(vocabulary: 5, sequenceLength: 2, dModel: 4, heads: 2, dMLP: 6, outputs: 5, activation: .gelu)
        check(net, input: .tokens([0, 1, 2, 2, 4, 3], width: 2), targets: .labels([1, 4, 2]), loss: .crossEntropy)
    }

    /// The transformer's logits against a direct loop implementation of Nanda et al.'s layer, for a
    /// batch of examples, three heads and three input tokens: every position's query, key and value
    /// per head, a causal softmax over positions j ≤ i, the last position read out.
    ///
    /// About causality: the model has one layer and reads logits at the last position only, which
    /// attends to every position, so the causal mask changes nothing the model outputs and
    /// `Transformer.forward` computes only that query. A test "position i ignores later tokens"
    /// would test code that does not exist; the oracle here is the whole causal computation.
    func testTransformerMatchesDirectComputation() {
        let heads = 3, dh = 2, d = heads * dh, width = 3, T = width + 1
        let net = Transformer(vocabulary: 5, sequenceLength: width, dModel: d, heads: heads, dMLP: 4, outputs: 5, activation: .relu)
        var rng = RandomGenerator(seed: 2)
        let p = net.makeParameters(using: &rng, as: Double.self)
        let examples = [[3, 1, 4], [0, 0, 2], [4, 2, 1]]
        let tape = Tape<Double>()
        let logits = net.forward(.tokens(examples.flatMap { $0 }, width: width), tape.bind(p)).output.value
        func row(_ name: String, _ r: Int) -> [Double] { let t = p[name]; return (0..<t.shape[1]).map { t[r, $0] } }
        func apply(_ name: String, _ x: [Double]) -> [Double] {
            let w = p[name]
            return (0..<w.shape[0]).map { i in (0..<w.shape[1]).reduce(0) { $0 + w[i, $1] * x[$1] } }
        }
        for (n, example) in examples.enumerated() {
            let tokens = example + [5]
            let x = (0..<T).map { t in zip(row("embed", tokens[t]), row("pos", t)).map { $0 + $1 } }
            let q = x.map { apply("attn.q", $0) }, k = x.map { apply("attn.k", $0) }, v = x.map { apply("attn.v", $0) }
            // Every position's attention output; only the last one reaches the logits.
            var z = [[Double]](repeating: [Double](repeating: 0, count: d), count: T)
            for i in 0..<T {
                for h in 0..<heads {
                    let r = (h * dh)..<((h + 1) * dh)
                    let s = (0...i).map { j in zip(q[i][r], k[j][r]).reduce(0) { $0 + $1.0 * $1.1 } / Double(dh).squareRoot() }
                    let m = s.max()!, e = s.map { Foundation.exp($0 - m) }, total = e.reduce(0, +)
                    for j in 0...i { for c in r { z[i][c] += e[j] / total * v[j][c] } }
                }
            }
            let last = T - 1
            let x1 = zip(x[last], apply("attn.o", z[last])).map { $0 + $1 }
            let hidden = zip(apply("mlp.in", x1), p["mlp.in_bias"].scalars).map { max($0 + $1, 0) }
            let x2 = zip(zip(x1, apply("mlp.out", hidden)), p["mlp.out_bias"].scalars).map { $0.0 + $0.1 + $1 }
            let expected = apply("unembed", x2)
            for c in 0..<5 { XCTAssertEqual(logits[n, c], expected[c], accuracy: 1e-12, "example \(n), logit \(c)") }
        }
    }
}
