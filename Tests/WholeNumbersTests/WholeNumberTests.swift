import XCTest
import WholeNumbers

final class WholeNumberTests: XCTestCase {
    func testValuesIntCannotHoldAreRefusedNotTrapped() {
        for x in [1e19, -1e19, 1e308, -1e308, .infinity, -.infinity, .nan, 9.223372036854775808e18] {
            XCTAssertNil(WholeNumber.rounded(x), "\(x)")
            XCTAssertNil(WholeNumber.exact(x), "\(x)")
        }
        XCTAssertEqual(WholeNumber.rounded(2.5), 3)
        XCTAssertEqual(WholeNumber.rounded(2.7, .down), 2)
        XCTAssertEqual(WholeNumber.exact(-4), -4)
        XCTAssertNil(WholeNumber.exact(2.5))
        XCTAssertNil(WholeNumber.exact(4.9e-324))
        XCTAssertNil(WholeNumber.exact(0, in: 1...10))
        XCTAssertEqual(WholeNumber.exact(10, in: 1...10), 10)
    }

    func testClampedStaysInItsBounds() {
        XCTAssertEqual(WholeNumber.clamped(.nan, to: 2...50), 2)
        XCTAssertEqual(WholeNumber.clamped(.infinity, to: 2...50), 50)
        XCTAssertEqual(WholeNumber.clamped(-1e308, to: 2...50), 2)
        XCTAssertEqual(WholeNumber.clamped(7.4, to: 2...50), 7)
    }
}
