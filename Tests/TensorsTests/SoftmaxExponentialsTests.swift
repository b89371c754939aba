import XCTest
@testable import Tensors

final class SoftmaxExponentialsTests: XCTestCase {
    /// The Float polynomial against Double's exp on 2,000,001 points of [−87, 0] and on the
    /// reduction's boundaries (multiples of ln 2 / 2): relative error below 1.2e-7 (one ulp; measured 8.2e-8).
    func testFloatExponentialIsWithinTwoUlps() {
        var points = (0...2_000_000).map { -87 * Float($0) / 2_000_000 }
        points += (0...250).flatMap { k -> [Float] in
            let x = -Float(k) * 0.346_573_6
            return [x.nextDown, x, x.nextUp].filter { $0 <= 0 }
        }
        var worst = 0.0, at: Float = 0
        var out = [Float](repeating: 0, count: points.count)
        _ = points.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { Float.shiftedExponentials(x.baseAddress!, minus: 0, count: x.count, into: $0.baseAddress!) }
        }
        for (x, e) in zip(points, out) {
            let exact = Foundation.exp(Double(x))
            let error = abs(Double(e) - exact) / exact
            if error > worst { worst = error; at = x }
        }
        XCTAssertLessThan(worst, 1.2e-7, "worst relative error \(worst) at x = \(at)")
    }

    func testShiftSumAndSpecialValues() {
        let x: [Float] = [3, 1, -2, 3]
        var out = [Float](repeating: 0, count: 4)
        let sum = x.withUnsafeBufferPointer { xp in
            out.withUnsafeMutableBufferPointer { Float.shiftedExponentials(xp.baseAddress!, minus: 3, count: 4, into: $0.baseAddress!) }
        }
        XCTAssertEqual(out[0], 1)
        XCTAssertEqual(out[3], 1)
        XCTAssertEqual(Double(out[1]), Foundation.exp(-2), accuracy: 3e-7 * Foundation.exp(-2))
        XCTAssertEqual(Double(sum), 2 + Foundation.exp(-2) + Foundation.exp(-5), accuracy: 1e-6)
        // Far below the range: a tiny positive number, not garbage; NaN stays NaN.
        XCTAssertLessThan(Float.nonPositiveExp(-200), 1.2e-38)
        XCTAssertGreaterThanOrEqual(Float.nonPositiveExp(-200), 0)
        XCTAssertTrue(Float.nonPositiveExp(.nan).isNaN)
        XCTAssertEqual(Float.nonPositiveExp(-.infinity), Float.nonPositiveExp(-200))
    }

    func testSoftmaxRowsSumToOneInBothPrecisions() {
        let logits = Tensor<Float>(rows: [[1000, 999, -1000], [0, 0, 0]])
        let p = logits.softmax()
        XCTAssertEqual(p[0, 0] + p[0, 1] + p[0, 2], 1, accuracy: 1e-6)
        XCTAssertEqual(Double(p[0, 1] / p[0, 0]), Foundation.exp(-1), accuracy: 1e-6)
        XCTAssertEqual(p[1, 2], 1.0 / 3, accuracy: 1e-7)
        let l = Tensor<Double>(rows: [[1, 2, 3]]).logSoftmax()
        XCTAssertEqual(l[0, 2], 3 - Foundation.log(Foundation.exp(1) + Foundation.exp(2) + Foundation.exp(3)), accuracy: 1e-14)
    }
}
