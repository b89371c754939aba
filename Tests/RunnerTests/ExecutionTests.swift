import XCTest
import Notebooks
@testable import Runner

final class ExecutionTests: XCTestCase {
    func testDataTableAndClaimsRun() throws {
        let run = try runNotebook("""
        ---
        params: {n: 4}
        ---
        ```{data}
        id: d
        range: {name: i, from: 1, to: =params.n}
        columns:
          sq: =i^2
          label: [a, b, c, d]
        ```

        ```{claim}
        that: d.sq.last == 16 and d.sq.sum == 30
        says: the squares add up
        ```

        ```{claim}
        that: d.sq.max > 100
        says: a false statement
        ```

        Last square: `=d.sq.last | int`.
        """)
        guard case .succeeded(let output) = run.cells[0].status, case .record(let table)? = output.value else {
            return XCTFail("data cell failed: \(run.cells[0].status)")
        }
        XCTAssertEqual(table["i"], .numbers([1.0, 2, 3, 4]))
        XCTAssertEqual(table["sq"], .numbers([1.0, 4, 9, 16]))
        XCTAssertEqual(run.claims.map(\.holds), [true, false])
        XCTAssertEqual(run.claimsHeld, 1)
        XCTAssertEqual(run.claimsFailed, 1)
        XCTAssertEqual(run.inlineValues["=d.sq.last | int"], .text("16"))
        // The failing claim says which values decided it.
        XCTAssertEqual(run.claims[1].values.first?.source, "d.sq.max")
        XCTAssertEqual(run.claims[1].values.first?.value, "16")
    }

    func testParameterOverrideChangesTheResult() throws {
        let run = try runNotebook("""
        ---
        params: {n: 4}
        ---
        ```{data}
        id: d
        range: {name: i, from: 1, to: =params.n}
        ```
        """, overrides: ["n": "6"])
        guard case .succeeded(let output) = run.cells[0].status else { return XCTFail() }
        XCTAssertEqual(output.value?.record?["i"]?.list?.count, 6)
    }

    func testAFailingCellIsReportedAndItsDependentsSkipped() throws {
        let run = try runNotebook("""
        ```{data}
        id: bad
        columns:
          a: [1, 2, 3]
          b: [1, 2]
        ```

        ```{claim}
        that: bad.a.count == 3
        says: depends on the failed cell
        ```

        ```{data}
        id: fine
        columns: {x: [1]}
        ```
        """)
        guard case .failed(let d) = run.cells[0].status else { return XCTFail("expected failure") }
        XCTAssertTrue(d.message.hasPrefix("the columns of a {data} cell must have equal lengths"), d.message)
        guard case .skipped(let because) = run.cells[1].status else { return XCTFail("expected skip") }
        XCTAssertEqual(because, "bad")
        XCTAssertTrue(run.cells[2].status.succeeded)
        XCTAssertEqual(run.claimCellsNotRun, 1)
    }

    func testTableDirectiveFormatsAndSelectsColumns() throws {
        let run = try runNotebook("""
        ```{data}
        id: d
        columns: {x: [1, 2], y: [0.5, 0.25], z: [7, 8]}
        ```

        ```{table}
        from: d
        columns: [x, y]
        format: {y: percent}
        caption: Halves.
        ```
        """)
        guard case .succeeded(let output) = run.cells[1].status, case .table(let table)? = output.display.first else {
            return XCTFail("table failed: \(run.cells[1].status)")
        }
        XCTAssertEqual(table.headers, ["x", "y"])
        XCTAssertEqual(table.rows, [["1", "50.0%"], ["2", "25.0%"]])
        XCTAssertEqual(table.caption, "Halves.")
    }

    func testTableNamesAMissingColumn() throws {
        let run = try runNotebook("""
        ```{data}
        id: d
        columns: {step: [1, 2]}
        ```

        ```{table}
        from: d
        columns: [stpe]
        ```
        """)
        guard case .failed(let d) = run.cells[1].status else { return XCTFail() }
        XCTAssertEqual(d.message, "'d' has no column 'stpe'")
        XCTAssertEqual(d.note, "did you mean 'step'?")
        XCTAssertEqual(d.location, SourceLocation(file: "nb.md", line: 8, column: 11))
    }

    func testRangeWithCountAndLogScale() throws {
        let run = try runNotebook("""
        ```{data}
        id: d
        range: {name: x, from: 1, to: 1000, count: 4, scale: log}
        ```
        """)
        guard case .succeeded(let output) = run.cells[0].status, let xs = output.value?.record?["x"]?.numbers else { return XCTFail() }
        XCTAssertEqual(xs.count, 4)
        for (a, b) in zip(xs, [1.0, 10, 100, 1000]) { XCTAssertEqual(a, b, accuracy: 1e-9) }
    }
}
