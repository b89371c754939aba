import XCTest
@testable import Notebooks

final class ExpressionEvaluationTests: XCTestCase {
    private let claim = "first_step(grok, test_accuracy >= 0.98) >= 1.5 * first_step(grok, train_accuracy >= 0.99)"

    // MARK: Arithmetic

    func testArithmeticOnNumbers() throws {
        XCTAssertEqual(try evalExpression("1 + 2 * 3"), .number(7))
        XCTAssertEqual(try evalExpression("7 / 2 - 0.5"), .number(3))
        XCTAssertEqual(try evalExpression("2 ^ 10"), .number(1024))
        XCTAssertEqual(try evalExpression("2 ^ 3 ^ 2"), .number(512))
        XCTAssertEqual(try evalExpression("-2 ^ 2"), .number(-4))
        XCTAssertEqual(try evalExpression("2 ^ -1"), .number(0.5))
        XCTAssertEqual(try evalExpression("-(1 + 2)"), .number(-3))
        // % is the floored remainder: the sign follows the divisor.
        XCTAssertEqual(try evalExpression("7 % 3"), .number(1))
        XCTAssertEqual(try evalExpression("-1 % 97"), .number(96))
        XCTAssertEqual(try evalExpression("7 % -3"), .number(-2))
        XCTAssertEqual(try evalExpression("7.5 % 2"), .number(1.5))
        // Division by zero follows IEEE 754.
        XCTAssertEqual(try evalExpression("1 / 0"), .number(.infinity))
        XCTAssertEqual(try evalExpression("-1 / 0"), .number(-.infinity))
        XCTAssertTrue(try evalNumber("0 / 0").isNaN)
        XCTAssertTrue(try evalNumber("5 % 0").isNaN)
        XCTAssertEqual(try evalExpression("params.modulus - 1"), .number(96))
        XCTAssertEqual(try evalExpression("'grok' + \"-\" + word"), .string("grok-grok"))
    }

    func testArithmeticOnListsIsElementwise() throws {
        XCTAssertEqual(try evalExpression("[1, 2, 3] * 2"), .numbers([2, 4, 6] as [Int]))
        XCTAssertEqual(try evalExpression("10 - [1, 2]"), .numbers([9, 8] as [Int]))
        XCTAssertEqual(try evalExpression("[1, 2] + [10, 20]"), .numbers([11, 22] as [Int]))
        XCTAssertEqual(try evalExpression("-[1, -2]"), .numbers([-1, 2] as [Int]))
        XCTAssertEqual(try evalExpression("[[1, 2], [3]] * 10"), .list([.numbers([10, 20] as [Int]), .numbers([30] as [Int])]))
        XCTAssertEqual(try evalExpression("grok.train_loss / grok.train_loss.first"),
                       .numbers([1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625, 0.001953125]))
        XCTAssertEqual(try evalExpression("(grok.train_accuracy - grok.test_accuracy).last"), .number(1 - 0.995))
    }

    func testArithmeticErrors() {
        assertExpressionError("[1, 2] + [1, 2, 3]", evaluate: true, column: 14, "cannot apply '+' to lists of different lengths (2 and 3)",
                    note: "lists combine item by item, so they must be equally long")
        assertExpressionError("word * 2", evaluate: true, column: 12, "cannot apply '*' to a string and a number")
        assertExpressionError("1 - yes", evaluate: true, column: 9, "cannot apply '-' to a number and a boolean")
        assertExpressionError("params / 2", evaluate: true, column: 14, "cannot apply '/' to a record and a number",
                    note: "'params' is a record; pick one of its fields (modulus, steps, threshold)")
        assertExpressionError("2 ^ run", evaluate: true, column: 9, "cannot apply '^' to a number and a record",
                    note: "'run' is a record; pick one of its fields (value, label)")
        assertExpressionError("-word", evaluate: true, column: 7, "cannot negate a string (\"grok\")")
    }

    // MARK: Comparisons and logic

    func testComparisons() throws {
        XCTAssertEqual(try evalExpression("1 < 2"), .bool(true))
        XCTAssertEqual(try evalExpression("2 <= 2"), .bool(true))
        XCTAssertEqual(try evalExpression("1 > 2"), .bool(false))
        XCTAssertEqual(try evalExpression("2 >= 3"), .bool(false))
        XCTAssertEqual(try evalExpression("0.1 + 0.2 == 0.3"), .bool(false))  // IEEE doubles, no tolerance
        XCTAssertEqual(try evalExpression("1 != 2"), .bool(true))
        XCTAssertEqual(try evalExpression("'abc' < 'abd'"), .bool(true))
        XCTAssertEqual(try evalExpression("word == 'grok'"), .bool(true))
        XCTAssertEqual(try evalExpression("yes == true"), .bool(true))
        XCTAssertEqual(try evalExpression("yes != no"), .bool(true))
        XCTAssertEqual(try evalExpression("0 / 0 == 0 / 0"), .bool(false))
    }

    func testComparisonErrors() {
        assertExpressionError("grok.test_accuracy >= 0.9", evaluate: true, column: 7,
                    "cannot compare a list with a number; reduce the list first (e.g. .last)",
                    note: "'grok.test_accuracy' is a list of 10 items; try 'grok.test_accuracy.last' or 'max(grok.test_accuracy)'")
        assertExpressionError("0.5 < xs", evaluate: true, column: 13, "cannot compare a list with a number; reduce the list first (e.g. .last)",
                    note: "'xs' is a list of 5 items; try 'xs.last' or 'max(xs)'")
        assertExpressionError("params == 1", evaluate: true, column: 7, "cannot compare a record with a number; pick one of its fields",
                    note: "'params' has fields: modulus, steps, threshold")
        assertExpressionError("word > 1", evaluate: true, column: 12, "cannot compare a string with a number")
        assertExpressionError("yes < no", evaluate: true, column: 11, "booleans cannot be ordered with '<'; only '==' and '!=' compare them")
    }

    func testBooleanOperatorsShortCircuit() throws {
        XCTAssertEqual(try evalExpression("yes and not no"), .bool(true))
        XCTAssertEqual(try evalExpression("no or yes"), .bool(true))
        XCTAssertEqual(try evalExpression("no or no"), .bool(false))
        XCTAssertEqual(try evalExpression("1 < 2 and 2 < 3"), .bool(true))
        // The right side is not evaluated when the left decides.
        XCTAssertEqual(try evalExpression("no and xs > 1"), .bool(false))
        XCTAssertEqual(try evalExpression("yes or xs > 1"), .bool(true))
        assertExpressionError("1 and yes", evaluate: true, column: 7, "'and' expects true or false, found a number (1)")
        assertExpressionError("no or word", evaluate: true, column: 13, "'or' expects true or false, found a string (\"grok\")")
        assertExpressionError("not xs", evaluate: true, column: 11, "'not' expects true or false, found a list of 5 items",
                    note: "'xs' is a list; reduce it first, e.g. 'xs.last >= 0.9'")
    }

    // MARK: Null

    func testNullRules() throws {
        XCTAssertEqual(try evalExpression("null + 1"), .null)
        XCTAssertEqual(try evalExpression("2 * nothing - 1"), .null)
        XCTAssertEqual(try evalExpression("-nothing"), .null)
        XCTAssertEqual(try evalExpression("gappy * 2"), .list([.number(4), .null, .number(12)]))
        XCTAssertEqual(try evalExpression("[1, 2] + [null, 1]"), .list([.null, .number(3)]))
        XCTAssertEqual(try evalExpression("null < 1"), .bool(false))
        XCTAssertEqual(try evalExpression("null >= 1"), .bool(false))
        XCTAssertEqual(try evalExpression("1 > nothing"), .bool(false))
        XCTAssertEqual(try evalExpression("null <= null"), .bool(false))
        XCTAssertEqual(try evalExpression("null == null"), .bool(true))
        XCTAssertEqual(try evalExpression("null == 1"), .bool(false))
        XCTAssertEqual(try evalExpression("null != 1"), .bool(true))
        XCTAssertEqual(try evalExpression("null != null"), .bool(false))
        XCTAssertEqual(try evalExpression("nothing and yes"), .bool(false))
        XCTAssertEqual(try evalExpression("nothing or yes"), .bool(true))
        XCTAssertEqual(try evalExpression("not nothing"), .bool(true))
        XCTAssertEqual(try evalExpression("abs(nothing)"), .null)
        XCTAssertEqual(try evalExpression("nothing.last"), .null)
        // A claim on a threshold never reached fails instead of crashing.
        XCTAssertEqual(try evalExpression("first_step(grok, test_accuracy > 2) >= 2"), .bool(false))
        XCTAssertEqual(try evalExpression("first_step(grok, test_accuracy > 2) == null"), .bool(true))
    }

    // MARK: References

    func testReferencesFieldsAndIndexing() throws {
        XCTAssertEqual(try evalExpression("params.modulus"), .number(97))
        XCTAssertEqual(try evalExpression("grok.test_accuracy.last"), .number(0.995))
        XCTAssertEqual(try evalExpression("xs[0]"), .number(3))
        XCTAssertEqual(try evalExpression("xs[-1]"), .number(5))
        XCTAssertEqual(try evalExpression("xs[-5]"), .number(3))
        XCTAssertEqual(try evalExpression("xs[1 + 1]"), .number(4))
        XCTAssertEqual(try evalExpression("grok['train_loss'][1]"), .number(1))
        XCTAssertEqual(try evalExpression("run.label"), .string("a"))
        XCTAssertEqual(try evalExpression("[10, 20, 30][1]"), .number(20))
        XCTAssertEqual(
            try evalExpression("grok[-1]"),
            .record(Record([("step", .number(90)), ("train_accuracy", .number(1)), ("test_accuracy", .number(0.995)), ("train_loss", .number(0.00390625))])))
        XCTAssertEqual(try evalExpression("grok[3].step"), .number(30))
    }

    func testReferenceErrors() {
        assertExpressionError("grok.test_acc", evaluate: true, column: 12, "'grok' has no field 'test_acc'",
                    note: "did you mean 'test_accuracy'? fields: step, train_accuracy, test_accuracy, train_loss")
        assertExpressionError("params.zzz + 1", evaluate: true, column: 14, "'params' has no field 'zzz'", note: "fields: modulus, steps, threshold")
        assertExpressionError("grok['tset_accuracy']", evaluate: true, column: 12, "'grok' has no field 'tset_accuracy'",
                    note: "did you mean 'test_accuracy'? fields: step, train_accuracy, test_accuracy, train_loss")
        assertExpressionError("grk.step", evaluate: true, column: 7, "unknown name 'grk'", note: "did you mean 'grok'?")
        assertExpressionError("True", evaluate: true, column: 7, "unknown name 'True'", note: "did you mean 'true'?")
        assertExpressionError("zzzzzz", evaluate: true, column: 7, "unknown name 'zzzzzz'",
                    note: "names available here: empty, gappy, grok, limit, nan_list, no, nothing, params, run, word, xs, yes")
        assertExpressionError("mean + 1", evaluate: true, column: 7, "unknown name 'mean'",
                    note: "'mean' is a function; call it with parentheses, e.g. mean(x)")
        assertExpressionError("grok.train_loss.lst", evaluate: true, column: 23, "'grok.train_loss' is a list and has no field 'lst'",
                    note: "did you mean 'last'? a list offers: " + Builtins.postfixNames.joined(separator: ", "))
        assertExpressionError("word.size", evaluate: true, column: 12, "'word' is a string (\"grok\"), which has no field 'size'")
        assertExpressionError("nothing.size", evaluate: true, column: 15, "cannot read field 'size' of 'nothing', which is null")
        assertExpressionError("xs[5]", evaluate: true, column: 10, "index 5 is out of range: 'xs' has 5 items",
                    note: "indices run from 0 to 4, or from -5 to -1 counting from the end")
        assertExpressionError("xs[-6]", evaluate: true, column: 10, "index -6 is out of range: 'xs' has 5 items",
                    note: "indices run from 0 to 4, or from -5 to -1 counting from the end")
        assertExpressionError("empty[0]", evaluate: true, column: 13, "index 0 is out of range: 'empty' is empty")
        assertExpressionError("xs[0.5]", evaluate: true, column: 10, "an index must be a whole number, found a number (0.5)")
        assertExpressionError("xs['a']", evaluate: true, column: 10, "a list index must be a number, found a string (\"a\")")
        assertExpressionError("grok[yes]", evaluate: true, column: 12, "a record is indexed by a field name in quotes or a row number, found a boolean (true)")
        assertExpressionError("params[0]", evaluate: true, column: 14,
                    "'params' is a record, not a table, so it has no rows; index it with a field name in quotes")
        assertExpressionError("grok[10]", evaluate: true, column: 12, "index 10 is out of range: 'grok' has 10 rows",
                    note: "indices run from 0 to 9, or from -10 to -1 counting from the end")
        assertExpressionError("word[0]", evaluate: true, column: 7, "'word' is a string (\"grok\") and cannot be indexed")
    }

    // MARK: Reductions and functions

    func testReductionsAsFunctionsAndFields() throws {
        let cases: [(String, Value)] = [
            ("first", .number(3)), ("last", .number(5)), ("min", .number(1)), ("max", .number(5)),
            ("mean", .number(2.8)), ("sum", .number(14)), ("count", .number(5)), ("len", .number(5)),
            ("argmax", .number(4)), ("argmin", .number(1)),
        ]
        for (name, expected) in cases {
            XCTAssertEqual(try evalExpression("\(name)(xs)"), expected, name)
            XCTAssertEqual(try evalExpression("xs.\(name)"), expected, name)
        }
        // Sample standard deviation: sum of squared deviations 32 over n - 1 = 7.
        XCTAssertEqual(try evalNumber("std([2, 4, 4, 4, 5, 5, 7, 9])"), (32.0 / 7).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(try evalExpression("[1, 'a', yes].last"), .bool(true))
        XCTAssertEqual(try evalExpression("len('héllo')"), .number(5))
        XCTAssertEqual(try evalExpression("grok.len"), .number(10))
        XCTAssertEqual(try evalExpression("len(params)"), .number(3))
        XCTAssertEqual(try evalExpression("max(1, 5, 3)"), .number(5))
        XCTAssertEqual(try evalExpression("min(limit, 0.25)"), .number(0.25))
        XCTAssertEqual(try evalExpression("max(3, nothing)"), .number(3))
        XCTAssertEqual(try evalExpression("grok.test_accuracy.argmax"), .number(9))
        XCTAssertEqual(try evalExpression("grok.step[grok.test_accuracy.argmax]"), .number(90))
        XCTAssertEqual(try evalExpression("xs.max.abs"), .number(5))
    }

    func testReductionsSkipNullsAndHandleEmptyAndNaN() throws {
        XCTAssertEqual(try evalExpression("mean(gappy)"), .number(4))
        XCTAssertEqual(try evalExpression("sum(gappy)"), .number(8))
        XCTAssertEqual(try evalExpression("count(gappy)"), .number(2))
        XCTAssertEqual(try evalExpression("len(gappy)"), .number(3))
        XCTAssertEqual(try evalExpression("argmax(gappy)"), .number(2))
        XCTAssertEqual(try evalExpression("gappy.std"), .number(8.0.squareRoot()))
        for name in ["first", "last", "min", "max", "mean", "std", "argmax", "argmin"] {
            XCTAssertEqual(try evalExpression("\(name)(empty)"), .null, name)
        }
        XCTAssertEqual(try evalExpression("std([1])"), .null)
        XCTAssertEqual(try evalExpression("sum(empty)"), .number(0))
        XCTAssertEqual(try evalExpression("count(empty)"), .number(0))
        XCTAssertTrue(try evalNumber("max(nan_list)").isNaN)
        XCTAssertTrue(try evalNumber("mean(nan_list)").isNaN)
        XCTAssertEqual(try evalExpression("argmax(nan_list)"), .number(2))
        XCTAssertEqual(try evalExpression("argmin(nan_list)"), .number(0))
        XCTAssertEqual(try evalExpression("argmax([2, 7, 7])"), .number(1))
    }

    func testElementwiseFunctions() throws {
        XCTAssertEqual(try evalExpression("abs(-2)"), .number(2))
        XCTAssertEqual(try evalExpression("sqrt(16)"), .number(4))
        XCTAssertEqual(try evalNumber("log(exp(2))"), 2, accuracy: 1e-15)
        XCTAssertEqual(try evalExpression("log2(1024)"), .number(10))
        XCTAssertEqual(try evalExpression("log10(0.001)"), .number(-3))
        XCTAssertEqual(try evalExpression("exp(0)"), .number(1))
        XCTAssertEqual(try evalExpression("round(2.5)"), .number(3))
        XCTAssertEqual(try evalExpression("round(-2.5)"), .number(-3))
        XCTAssertEqual(try evalExpression("round(3.14159, 2)"), .number(3.14))
        XCTAssertEqual(try evalExpression("round(1234, -2)"), .number(1200))
        XCTAssertEqual(try evalExpression("(-xs).abs"), .numbers([3, 1, 4, 1, 5] as [Int]))
        XCTAssertEqual(try evalExpression("sqrt([4, null, 9])"), .list([.number(2), .null, .number(3)]))
        XCTAssertEqual(try evalExpression("log(0)"), .number(-.infinity))
        XCTAssertTrue(try evalNumber("sqrt(-1)").isNaN)
        XCTAssertEqual(try evalExpression("1.6.round"), .number(2))
        XCTAssertEqual(try evalExpression("sin(0)"), .number(0))
        XCTAssertEqual(try evalExpression("cos(0)"), .number(1))
        XCTAssertEqual(try evalNumber("tan(1)"), 1.5574077246549023, accuracy: 1e-15)
        XCTAssertEqual(try evalNumber("sin(1)^2 + cos(1)^2"), 1, accuracy: 1e-15)
        XCTAssertEqual(try evalExpression("floor([-1.5, 1.5])"), .numbers([-2, 1] as [Int]))
        XCTAssertEqual(try evalExpression("ceil([-1.5, 1.5])"), .numbers([-1, 2] as [Int]))
    }

    func testFunctionErrors() {
        assertExpressionError("mean(word)", evaluate: true, column: 12, "'mean' expects a list, found a string (\"grok\")")
        assertExpressionError("last(3)", evaluate: true, column: 12, "'last' expects a list, found a number (3)")
        assertExpressionError("max(grok)", evaluate: true, column: 11, "'max' expects a list, found a record",
                    note: "pick a column first, e.g. 'grok.step.max'")
        assertExpressionError("grok.mean", evaluate: true, column: 7, "'mean' expects a list, found a record",
                    note: "pick a column first, e.g. 'grok.step.mean'")
        assertExpressionError("sum([1, 'a'])", evaluate: true, column: 11, "'sum' expects a list of numbers, but item 1 of '[1, 'a']' is a string (\"a\")")
        assertExpressionError("sqrt(word)", evaluate: true, column: 12, "'sqrt' expects a number or a list of numbers, found a string (\"grok\")")
        assertExpressionError("max(1, xs)", evaluate: true, column: 14, "'max' of several values expects numbers, found a list of 5 items",
                    note: "to reduce a list, give it alone: max(xs)")
        assertExpressionError("round(1.5, 0.5)", evaluate: true, column: 18, "'round' expects a whole number of digits from -15 to 15, found a number (0.5)")
    }

    // MARK: Tables

    func testFirstStep() throws {
        XCTAssertEqual(try evalExpression("first_step(grok, train_accuracy >= 0.99)"), .number(30))
        XCTAssertEqual(try evalExpression("first_step(grok, test_accuracy >= 0.98)"), .number(70))
        XCTAssertEqual(try evalExpression("first_step(grok, test_accuracy >= params.threshold)"), .number(70))
        // A name that is not a column falls back to the outer scope.
        XCTAssertEqual(try evalExpression("first_step(grok, test_accuracy >= limit)"), .number(60))
        XCTAssertEqual(try evalExpression("first_step(grok, step > 40 and train_loss < 0.05)"), .number(60))
        XCTAssertEqual(try evalExpression(claim), .bool(true))
        XCTAssertEqual(try evalExpression("first_step(where(grok, step >= 50), train_accuracy >= 0.99)"), .number(50))
    }

    func testWhereCountAndColumn() throws {
        XCTAssertEqual(try evalExpression("where(grok, step >= 70).test_accuracy"), .numbers([0.985, 0.99, 0.995]))
        XCTAssertEqual(try evalExpression("len(where(grok, test_accuracy > 0.5))"), .number(4))
        XCTAssertEqual(try evalExpression("count(grok, test_accuracy > 0.5)"), .number(4))
        XCTAssertEqual(try evalExpression("count(grok, test_accuracy > 2)"), .number(0))
        XCTAssertEqual(try evalExpression("where(grok, step > 1000).step"), .list([]))
        XCTAssertEqual(try evalExpression("where(grok, step > 1000).step.max"), .null)
        XCTAssertEqual(try evalExpression("column(grok, 'step').last"), .number(90))
        XCTAssertEqual(try evalExpression("column(run, 'label')"), .string("a"))
        // Non-list fields apply to every row and are kept by where.
        XCTAssertEqual(try evalExpression("count(run, value > 1 and label == 'a')"), .number(2))
        XCTAssertEqual(try evalExpression("where(run, value > 1)"),
                       .record(Record([("value", .numbers([2, 3] as [Int])), ("label", .string("a"))])))
    }

    func testTableErrors() {
        assertExpressionError("first_step(run, value > 1)", evaluate: true, column: 18, "'run' has no 'step' column, which first_step returns",
                    note: "columns: value; where(table, condition) gives the matching rows of any column")
        assertExpressionError("first_step(xs, x > 1)", evaluate: true, column: 18,
                    "'first_step' expects a table as its first argument, found a list of 5 items",
                    note: "a table is a record of equal-length columns, such as the result of a {data} or {train} cell")
        assertExpressionError("where(params, steps > 1)", evaluate: true, column: 13, "'params' is not a table: none of its fields is a list",
                    note: "fields: modulus, steps, threshold")
        assertExpressionError("first_step(grok, test_accuracy)", evaluate: true, column: 24,
                    "the condition must be true or false for each row, but gives a number (0.01) at row 0",
                    note: "compare it with something, e.g. 'test_accuracy >= 0.9'")
        assertExpressionError("first_step(grok, test_acuracy > 0.5)", evaluate: true, column: 24, "unknown name 'test_acuracy'",
                    note: "did you mean 'test_accuracy'?")
        assertExpressionError("column(grok, limit)", evaluate: true, column: 20, "'column' expects a column name in quotes, found a number (0.5)",
                    note: "for example column(grok, \"step\")")
        assertExpressionError("column(grok, 'stpe')", evaluate: true, column: 20, "'grok' has no column 'stpe'",
                    note: "did you mean 'step'? fields: step, train_accuracy, test_accuracy, train_loss")
        assertExpressionError("column(3, 'a')", evaluate: true, column: 14, "'column' expects a table as its first argument, found a number (3)")

        var ragged = grokRun
        ragged["eval_loss"] = .numbers([1, 2, 3] as [Int])
        let scope = ExpressionTestScope(values: ["grok": .record(ragged)])
        XCTAssertEqual(try evalExpression("first_step(grok, train_accuracy >= 0.99)", scope), .number(30))
        assertExpressionError("first_step(grok, eval_loss < 2)", evaluate: true, scope: scope, column: 24,
                    "'eval_loss' has 3 items but the table has 10 rows, so it cannot be read row by row")
    }

    // MARK: Explain

    func testExplainOfAClaim() throws {
        let parts = try parseExpression(claim).explain(in: expressionScope)
        XCTAssertEqual(parts.map(\.source), ["first_step(grok, test_accuracy >= 0.98)", "1.5 * first_step(grok, train_accuracy >= 0.99)"])
        XCTAssertEqual(parts.map(\.value), [.number(70), .number(45)])
    }

    func testExplainSkipsLiteralsRepeatsAndDescendsBooleans() throws {
        let e = try parseExpression("grok.test_accuracy.last >= 0.99 and not (xs.max < -1) or xs.max == [1, 2][0]")
        let parts = try e.explain(in: expressionScope)
        XCTAssertEqual(parts.map(\.source), ["grok.test_accuracy.last", "xs.max", "[1, 2][0]"])
        XCTAssertEqual(parts.map(\.value), [.number(0.995), .number(5), .number(1)])
        let plain = try parseExpression("yes").explain(in: expressionScope)
        XCTAssertEqual(plain.map(\.source), ["yes"])
        XCTAssertEqual(try parseExpression("1 < 2").explain(in: expressionScope).count, 0)
    }

    func testExplainOfShortCircuitedOperands() throws {
        // Shown when they can be evaluated, left out when they cannot.
        let shown = try parseExpression("no and xs.max > 1").explain(in: expressionScope)
        XCTAssertEqual(shown.map(\.source), ["no", "xs.max"])
        let skipped = try parseExpression("no and grok.nope > 1").explain(in: expressionScope)
        XCTAssertEqual(skipped.map(\.source), ["no"])
        // An operand that the evaluation reaches still reports its error.
        XCTAssertThrowsError(try parseExpression("yes and grok.nope > 1").explain(in: expressionScope)) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "'grok' has no field 'nope'")
        }
    }

    func testRecordScope() throws {
        XCTAssertEqual(try parseExpression("modulus * 2").evaluate(in: notebookParams), .number(194))
        XCTAssertEqual(notebookParams.knownNames, ["modulus", "steps", "threshold"])
    }
}
