import Foundation
import XCTest
import Notebooks
@testable import Runner

/// Claims across seeds: which cells run at the other seeds, how outcomes combine, `at_least`.
final class SeedRunsTests: XCTestCase {
    private let source = """
        ---
        params:
          seed: 0
          scale: 2
        seeds: [0, 1, 2, 3, 4]
        ---
        ```{data}
        id: draw
        columns:
          value: =[params.seed * params.scale]
        ```

        ```{data}
        id: figure_only
        columns:
          x: [1, 2, 3]
        ```

        ```{claim}
        terms:
          drawn: draw.value[0]
          limit: 5
        that: drawn < limit
        says: small
        at_least: 0.6
        ```
        """

    func testTheOtherSeedsRunOnlyTheClaimsAndWhatTheyRead() throws {
        let checked = try checkNotebook(source)
        XCTAssertEqual(checked.seeds, [0, 1, 2, 3, 4])
        XCTAssertEqual(checked.claimCellsAndInputs, ["draw", "#3"])
        XCTAssertNil(SeedRuns.cells(of: checked, seedIndex: 0))
        XCTAssertEqual(checked.atSeed(3).params["seed"], .number(3))
    }

    func testAClaimHoldsAtItsFractionOfSeedsAndShowsBothSidesAtEach() throws {
        let checked = try checkNotebook(source)
        let runs = checked.seeds.enumerated().map { i, seed in
            (seed: seed, run: NotebookExecutor().runReportingCache(
                i == 0 ? checked : checked.atSeed(seed), only: SeedRuns.cells(of: checked, seedIndex: i)).run)
        }
        XCTAssertEqual(runs[1].run.cells.map(\.cell.id), ["draw", "#3"])
        let claim = try XCTUnwrap(SeedRuns.combine(runs).claims.first)
        // drawn = 2·seed: 0, 2, 4 are below 5, 6 and 8 are not; 3 of 5 ≥ ⌈0.6·5⌉ = 3.
        XCTAssertEqual(claim.seeds.map(\.holds), [true, true, true, false, false])
        XCTAssertTrue(claim.holds)
        let atSeed4 = try XCTUnwrap(claim.seeds.last?.comparisons.first)
        XCTAssertEqual(atSeed4.left, "drawn")
        XCTAssertEqual(atSeed4.op, "<")
        XCTAssertEqual(atSeed4.right, "limit")
        XCTAssertEqual(atSeed4.leftValue, .number(8))
        XCTAssertEqual(atSeed4.relativeMargin ?? .nan, -0.6, accuracy: 1e-12)  // (5 − 8)/5
    }

    func testAColumnNamedLikeTheCellItReadsStillDependsOnIt() throws {
        // `results.comp_shallow: =comp_shallow.final_test_loss` in 05-approximation: the column
        // shadows the cell id but its expression reads the cell, so the cell is an input.
        let checked = try checkNotebook("""
            ```{data}
            id: loss
            columns:
              x: [1, 2]
            ```

            ```{data}
            id: table
            columns:
              loss: =loss.x
              twice: =2 * loss
            ```

            ```{claim}
            that: table.twice[1] == 4
            says: reads through a shadowed name
            ```
            """)
        XCTAssertEqual(checked.cells[1].dependencies, ["loss"])
        XCTAssertEqual(checked.claimCellsAndInputs, ["loss", "table", "#3"])
        let run = NotebookExecutor().runReportingCache(checked, only: checked.claimCellsAndInputs).run
        XCTAssertEqual(run.claims.first?.holds, true)
    }

    func testAWarmRunAtAnotherSeedReadsOnlyTheCachedClaims() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-seeds-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = CellCache(directory: directory)
        let atSeed2 = try checkNotebook(source).atSeed(2)
        XCTAssertEqual(SeedRuns.cells(of: atSeed2, seedIndex: 1, cache: cache), ["draw", "#3"])
        _ = NotebookExecutor(cache: cache).runReportingCache(atSeed2, only: ["draw", "#3"])
        // The claim's entry is there: its input need not be read again.
        XCTAssertEqual(SeedRuns.cells(of: atSeed2, seedIndex: 1, cache: cache), ["#3"])
        let warm = NotebookExecutor(cache: cache).runReportingCache(atSeed2, only: ["#3"]).run
        XCTAssertEqual(warm.cells.map(\.reused), [true])
        XCTAssertEqual(warm.claims.first?.holds, true)
    }

    func testRequiredSeeds() {
        XCTAssertEqual(SeedRuns.required(atLeast: nil, of: 5), 5)
        XCTAssertEqual(SeedRuns.required(atLeast: 0.8, of: 5), 4)
        XCTAssertEqual(SeedRuns.required(atLeast: 0.9, of: 5), 5)
        XCTAssertEqual(SeedRuns.required(atLeast: 0.5, of: 5), 3)
        XCTAssertEqual(SeedRuns.required(atLeast: 0.01, of: 5), 1)
    }

    func testSeedsNeedASeedParameterAndAValidList() {
        let noParameter = problems("---\nseeds: [0, 1]\n---\n")
        XCTAssertEqual(noParameter.map(\.location.line), [2])
        XCTAssertTrue(noParameter.first?.message.contains("'seeds' binds params.seed") ?? false)
        let repeated = problems("---\nparams:\n  seed: 0\nseeds: [1, 1]\n---\n")
        XCTAssertTrue(repeated.first?.message.contains("distinct whole numbers") ?? false, "\(repeated)")
        XCTAssertTrue(problems("```{claim}\nthat: 1 > 0\nsays: x\nat_least: 1.5\n```\n").first?.message.contains("'at_least'") ?? false)
    }

    func testAnOverriddenSeedIsTheOnlySeed() throws {
        XCTAssertEqual(try checkNotebook(source, overrides: ["seed": "7"]).seeds, [7])
        let given = try NotebookChecker().check(NotebookParser.parse(source: source, file: "nb.md"), seeds: [101, 102])
        XCTAssertEqual(given.seeds, [101, 102])
        XCTAssertEqual(given.params["seed"], .number(101))
    }
}
