import XCTest
@testable import Tensors

final class TensorTests: XCTestCase {
    func testShapeAndCopyOnWrite() {
        var a = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = a
        a[1, 2] = 60
        XCTAssertEqual(b[1, 2], 6, "mutating a copy must not change the original")
        XCTAssertEqual(a[1, 2], 60)
        XCTAssertEqual(a.reshaped([3, -1]).shape, [3, 2])
        XCTAssertEqual(Tensor<Double>.strides(of: [2, 3, 4]), [12, 4, 1])
    }

    func testBroadcastingArithmetic() {
        let a = Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual((a + Tensor([10, 20, 30])).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((a * Tensor(shape: [2, 1], scalars: [2, 3])).scalars, [2, 4, 6, 12, 15, 18])
        XCTAssertEqual((Tensor(shape: [2, 1], scalars: [1, 2]) - Tensor([1, 2, 3])).shape, [2, 3])
        XCTAssertEqual((Tensor(shape: [2, 1], scalars: [1, 2]) - Tensor([1, 2, 3])).scalars, [0, -1, -2, 1, 0, -1])
        XCTAssertEqual((a / 2).scalars, [0.5, 1, 1.5, 2, 2.5, 3])
        // [2,1,3] with [4,1] → [2,4,3].
        let x = Tensor<Double>(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6])
        let y = Tensor<Double>(shape: [4, 1], scalars: [0, 10, 20, 30])
        let z = x + y
        XCTAssertEqual(z.shape, [2, 4, 3])
        XCTAssertEqual(z[1, 2, 0], 24)
        XCTAssertEqual(z.summed(toShape: [4, 1]).scalars, [21, 81, 141, 201])  // Σ over 6 entries + 6·offset
        let columns: [Double] = [140, 148, 156]  // column j: 4·(x[0,j] + x[1,j]) + 2·(0 + 10 + 20 + 30)
        XCTAssertEqual(z.summed(toShape: [1, 3]).scalars, columns)
    }

    func testMatmulAgainstNaiveProduct() {
        var g = RandomGenerator(seed: 1)
        let a = Tensor<Double>.normal([3, 5], using: &g), b = Tensor<Double>.normal([5, 4], using: &g)
        let c = a.matmul(b)
        for i in 0..<3 {
            for j in 0..<4 {
                var s = 0.0
                for k in 0..<5 { s += a[i, k] * b[k, j] }
                XCTAssertEqual(c[i, j], s, accuracy: 1e-12)
            }
        }
        XCTAssertEqual(a.transposed().matmul(b, transposeSelf: true), c)
        let ct = a.transposed().matmul(b.transposed(), transposeSelf: true, transposeOther: true)
        for (x, y) in zip(ct.scalars, c.scalars) { XCTAssertEqual(x, y, accuracy: 1e-12) }
        let batched = Tensor.concatenating([a.reshaped([1, 3, 5]), a.reshaped([1, 3, 5])], alongAxis: 0)
            .batchedMatmul(Tensor.concatenating([b.reshaped([1, 5, 4]), b.reshaped([1, 5, 4])], alongAxis: 0))
        XCTAssertEqual(batched.slice(alongAxis: 0, 1..<2).reshaped([3, 4]), c)
    }

    func testFloatMatmul() {
        let a = Tensor<Float>(rows: [[1, 2], [3, 4]])
        XCTAssertEqual(a.matmul(a).scalars, [7, 10, 15, 22])
    }

    func testReductions() {
        let a = Tensor<Double>(shape: [2, 3], scalars: [1, 5, 3, 4, 2, 6])
        XCTAssertEqual(a.sum(), 21)
        XCTAssertEqual(a.sum(alongAxis: 0).scalars, [5, 7, 9])
        XCTAssertEqual(a.sum(alongAxis: 1, keepingDimension: true).shape, [2, 1])
        XCTAssertEqual(a.mean(alongAxis: 1).scalars, [3, 4])
        XCTAssertEqual(a.argmax(alongAxis: 1), [1, 2])
        XCTAssertEqual(a.max(alongAxis: 0).scalars, [4, 5, 6])
        XCTAssertEqual(Tensor<Double>([3, 4]).norm, 5, accuracy: 1e-15)
    }

    func testColumnCentringAndRows() {
        let a = Tensor<Double>(rows: [[1, 10], [2, 20], [6, 60]])
        // Column means 3 and 30.
        XCTAssertEqual(a.columnCentred().scalars, [-2, -20, -1, -10, 3, 30])
        XCTAssertEqual(a.columnCentred().sum(alongAxis: 0).scalars, [0, 0])
        XCTAssertEqual(Tensor<Double>.zeros([0, 3]).columnCentred().shape, [0, 3])
        XCTAssertEqual(a.rowArrays, [[1, 10], [2, 20], [6, 60]])
        XCTAssertEqual(Tensor(rows: a.transposed().rowArrays), a.transposed())
        // ‖A‖_F = √(Σ a_ij²) = √(1 + 4 + 36 + 100 + 400 + 3600).
        XCTAssertEqual(a.norm, 4141.0.squareRoot(), accuracy: 1e-12)
    }

    func testSoftmax() {
        let x = Tensor<Double>(rows: [[1, 2, 3], [1000, 1000, 1000]])
        let s = x.softmax()
        let e = [exp(1.0), exp(2.0), exp(3.0)], z = e.reduce(0, +)
        for j in 0..<3 { XCTAssertEqual(s[0, j], e[j] / z, accuracy: 1e-15) }
        for j in 0..<3 { XCTAssertEqual(s[1, j], 1.0 / 3, accuracy: 1e-15) }
        let l = x.logSoftmax()
        for j in 0..<3 { XCTAssertEqual(l[0, j], log(e[j] / z), accuracy: 1e-14) }
    }

    func testGatherScatterSliceConcatenate() {
        let t = Tensor<Double>(rows: [[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(t.gatheringRows([2, 0, 2]).scalars, [5, 6, 1, 2, 5, 6])
        var z = Tensor<Double>.zeros([3, 2])
        z.scatterAddRows(Tensor(rows: [[1, 1], [2, 2], [3, 3]]), at: [2, 0, 2])
        XCTAssertEqual(z.scalars, [2, 2, 0, 0, 4, 4])
        XCTAssertEqual(t.slice(alongAxis: 1, 1..<2).scalars, [2, 4, 6])
        XCTAssertEqual(t.slice(alongAxis: 0, 1..<3).scalars, [3, 4, 5, 6])
        let c = Tensor.concatenating([t, t.slice(alongAxis: 1, 0..<1)], alongAxis: 1)
        XCTAssertEqual(c.shape, [3, 3])
        XCTAssertEqual(c.scalars, [1, 2, 1, 3, 4, 3, 5, 6, 5])
        XCTAssertEqual(Tensor<Double>.oneHot([2, 0], classes: 3).scalars, [0, 0, 1, 1, 0, 0])
        XCTAssertEqual(t.permuted([1, 0]).scalars, [1, 3, 5, 2, 4, 6])
        XCTAssertEqual(t.slice(alongAxis: 0, 1..<2).padded(alongAxis: 0, into: 3, at: 1..<2).scalars, [0, 0, 3, 4, 0, 0])
    }
}
