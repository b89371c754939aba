import XCTest
@testable import Analysis
import Learning
import Tensors

/// The weight-refined LLC, chains on concurrent workers, and SGLD in Float through the tape.
final class LLCRefinedTests: XCTestCase {
    /// A quadratic whose λ splits across two blocks (4 coordinates of curvature 1, 6 of curvature
    /// 0.2): the refined estimate of each block matches that block's exact SGLD expectation, and
    /// would not if the other block moved too (its share is 2.0 or 2.9 more). Full batch, each
    /// coordinate is the Gaussian AR(1) chain of `GaussianLangevinChain` (h = nβ·a + γ), so
    /// E[λ̂] = (nβ/2)·Σ aᵢ·E[mean uᵢ²] with the transient from w* counted, and a chain's variance
    /// is (nβ/2)²·Σ aᵢ²·Var[mean uᵢ²] with every lag's autocorrelation: the band is 4 of those
    /// exact standard errors of the mean over the chains.
    func testRefinedLLCOfABlockMatchesItsClosedForm() {
        let curvatures = [Double](repeating: 1, count: 4) + [Double](repeating: 0.2, count: 6)
        var values = [Double](repeating: 0, count: 100)
        for (i, a) in curvatures.enumerated() { values[i * 10 + i] = a }
        let objective = QuadraticObjective(hessian: Tensor(shape: [10, 10], scalars: values),
                                           center: (0..<10).map { 0.1 * Double($0) }, sampleCount: 1000)
        let nBeta = 1000 / log(1000.0), eps = 1e-3, gamma = 1.0, chains = 6, draws = 6000, burnIn = 500
        func exact(_ block: Range<Int>) -> (mean: Double, standardError: Double) {
            var mean = 0.0, variance = 0.0
            for i in block {
                let chain = GaussianLangevinChain(curvature: nBeta * curvatures[i] + gamma, epsilon: eps)
                mean += nBeta / 2 * curvatures[i] * chain.expectedMeanSquare(start: 0, burnIn: burnIn, draws: draws)
                variance += pow(nBeta / 2 * curvatures[i], 2) * chain.varianceOfMeanSquare(draws: draws)
            }
            return (mean, (variance / Double(chains)).squareRoot())
        }
        for (block, other) in [(0..<4, 4..<10), (4..<10, 0..<4)] {
            let config = LLCConfig(gamma: gamma, epsilon: eps, chains: chains, draws: draws, burnIn: burnIn, seed: 11,
                                   parameterRanges: [block])
            let e = estimateLLC(objective: objective, at: objective.center, config: config)
            let truth = exact(block)
            print("refined block", block, "estimate", e.mean, "exact", truth.mean, "± SE", truth.standardError)
            XCTAssertEqual(e.mean, truth.mean, accuracy: 4 * truth.standardError, "block \(block)")
            XCTAssertGreaterThan(exact(other).mean, 8 * truth.standardError, "the band separates the blocks")
        }
    }

    /// A split of the ranges (and their order) does not change what moves: [0..<2, 2..<4] samples
    /// the same block as [0..<4], and the estimate is bit-identical.
    func testRangesAreTheSetOfCoordinates() {
        let objective = QuadraticObjective(dimension: 6, sampleCount: 500, curvature: 1)
        let one = LLCConfig(epsilon: 1e-3, chains: 2, draws: 200, seed: 3, parameterRanges: [0..<4])
        var split = one
        split.parameterRanges = [0..<2, 2..<4]
        XCTAssertEqual(estimateLLC(objective: objective, at: objective.center, config: one).perChain,
                       estimateLLC(objective: objective, at: objective.center, config: split).perChain)
    }

    /// Chain c draws from its own stream whatever thread runs it: 1, 2 or 5 workers give the same
    /// traces bit for bit; and a seed's chain 1 is not the next seed's chain 0 (as with seed + c).
    func testChainsDoNotDependOnWorkersOrShareStreamsAcrossSeeds() {
        let objective = PolynomialObjective(powers: [1, 2])
        let config = LLCConfig(gamma: 1, epsilon: 4e-4, chains: 5, draws: 200, batchSize: 100, seed: 9)
        let serial = estimateLLC(objective: objective, at: [0, 0], config: config, workers: 1)
        for workers in [2, 5] {
            XCTAssertEqual(estimateLLC(objective: objective, at: [0, 0], config: config, workers: workers), serial, "\(workers) workers")
        }
        var next = config
        next.seed = 10
        let neighbour = estimateLLC(objective: objective, at: [0, 0], config: next, workers: 1)
        for c in 0..<4 { XCTAssertNotEqual(serial.lossTraces[c + 1], neighbour.lossTraces[c], "chain \(c + 1) of seed 9") }
    }

    /// The ziggurat's normals: mean 0, variance 1, kurtosis 3 over 1,000,000 draws (4 standard
    /// errors: √(1/n), √(2/n), √(96/n)); the fractions beyond 1, 2, 3 and 3.5 (the tail sampler
    /// starts at R = 3.44) against 2Φ(−t), within 4 binomial standard errors; the same seed gives
    /// the same draws in Float and Double; and `portableExp` matches libm's exp to 1e-15 relative.
    func testFillNormalsAreStandardNormal() {
        let n = 1_000_000
        var rng = RandomGenerator(seed: 5)
        var xs = [Double](repeating: 0, count: n)
        xs.withUnsafeMutableBufferPointer { rng.fillNormals($0) }
        let m = xs.reduce(0, +) / Double(n)
        let v = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)
        let k = xs.reduce(0) { $0 + pow($1 - m, 4) } / Double(n) / (v * v)
        XCTAssertEqual(m, 0, accuracy: 4 * (1 / Double(n)).squareRoot())
        XCTAssertEqual(v, 1, accuracy: 4 * (2 / Double(n)).squareRoot())
        XCTAssertEqual(k, 3, accuracy: 4 * (96 / Double(n)).squareRoot())
        var again = RandomGenerator(seed: 5)
        var ys = [Float](repeating: 0, count: 101)
        ys.withUnsafeMutableBufferPointer { again.fillNormals($0) }
        XCTAssertEqual(ys[0], Float(xs[0]))
        for (t, p) in [(1.0, 0.31731050786291415), (2.0, 0.04550026389635842), (3.0, 0.0026997960632601866), (3.5, 0.0004652581580710802)] {
            let observed = Double(xs.filter { abs($0) > t }.count) / Double(n)
            XCTAssertEqual(observed, p, accuracy: 4 * (p * (1 - p) / Double(n)).squareRoot(), "P(|z| > \(t))")
        }
        for x in stride(from: -30.0, to: 5, by: 0.173) {
            XCTAssertEqual(RandomGenerator.portableExp(x), exp(x), accuracy: 1e-15 * exp(x))
        }
    }

    /// A network through the tape in Float gives the Double loss and gradient to Float accuracy,
    /// and an SGLD estimate in Float agrees with the Double one within their standard errors.
    func testFloatObjectiveAgreesWithDouble() throws {
        let architecture = OneHotMLP(vocabulary: 5, hidden: 8, outputs: 5, activation: .quadratic)
        var rng = RandomGenerator(seed: 1)
        let parameters = architecture.makeParameters(using: &rng, as: Double.self)
        let model = TrainedModel(architecture: architecture, parameters: parameters, loss: .crossEntropy,
                                 dataset: try Dataset.modular(.add, modulus: 5, trainFraction: 1, seed: 0))
        let double = TrainedModelObjective(model), float = TrainedModelObjective(model, precision: Float.self)
        let w = model.flatParameters()
        let (ld, gd) = double.lossAndGradient(at: w, batch: [0, 3, 7])
        let (lf, gf) = float.lossAndGradient(at: w.map { Float($0) }, batch: [0, 3, 7])
        XCTAssertEqual(lf, ld, accuracy: 1e-6 * abs(ld))
        let scale = gd.map(abs).max()!
        XCTAssertLessThan(maxAbsDifference(gf.map(Double.init), gd), 1e-5 * scale)
        let config = LLCConfig(gamma: 10, epsilon: 1e-4, chains: 6, draws: 400, burnIn: 100, seed: 2)
        let a = estimateLLC(objective: double, at: w, config: config), b = estimateLLC(objective: float, at: w, config: config)
        let se = ((a.std * a.std + b.std * b.std) / 6).squareRoot()
        XCTAssertEqual(a.mean, b.mean, accuracy: 4 * se + 1e-3 * abs(a.mean))
    }

    /// Named blocks: a parameter, a layer prefix, a transformer head's slices of Q, K, V (rows) and
    /// O (columns), and nil for a name the model lacks.
    func testParameterBlocksByName() throws {
        let t = Transformer(vocabulary: 5, sequenceLength: 2, dModel: 8, heads: 2, dMLP: 4, outputs: 5, activation: .relu)
        var rng = RandomGenerator(seed: 0)
        let model = TrainedModel(architecture: t, parameters: t.makeParameters(using: &rng, as: Double.self), loss: .crossEntropy,
                                 dataset: try Dataset.modular(.add, modulus: 5, trainFraction: 1, seed: 0))
        var start: [String: Int] = [:]
        var offset = 0
        for (name, shape) in model.parameterLayout { start[name] = offset; offset += shape.reduce(1, *) }
        XCTAssertEqual(model.parameterRanges(named: "embed"), [start["embed"]! ..< start["embed"]! + 6 * 8])
        XCTAssertEqual(model.parameterRanges(named: "mlp")?.count, 4)
        let head1 = try XCTUnwrap(model.parameterRanges(named: "head.1"))
        // Q, K, V: rows 4..<8 of [8, 8]; O: columns 4..<8 of each of its 8 rows.
        XCTAssertEqual(head1[0], start["attn.q"]! + 32 ..< start["attn.q"]! + 64)
        XCTAssertEqual(head1[2], start["attn.v"]! + 32 ..< start["attn.v"]! + 64)
        XCTAssertEqual(head1[3], start["attn.o"]! + 4 ..< start["attn.o"]! + 8)
        XCTAssertEqual(head1.last, start["attn.o"]! + 7 * 8 + 4 ..< start["attn.o"]! + 64)
        XCTAssertEqual(head1.reduce(0) { $0 + $1.count }, 4 * 32)
        XCTAssertNil(model.parameterRanges(named: "head.2"))
        XCTAssertNil(model.parameterRanges(named: "layer0"))
        XCTAssertTrue(model.parameterBlockNames.contains("head.0"))
        XCTAssertEqual(mergedRanges([4..<8, 0..<2, 1..<5, 10..<12]), [0..<8, 10..<12])
    }
}
