import XCTest
@testable import Notebooks

/// `map`, `group`, `slice`, `str`, `format` and `fit`: computing over the runs of a sweep.
final class ListFunctionTests: XCTestCase {
    /// A sweep's result as `{train}` gives it: one row per run, `runs` holding each history.
    /// Run order: decay varies slowest, seed fastest. The run (0.3, 1) never reaches 0.95.
    private let sweep: Value = {
        func history(_ accuracies: [Double]) -> Value {
            .record(Record([("step", .numbers([0, 100, 200, 300] as [Int])), ("test_accuracy", .numbers(accuracies))]))
        }
        return .record(Record([
            ("decay", .numbers([0.1, 0.1, 0.3, 0.3])),
            ("seed", .numbers([0, 1, 0, 1] as [Int])),
            ("final_test_loss", .numbers([0.5, 0.7, 0.2, 0.4])),
            ("runs", .list([history([0, 0.5, 0.9, 0.96]), history([0, 0.2, 0.97, 1]), history([0, 0.96, 1, 1]), history([0, 0.1, 0.2, 0.3])])),
        ]))
    }()

    private var scope: ExpressionTestScope {
        var s = expressionScope
        s.values["sweep"] = sweep
        return s
    }

    func testMapEvaluatesPerItemAndPerRow() throws {
        XCTAssertEqual(try evalExpression("map(sweep.runs, first_step(it, test_accuracy >= 0.95))", scope),
                       .list([.number(300), .number(200), .number(100), .null]))
        // Over a table, the row's columns are names: the same values from the sweep itself.
        XCTAssertEqual(try evalExpression("map(sweep, first_step(runs, test_accuracy >= 0.95))", scope),
                       .list([.number(300), .number(200), .number(100), .null]))
        XCTAssertEqual(try evalExpression("map(sweep, decay * 10 + seed)", scope), .numbers([1, 2, 3, 4] as [Int]))
        XCTAssertEqual(try evalExpression("map(xs, it * 2)"), .numbers([6, 2, 8, 2, 10] as [Int]))
        XCTAssertEqual(try evalExpression("map(xs, it * limit)").numbers, [1.5, 0.5, 2, 0.5, 2.5])
        XCTAssertEqual(try evalExpression("map(empty, it)"), .list([]))
        // `it` inside the per-item expression is not a cell the expression depends on.
        XCTAssertEqual(try parseExpression("map(sweep.runs, it.test_accuracy.last > params.threshold)").rootReferences, ["sweep", "params"])
        // A plain name there may be an item's field or an earlier cell: the checker decides.
        XCTAssertEqual(try parseExpression("map(xs, it * limit + step)").rowNames, ["limit", "step"])
    }

    func testMapErrorsNameTheItem() {
        assertExpressionError("map(xs, it.last)", evaluate: true, column: 15,
                              "'last' expects a list, found a number (3) (at item 0 of 'xs')")
        assertExpressionError("map(limit, it)", evaluate: true, column: 11, "'map' expects a list or a table, found a number (0.5)")
    }

    func testGroupAggregatesEveryNumericColumn() throws {
        let grouped = try evalExpression("group(sweep, 'decay')", scope)
        guard case .record(let g) = grouped else { return XCTFail("not a record: \(grouped)") }
        XCTAssertEqual(g.keys, ["decay", "rows", "mean_seed", "std_seed", "count_seed",
                                "mean_final_test_loss", "std_final_test_loss", "count_final_test_loss"])
        XCTAssertEqual(g["decay"], .numbers([0.1, 0.3]))
        XCTAssertEqual(g["rows"], .numbers([2, 2] as [Int]))
        XCTAssertEqual(g["mean_final_test_loss"]?.numbers?.map { ($0 * 1e9).rounded() / 1e9 }, [0.6, 0.3])
        // Sample standard deviation of {0.5, 0.7}: |0.5 - 0.7| / √2.
        XCTAssertEqual(g["std_final_test_loss"]?.numbers?[0] ?? 0, 0.2 / 2.0.squareRoot(), accuracy: 1e-12)
    }

    func testGroupOverAComputedColumn() throws {
        var s = scope
        s.values["t"] = .record(Record([("decay", .numbers([0.1, 0.1, 0.3, 0.3])),
                                        ("grok", .list([.number(300), .number(200), .number(100), .null]))]))
        let g = try evalExpression("group(t, ['decay'])", s)
        XCTAssertEqual(g.record?["mean_grok"], .list([.number(250), .number(100)]))
        XCTAssertEqual(g.record?["count_grok"], .numbers([2, 1] as [Int]))
        XCTAssertEqual(g.record?["std_grok"]?.list?[1], .null)
        assertExpressionError("group(t, 'decy')", evaluate: true, scope: s, column: 16,
                              "'t' has no column 'decy' to group by", note: "did you mean 'decay'? fields: decay, grok")
    }

    func testSlice() throws {
        XCTAssertEqual(try evalExpression("slice(xs, 1, 3)"), .numbers([1, 4] as [Int]))
        XCTAssertEqual(try evalExpression("slice(xs, -2)"), .numbers([1, 5] as [Int]))
        XCTAssertEqual(try evalExpression("slice(xs, -10, 100)"), try evalExpression("xs"))
        XCTAssertEqual(try evalExpression("slice(xs, 4, 2)"), .list([]))
        XCTAssertEqual(try evalExpression("slice(word, 0, 2)"), .string("gr"))
        XCTAssertEqual(try evalExpression("slice(grok, -3).step"), .numbers([70, 80, 90] as [Int]))
        assertExpressionError("slice(xs, 0.5)", evaluate: true, column: 17, "'slice' expects whole-number indices, found a number (0.5)")
    }

    func testStrAndFormatBuildLabels() throws {
        XCTAssertEqual(try evalExpression("'width ' + str(64)"), .string("width 64"))
        XCTAssertEqual(try evalExpression("limit.str"), .string("0.5"))
        XCTAssertEqual(try evalExpression("str(nothing)"), .string("—"))
        XCTAssertEqual(try evalExpression("format(0.98765, 'percent')"), .string("98.8%"))
        XCTAssertEqual(try evalExpression("format(3.14159, 'fixed(2)')"), .string("3.14"))
        XCTAssertEqual(try evalExpression("map(sweep, 'λ = ' + str(decay))", scope), .strings(["λ = 0.1", "λ = 0.1", "λ = 0.3", "λ = 0.3"]))
        assertExpressionError("format(1, 'fixd(2)')", evaluate: true, column: 17,
                              "'fixd(2)' is not a format: unknown format 'fixd'", note: "formats: percent, percent(n), fixed(n), sci(n), int")
    }

    /// Anscombe's first data set: the published fit is y = 3.0001 + 0.5001·x with r² = 0.6665
    /// (Anscombe 1973, "Graphs in statistical analysis").
    func testFitMatchesAnscombesPublishedLine() throws {
        var s = expressionScope
        s.values["x"] = .numbers([10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5] as [Int])
        s.values["y"] = .numbers([8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68])
        let fit = try XCTUnwrap(try evalExpression("fit(x, y)", s).record)
        XCTAssertEqual(fit["slope"]?.number ?? 0, 0.5001, accuracy: 5e-5)
        XCTAssertEqual(fit["intercept"]?.number ?? 0, 3.0001, accuracy: 5e-5)
        XCTAssertEqual(fit["r2"]?.number ?? 0, 0.6665, accuracy: 5e-5)
        XCTAssertEqual(fit["n"], .number(11))
    }

    /// On log axes a power law y = 3·x² is a line of slope 2 and intercept ln 3, whatever the noise-free
    /// points; null and infinite pairs are skipped.
    func testFitOnLogAxesRecoversAPowerLaw() throws {
        var s = expressionScope
        s.values["x"] = .list([.number(1), .number(2), .number(5), .null, .number(0), .number(40)])
        s.values["y"] = .list([.number(3), .number(12), .number(75), .number(9), .number(0), .number(4800)])
        let fit = try XCTUnwrap(try evalExpression("fit(log(x), log(y))", s).record)
        XCTAssertEqual(fit["slope"]?.number ?? 0, 2, accuracy: 1e-12)
        XCTAssertEqual(fit["intercept"]?.number ?? 0, log(3.0), accuracy: 1e-12)
        XCTAssertEqual(fit["r2"]?.number ?? 0, 1, accuracy: 1e-12)
        XCTAssertEqual(fit["n"], .number(4))
        assertExpressionError("fit([1, 1], [2, 3])", evaluate: true, column: 11,
                              "'fit' needs at least two pairs with different x values, found 2 usable pairs",
                              note: "pairs with a null or infinite item are skipped")
    }
}
