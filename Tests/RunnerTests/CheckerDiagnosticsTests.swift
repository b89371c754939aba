import XCTest
import Notebooks
@testable import Runner

/// Every check-time diagnostic: message and location asserted.
final class CheckerDiagnosticsTests: XCTestCase {
    func testUnknownDirectiveSuggestsAKnownOne() {
        let found = problems("```{tabel}\nfrom: x\n```\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].message, "unknown directive '{tabel}'")
        XCTAssertEqual(found[0].note, "did you mean '{table}'?")
        XCTAssertEqual(found[0].location, SourceLocation(file: "nb.md", line: 1, column: 4))
    }

    func testUnknownKeyWithDidYouMean() throws {
        let found = problems("```{claim}\nthat: 1 < 2\nsay: x\n```\n")
        XCTAssertEqual(Set(found.map(\.message)), ["unknown key 'say' in {claim}", "{claim} needs 'says' (text)"])
        let unknown = try XCTUnwrap(found.first { $0.message.hasPrefix("unknown key") })
        XCTAssertEqual(unknown.note, "did you mean 'says'?")
        XCTAssertEqual(unknown.location, SourceLocation(file: "nb.md", line: 3, column: 1))
    }

    func testWrongLiteralType() {
        let found = problems("```{data}\nshow: maybe\n```\n")
        XCTAssertEqual(found.first?.message, "'show' must be true or false, found string 'maybe'")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "nb.md", line: 2, column: 7))
    }

    func testReferenceToALaterCell() {
        let found = problems("""
        ```{claim}
        that: later.x.last > 1
        says: too early
        ```

        ```{data}
        id: later
        columns: {x: [1, 2]}
        ```
        """)
        XCTAssertEqual(found.first?.message, "'later' is used before the cell that computes it")
        XCTAssertEqual(found.first?.note, "'later' is defined later, at nb.md:7:5; move this after it")
        XCTAssertEqual(found.first?.location.line, 2)
    }

    func testUnknownName() {
        let found = problems("""
        ```{data}
        id: curve
        columns: {x: [1, 2]}
        ```

        ```{claim}
        that: curv.x.last > 1
        says: typo
        ```
        """)
        XCTAssertEqual(found.first?.message, "unknown name 'curv'")
        XCTAssertEqual(found.first?.note, "did you mean 'curve'?")
    }

    func testDuplicateID() {
        let found = problems("```{data}\nid: a\n```\n\n```{data}\nid: a\n```\n")
        XCTAssertEqual(found.first?.message, "duplicate id 'a'")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "nb.md", line: 6, column: 5))
        XCTAssertEqual(found.first?.note, "first defined at nb.md:2:5")
    }

    func testUnknownParameterOverride() {
        let found = problems("---\nparams:\n  steps: 10\n---\n", overrides: ["stpes": "3"])
        XCTAssertEqual(found.first?.message, "unknown parameter 'stpes' given with -P")
        XCTAssertEqual(found.first?.note, "did you mean 'steps'?")
    }

    func testMistypedParameterOverride() {
        let found = problems("---\nparams:\n  steps: 10\n---\n", overrides: ["steps": "many"])
        XCTAssertEqual(found.first?.message, "-P steps=many: expected a number, like the default 10")
    }

    func testExpressionSyntaxErrorIsLocatedInTheFile() {
        let found = problems("```{claim}\nthat: (1 < 2\nsays: x\n```\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.location.line, 2)
        XCTAssertGreaterThan(found.first?.location.column ?? 0, 6)
    }

    func testInlineExpressionReferencesAreChecked() {
        let found = problems("The value is `=missing.x | percent`.\n")
        XCTAssertEqual(found.first?.message, "unknown name 'missing'")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "nb.md", line: 1, column: 16))
    }

    func testAllProblemsAreReportedTogether() {
        let found = problems("```{nope}\n```\n\n```{claim}\nthat: 1\nsays: x\nextra: 2\n```\n")
        XCTAssertEqual(found.count, 2)
    }

    func testValidNotebookChecks() throws {
        let checked = try checkNotebook("""
        ---
        params: {n: 3}
        ---
        ```{data}
        id: d
        range: {name: i, from: 1, to: =params.n}
        columns: {sq: =i^2}
        ```

        ```{claim}
        that: d.sq.last == 9
        says: three squared is nine
        ```
        """)
        XCTAssertEqual(checked.cells.map(\.id), ["d", "#2"])
        XCTAssertEqual(checked.cells[1].dependencies, ["d"])
    }
}
