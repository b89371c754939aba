import XCTest
import Tensors
@testable import Learning

final class TaskTests: XCTestCase {
    func testModularAdditionSplitAndLabels() throws {
        let d = try Dataset.modular(.add, modulus: 7, trainFraction: 0.5, seed: 1)
        XCTAssertEqual(d.train.count, 24)  // ⌊0.5·49⌋
        XCTAssertEqual(d.test.count, 25)
        var seen = Set<[Int]>()
        for ex in [d.train, d.test] {
            for i in 0..<ex.count {
                let a = ex.tokens[2 * i], b = ex.tokens[2 * i + 1]
                XCTAssertEqual(ex.labels[i], (a + b) % 7)
                seen.insert([a, b])
            }
        }
        XCTAssertEqual(seen.count, 49, "train and test partition all pairs")
        XCTAssertEqual(try Dataset.modular(.add, modulus: 7, trainFraction: 0.5, seed: 1), d)
        XCTAssertNotEqual(try Dataset.modular(.add, modulus: 7, trainFraction: 0.5, seed: 2).train.tokens, d.train.tokens)
    }

    func testModularOperations() throws {
        XCTAssertEqual(ModularOperation.sub.apply(2, 5, modulus: 7), 4)
        XCTAssertEqual(ModularOperation.mul.apply(3, 5, modulus: 7), 1)
        XCTAssertEqual(ModularOperation.div.apply(3, 5, modulus: 7), 2)  // 5·2 = 10 ≡ 3
        XCTAssertNil(ModularOperation.div.apply(3, 0, modulus: 7))
        XCTAssertEqual(ModularOperation.x2PlusY2.apply(3, 4, modulus: 7), 4)  // 25 mod 7
        let div = try Dataset.modular(.div, modulus: 5, trainFraction: 1, seed: 0)
        XCTAssertEqual(div.train.count, 20)
        XCTAssertThrowsError(try Dataset.modular(.div, modulus: 6, trainFraction: 0.5, seed: 0))
    }

    func testLabelCorruption() throws {
        let clean = try Dataset.modular(.add, modulus: 11, trainFraction: 0.8, seed: 3)
        let noisy = try Dataset.modular(.add, modulus: 11, trainFraction: 0.8, seed: 3, labelNoise: 0.5)
        XCTAssertEqual(noisy.corruptedTrainIndices.count, 48)  // ⌊0.5·96⌋
        XCTAssertEqual(noisy.train.tokens, clean.train.tokens)
        XCTAssertEqual(noisy.test, clean.test, "the test split keeps its true labels")
        let changed = (0..<clean.train.count).filter { clean.train.labels[$0] != noisy.train.labels[$0] }
        XCTAssertTrue(Set(changed).isSubset(of: Set(noisy.corruptedTrainIndices)))
        XCTAssertGreaterThan(changed.count, 35, "about 10/11 of the replaced labels differ")
    }

    func testParityAndStaircase() throws {
        let parity = try Dataset.parity(bits: 6, degree: 3, staircase: false, trainSize: 200, testSize: 50, seed: 0)
        for i in 0..<parity.train.count {
            let x = Array(parity.train.features[(6 * i)..<(6 * i + 6)])
            XCTAssertEqual(parity.train.labels[i], x[0] * x[1] * x[2] < 0 ? 1 : 0)
        }
        let stairs = try Dataset.parity(bits: 4, degree: 2, staircase: true, trainSize: 100, testSize: 10, seed: 0)
        for i in 0..<stairs.train.count {
            let x = Array(stairs.train.features[(4 * i)..<(4 * i + 4)])
            XCTAssertEqual(stairs.train.labels[i], x[0] + x[0] * x[1] < 0 ? 1 : 0)
        }
    }

    func testBooleanTruthTable() throws {
        // XOR of 2 inputs: table 0110 over 00, 01, 10, 11.
        let d = try Dataset.boolean(truthTable: "0110", trainFraction: 1, seed: 0)
        XCTAssertEqual(d.train.count, 4)
        for i in 0..<4 {
            let a = d.train.features[2 * i], b = d.train.features[2 * i + 1]
            XCTAssertEqual(d.train.labels[i], a != b ? 1 : 0)
        }
        XCTAssertThrowsError(try Dataset.boolean(truthTable: "011", trainFraction: 1, seed: 0))
    }

    func testTeacherRankAndShapes() throws {
        let d = try Dataset.teacherStudent(.linear, widths: [6, 5], rank: 2, noise: 0, trainSize: 40, testSize: 10, seed: 0)
        XCTAssertEqual(d.outputWidth, 5)
        // Y = X Aᵀ with rank-2 A: the 40×5 target matrix has rank 2, so its Gram matrix has 3 zero eigenvalues.
        let y = Tensor<Double>(shape: [40, 5], scalars: d.train.targets)
        var gram = y.matmul(y, transposeSelf: true)
        var eigen = [Double](repeating: 0, count: 5)
        let info = gram.scalars.withUnsafeMutableBufferPointer { g in
            eigen.withUnsafeMutableBufferPointer { Double.syevd(n: 5, a: g.baseAddress!, vectors: false, eigenvalues: $0.baseAddress!) }
        }
        XCTAssertEqual(info, 0)
        XCTAssertLessThan(eigen[2], 1e-9 * eigen[4])
        XCTAssertGreaterThan(eigen[3], 1e-3 * eigen[4])
        let relu = try Dataset.teacherStudent(.relu, widths: [4, 8, 2], rank: nil, noise: 0.1, trainSize: 20, testSize: 5, seed: 1)
        XCTAssertEqual(relu.train.targets.count, 40)
    }

    /// `whiten` makes the training inputs' second moment exactly input_std²·I (to rounding) and
    /// leaves the test inputs N(0, input_std²·I); a rank-0 linear teacher's targets are pure noise,
    /// drawn with the given scale.
    func testWhitenedInputsAndRankZeroTeacher() throws {
        let (n, d, s) = (60, 4, 0.7)
        let w = try Dataset.teacherStudent(.linear, widths: [d, 2], rank: 0, noise: 0.5, inputStd: s, whiten: true,
                                           trainSize: n, testSize: 2000, seed: 3)
        let x = Tensor<Double>(shape: [n, d], scalars: w.train.features)
        let moment = x.matmul(x, transposeSelf: true) * (1 / Double(n))
        for i in 0..<d { for j in 0..<d { XCTAssertEqual(moment[i, j], i == j ? s * s : 0, accuracy: 1e-13) } }
        // The test split is not whitened: its mean square is s² within 4 standard errors (√(2/N)·s²).
        let testMeanSquare = w.test.features.reduce(0) { $0 + $1 * $1 } / Double(w.test.features.count)
        XCTAssertEqual(testMeanSquare, s * s, accuracy: 4 * (2 / Double(w.test.features.count)).squareRoot() * s * s)
        XCTAssertNotEqual(testMeanSquare, s * s)
        // Rank 0: the targets do not depend on x; their mean square is noise² = 0.25 within 4 SE.
        let targetMeanSquare = w.test.targets.reduce(0) { $0 + $1 * $1 } / Double(w.test.targets.count)
        XCTAssertEqual(targetMeanSquare, 0.25, accuracy: 4 * (2 / Double(w.test.targets.count)).squareRoot() * 0.25)
        let silent = try Dataset.teacherStudent(.linear, widths: [d, 2], rank: 0, noise: 0, trainSize: 10, testSize: 1, seed: 3)
        XCTAssertEqual(Set(silent.train.targets), [0])
        XCTAssertThrowsError(try Dataset.teacherStudent(.linear, widths: [d, 1], rank: nil, noise: 0, whiten: true,
                                                        trainSize: d - 1, testSize: 1, seed: 0))
    }

    func testCompositionalAndGenericTargets() throws {
        let c = try Dataset.hierarchical(inputs: 8, compositional: true, trainSize: 50, testSize: 10, noise: 0, seed: 0)
        XCTAssertEqual(c.inputWidth, 8)
        XCTAssertTrue(c.train.targets.allSatisfy { abs($0) <= 1 }, "the root applies tanh")
        // A compositional target depends on x₁ only through the node combining (x₁, x₂).
        XCTAssertThrowsError(try Dataset.hierarchical(inputs: 6, compositional: true, trainSize: 5, testSize: 5, noise: 0, seed: 0))
        let g = try Dataset.hierarchical(inputs: 6, compositional: false, trainSize: 50, testSize: 10, noise: 0, seed: 0)
        XCTAssertEqual(g.train.targets.count, 50)
        XCTAssertGreaterThan(Set(g.train.targets).count, 45)
    }

    /// The documented teacher: unit output scale, noise on both splits (the floor of the test MSE is
    /// noise²), and a test set that does not depend on the training set's size.
    func testTeacherScaleNoiseFloorAndFixedTestSet() throws {
        func meanSquare(_ xs: [Double]) -> Double { xs.reduce(0) { $0 + $1 * $1 } / Double(xs.count) }
        // E[y_j²] = 1 for the linear teacher (‖A‖²_F / d_out ≈ 1 for d_out = r = 40) and about 1 for ReLU.
        let linear = try Dataset.teacherStudent(.linear, widths: [60, 40], rank: nil, noise: 0, trainSize: 10, testSize: 3000, seed: 4)
        XCTAssertEqual(meanSquare(linear.test.targets), 1, accuracy: 0.1)
        // ReLU: 1 in expectation over teachers (one teacher's outputs can be tens of percent off,
        // through the shared mean of the ReLU features), so average over 20 teachers.
        var reluMeans: [Double] = []
        for seed in 0..<20 {
            let relu = try Dataset.teacherStudent(.relu, widths: [30, 100, 100, 10], rank: nil, noise: 0, trainSize: 1, testSize: 500, seed: UInt64(seed))
            reluMeans.append(meanSquare(relu.test.targets))
        }
        XCTAssertEqual(reluMeans.reduce(0, +) / 20, 1, accuracy: 0.2)

        let clean = try Dataset.teacherStudent(.relu, widths: [5, 8, 2], rank: nil, noise: 0, trainSize: 2000, testSize: 2000, seed: 9)
        let noisy = try Dataset.teacherStudent(.relu, widths: [5, 8, 2], rank: nil, noise: 0.5, trainSize: 2000, testSize: 2000, seed: 9)
        XCTAssertEqual(clean.test.features, noisy.test.features)
        XCTAssertEqual(clean.train.features, noisy.train.features)
        for (a, b) in [(clean.train, noisy.train), (clean.test, noisy.test)] {
            // Mean of 4000 squared N(0, 0.25) draws: standard error 0.25·√(2/4000) ≈ 0.0056.
            XCTAssertEqual(meanSquare(zip(a.targets, b.targets).map { $1 - $0 }), 0.25, accuracy: 0.025)
        }

        let small = try Dataset.teacherStudent(.relu, widths: [5, 8, 2], rank: nil, noise: 0.5, trainSize: 30, testSize: 50, seed: 9)
        XCTAssertEqual(small.test.features, Array(noisy.test.features.prefix(250)), "test inputs do not depend on train_size")
        XCTAssertEqual(small.train.features, Array(noisy.train.features.prefix(150)))
        let g1 = try Dataset.hierarchical(inputs: 4, compositional: true, trainSize: 10, testSize: 20, noise: 0, seed: 2)
        let g2 = try Dataset.hierarchical(inputs: 4, compositional: true, trainSize: 90, testSize: 20, noise: 0, seed: 2)
        XCTAssertEqual(g1.test.features, g2.test.features)
        XCTAssertEqual(g1.test.targets, g2.test.targets)
    }
}
