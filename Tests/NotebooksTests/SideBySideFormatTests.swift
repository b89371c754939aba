import XCTest
@testable import Notebooks

final class SideBySideFormatTests: XCTestCase {
    func testNumbersOfOneLineShareANotation() {
        XCTAssertEqual(formatTogether([0.0123, 0.0456]), ["0.0123", "0.0456"])
        XCTAssertEqual(formatTogether([0.0123, 1.2e-5]), ["1.23e-2", "1.20e-5"])
        XCTAssertEqual(formatTogether([0, 3e-7]), ["0", "3.00e-7"])
    }

    func testListsInProseReadAsASentence() {
        XCTAssertEqual(proseText(.numbers([100, 100, 110]), format: nil), "100, 100 and 110")
        XCTAssertEqual(proseText(.numbers([0.5, 0.25]), format: .percent(0)), "50% and 25%")
        XCTAssertEqual(proseText(.numbers([7]), format: nil), "7")
        XCTAssertEqual(proseText(.numbers(Array(1...9)), format: nil), "[1, 2, 3, 4, 5, 6, 7, 8, …]", "long lists keep brackets")
    }

    func testCitationBracketsAreFoundWithLocators() {
        let found = Citations.find(in: "as shown [@a2020; @b-c, p. 3] and [x] [@fig-loss]")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].items, [Citations.Item(key: "a2020", locator: ""), Citations.Item(key: "b-c", locator: "p. 3")])
    }
}
