import XCTest
import Learning
import Tensors
@testable import Analysis

/// The known-λ models are architectures plus tasks of the training core (`KnownLambdaModel`); the
/// closed forms of their losses and gradients (Oracles/) must agree with the tape's at random
/// points, to 1e-10 relative in Double: that agreement is what lets the closed forms serve as
/// oracles, and what makes λ of the closed form the λ of the model `{llc}` samples.
final class KnownModelOracleTests: XCTestCase {
    /// Random points around `center`: N(0, scale²) per coordinate.
    func randomPoints(_ count: Int, around center: [Double], scale: Double, seed: UInt64) -> [[Double]] {
        var rng = RandomGenerator(seed: seed)
        return (0..<count).map { _ in center.map { $0 + scale * rng.normal() } }
    }

    /// Loss to `tolerance` relative and gradient to `tolerance` relative to its largest entry.
    func assertAgree<A: Objective<Double>, B: Objective<Double>>(_ tape: A, _ oracle: B, at w: [Double], batch: [Int]? = nil,
                                                                tolerance: Double = 1e-10, file: StaticString = #filePath, line: UInt = #line) {
        let (l1, g1) = tape.lossAndGradient(at: w, batch: batch), (l2, g2) = oracle.lossAndGradient(at: w, batch: batch)
        XCTAssertEqual(l1, l2, accuracy: tolerance * max(1, abs(l2)), "loss", file: file, line: line)
        let scale = max(1, g2.map(abs).max() ?? 0)
        XCTAssertLessThan(maxAbsDifference(g1, g2), tolerance * scale, "gradient", file: file, line: line)
        XCTAssertEqual(tape.loss(at: w, batch: batch), l2, accuracy: tolerance * max(1, abs(l2)), "loss only", file: file, line: line)
    }

    /// The linear model on whitened inputs is exactly ½·a·‖w − w*‖² + L* with w* = (2/a)·C_xy and
    /// L* = C_yy − (a/2)·‖w*‖² (`KnownLambdaModel`), and its one SGD step of size 1/a lands on w*.
    func testQuadraticModelIsTheIsotropicQuadratic() throws {
        for (d, a, n, seed) in [(10, 1.0, 1000, UInt64(0)), (3, 2.5, 50, 7)] {
            let model = try KnownLambdaModel.quadratic(dimension: d, curvature: a).train(samples: n, seed: seed)
            let x = model.dataset.train.features, y = model.dataset.train.targets
            XCTAssertEqual(model.parameterCount, d)
            // The empirical second moment is exactly (a/2)·I.
            for i in 0..<d {
                for j in 0..<d {
                    let m = (0..<n).reduce(0.0) { $0 + x[$1 * d + i] * x[$1 * d + j] } / Double(n)
                    XCTAssertEqual(m, i == j ? a / 2 : 0, accuracy: 1e-12)
                }
            }
            let cxy = (0..<d).map { i in (0..<n).reduce(0.0) { $0 + x[$1 * d + i] * y[$1] } / Double(n) }
            let center = cxy.map { 2 / a * $0 }
            let cyy = y.reduce(0) { $0 + $1 * $1 } / Double(n)
            let oracle = QuadraticObjective(dimension: d, sampleCount: n, curvature: a, center: center,
                                            minimumLoss: cyy - a / 2 * center.reduce(0) { $0 + $1 * $1 })
            let tape = TrainedModelObjective(model)
            XCTAssertLessThan(maxAbsDifference(model.flatParameters(), center), 1e-12, "one step of size 1/a reaches w*")
            for w in randomPoints(5, around: center, scale: 1, seed: seed) { assertAgree(tape, oracle, at: w) }
        }
    }

    /// The monomial on devinterp's data is the polynomial oracle, full batch and on a minibatch, and
    /// starts (and stays) at w* = 0.
    func testMonomialModelIsThePolynomialOracle() throws {
        for (powers, seed) in [([1, 2], UInt64(0)), ([2, 3], 3), ([0, 1], 5), ([3, 0, 1], 9)] {
            let model = try KnownLambdaModel.polynomial(powers: powers).train(samples: 200, seed: seed)
            XCTAssertEqual(model.flatParameters(), [Double](repeating: 0, count: powers.count))
            let oracle = PolynomialObjective(powers: powers, x: model.dataset.train.features, y: model.dataset.train.targets)
            XCTAssertEqual(oracle.trueLambda, KnownLambdaModel.polynomial(powers: powers).trueLambda)
            let tape = TrainedModelObjective(model)
            for w in randomPoints(5, around: [Double](repeating: 0, count: powers.count), scale: 0.8, seed: seed) {
                assertAgree(tape, oracle, at: w)
                assertAgree(tape, oracle, at: w, batch: [3, 17, 4, 150])
            }
        }
    }

    /// The deep_linear architecture on the linear teacher task is the deep linear oracle (reduced rank
    /// regression being its one-hidden-layer case), at the initialization and at random points.
    func testDeepLinearModelIsTheDeepLinearOracle() throws {
        let models: [KnownLambdaModel] = [.reducedRank(inputs: 5, hidden: 3, outputs: 5, rank: 0),
                                          .reducedRank(inputs: 3, hidden: 8, outputs: 7, rank: 2),
                                          .deepLinear(widths: [3, 4, 2, 3], rank: 2),
                                          .deepLinear(widths: [5, 2, 3, 4, 2], rank: 1)]
        for (k, known) in models.enumerated() {
            let model = try known.train(samples: 300, seed: UInt64(k), trainSteps: 0)
            let widths: [Int] = switch known {
            case let .reducedRank(m, h, n, _): [m, h, n]
            case let .deepLinear(widths, _): widths
            default: []
            }
            let oracle = DeepLinearObjective(widths: widths, inputs: model.dataset.train.features, targets: model.dataset.train.targets)
            XCTAssertEqual(oracle.dimension, model.parameterCount)
            let tape = TrainedModelObjective(model)
            assertAgree(tape, oracle, at: model.flatParameters())
            for w in randomPoints(4, around: model.flatParameters(), scale: 0.7, seed: UInt64(k)) {
                assertAgree(tape, oracle, at: w)
                assertAgree(tape, oracle, at: w, batch: [0, 5, 299, 42])
            }
        }
    }

    /// The closed forms themselves against central finite differences (step 1e-6).
    func testOracleGradientsMatchFiniteDifferences() {
        var rng = RandomGenerator(seed: 2)
        let poly = PolynomialObjective(powers: [2, 3], sampleCount: 50, seed: 1)
        let wp = [0.7, -0.4]
        XCTAssertLessThan(maxAbsDifference(poly.gradient(at: wp), finiteDifferenceGradient(poly, at: wp)), 1e-7)
        XCTAssertLessThan(maxAbsDifference(poly.lossAndGradient(at: wp, batch: [1, 4, 9]).gradient,
                                           finiteDifferenceGradient(poly, at: wp, batch: [1, 4, 9])), 1e-7)
        let deep = DeepLinearObjective(widths: [3, 4, 2, 3], inputs: rng.normals(120), targets: rng.normals(120))
        let wd = rng.normals(deep.dimension, std: 0.6)
        XCTAssertLessThan(maxAbsDifference(deep.gradient(at: wd), finiteDifferenceGradient(deep, at: wd)), 1e-7)
        XCTAssertLessThan(maxAbsDifference(deep.lossAndGradient(at: wd, batch: [0, 3, 7]).gradient,
                                           finiteDifferenceGradient(deep, at: wd, batch: [0, 3, 7])), 1e-7)
        // The moment form of the loss equals the direct mean squared error.
        let p = deep.endToEnd(wd)
        var direct = 0.0
        for j in 0..<deep.sampleCount {
            for o in 0..<3 {
                var f = 0.0
                for i in 0..<3 { f += p[o, i] * deep.inputs[j, i] }
                direct += (deep.targets[j, o] - f) * (deep.targets[j, o] - f)
            }
        }
        XCTAssertEqual(deep.loss(at: wd, batch: nil), direct / Double(3 * deep.sampleCount), accuracy: 1e-12)
        let quad = QuadraticObjective(hessian: Tensor(shape: [2, 2], scalars: [2, 1, 1, 3]), center: [1, -1], sampleCount: 10)
        XCTAssertLessThan(maxAbsDifference(quad.gradient(at: [0.3, 0.2]), finiteDifferenceGradient(quad, at: [0.3, 0.2])), 1e-7)
    }

    /// The training core's Adam drives reduced-rank regression to a stationary point of the oracle's
    /// loss (the w* that `{llc}` samples around).
    func testTrainingReachesAStationaryPointOfTheOracle() throws {
        let known = KnownLambdaModel.reducedRank(inputs: 4, hidden: 2, outputs: 3, rank: 2)
        let initial = try known.train(samples: 1000, seed: 3, trainSteps: 0)
        let model = try known.train(samples: 1000, seed: 3, trainSteps: 3000)
        let oracle = DeepLinearObjective(widths: [4, 2, 3], inputs: model.dataset.train.features, targets: model.dataset.train.targets)
        XCTAssertLessThan(oracle.loss(at: model.flatParameters(), batch: nil), oracle.loss(at: initial.flatParameters(), batch: nil))
        XCTAssertLessThan(oracle.gradient(at: model.flatParameters()).map(abs).max()!, 1e-3)
    }
}
