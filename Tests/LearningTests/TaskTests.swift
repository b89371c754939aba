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
}
