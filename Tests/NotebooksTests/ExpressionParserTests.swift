import XCTest
@testable import Notebooks

final class ExpressionParserTests: XCTestCase {
    private func tree(_ text: String) throws -> String {
        try parseExpression(text).syntax.description
    }

    func testArithmeticPrecedenceAndAssociativity() throws {
        XCTAssertEqual(try tree("1 + 2 * 3"), "(+ 1 (* 2 3))")
        XCTAssertEqual(try tree("1 - 2 - 3"), "(- (- 1 2) 3)")
        XCTAssertEqual(try tree("a / b * c % d"), "(% (* (/ a b) c) d)")
        XCTAssertEqual(try tree("(1 + 2) * 3"), "(* (+ 1 2) 3)")
        XCTAssertEqual(try tree("2 ^ 3 ^ 2"), "(^ 2 (^ 3 2))")
        XCTAssertEqual(try tree("-2 ^ 2"), "(neg (^ 2 2))")
        XCTAssertEqual(try tree("2 ^ -1"), "(^ 2 -1)")
        XCTAssertEqual(try tree("-x.last"), "(neg (. x last))")
        XCTAssertEqual(try tree("- -3"), "3")
        XCTAssertEqual(try tree("a * -b"), "(* a (neg b))")
    }

    func testBooleanAndComparisonPrecedence() throws {
        XCTAssertEqual(try tree("a + b < c * d and not e == f or g"), "(or (and (< (+ a b) (* c d)) (not (== e f))) g)")
        XCTAssertEqual(try tree("not not a"), "(not (not a))")
        XCTAssertEqual(try tree("a or b and c"), "(or a (and b c))")
        XCTAssertEqual(try tree("a != b"), "(!= a b)")
        XCTAssertEqual(try tree("a <= b"), "(<= a b)")
        XCTAssertEqual(try tree("a >= b"), "(>= a b)")
        XCTAssertEqual(try tree("a > b"), "(> a b)")
    }

    func testLiteralsReferencesAndCalls() throws {
        XCTAssertEqual(try tree("[1, 'a', \"b\", true, false, null, [2],]"), "[1 \"a\" \"b\" true false null [2]]")
        XCTAssertEqual(try tree("1e-3 + 2.5E2 + 0.5"), "(+ (+ 0.001 250) 0.5)")
        XCTAssertEqual(try tree("'it\\'s \\\"x\\\"\\n'"), "\"it's \"x\"\n\"")
        XCTAssertEqual(try tree("params.modulus"), "(. params modulus)")
        XCTAssertEqual(try tree("xs[-1].abs"), "(. ([] xs -1) abs)")
        XCTAssertEqual(try tree("grok['step'][0]"), "([] ([] grok \"step\") 0)")
        XCTAssertEqual(try tree("max(a, b + 1)"), "(max a (+ b 1))")
        XCTAssertEqual(try tree("[]"), "[]")
        XCTAssertEqual(
            try tree("first_step(grok, test_accuracy >= 0.98) >= 1.5 * first_step(grok, train_accuracy >= 0.99)"),
            "(>= (first_step grok (>= test_accuracy 0.98)) (* 1.5 (first_step grok (>= train_accuracy 0.99))))")
    }

    func testSourceLocationAndFormat() throws {
        let e = try Notebooks.Expression.parse("  grok.test_accuracy.last | percent", at: exprStart, allowFormat: true)
        XCTAssertEqual(e.source, "grok.test_accuracy.last")
        XCTAssertEqual(e.location, SourceLocation(file: "nb.md", line: 7, column: 9))
        XCTAssertEqual(e.format, .percent(nil))
        XCTAssertEqual(try parseExpression("x | percent(0)", format: true).format, .percent(0))
        XCTAssertEqual(try parseExpression("x|fixed(3)", format: true).format, .fixed(3))
        XCTAssertEqual(try parseExpression("x | sci(2)", format: true).format, .sci(2))
        XCTAssertEqual(try parseExpression("x | int", format: true).format, .int)
        XCTAssertEqual(try parseExpression("x | int", format: true).source, "x")
        XCTAssertNil(try parseExpression("x", format: true).format)
        XCTAssertEqual(try parseExpression("(a + b) ").source, "(a + b)")
    }

    func testNodeRangesCoverTheirText() throws {
        let e = try parseExpression("a + (b * c)")
        XCTAssertEqual(e.syntax.start, 0)
        XCTAssertEqual(e.syntax.end, 11)
        guard case .arithmetic(.add, let l, let r, let op) = e.syntax.kind else { return XCTFail("\(e.syntax)") }
        XCTAssertEqual([l.start, l.end, op, r.start, r.end], [0, 1, 2, 4, 11])
        // Multi-byte characters count as UTF-8 bytes, like SourceLocation columns.
        let s = try parseExpression("'é' + x")
        guard case .arithmetic(_, _, let x, let op2) = s.syntax.kind else { return XCTFail("\(s.syntax)") }
        XCTAssertEqual([op2, x.start], [5, 7])
    }

    func testEqualityIgnoresSpacingOutsideTheSource() throws {
        XCTAssertEqual(try parseExpression("a+b"), try parseExpression("a+b"))
        XCTAssertNotEqual(try parseExpression("a+b"), try parseExpression("a + b"))
        XCTAssertNotEqual(try parseExpression("x | int", format: true), try parseExpression("x | percent", format: true))
    }

    func testRootReferences() throws {
        XCTAssertEqual(try parseExpression("params.steps * 2").rootReferences, ["params"])
        XCTAssertEqual(
            try parseExpression("first_step(grok, test_accuracy >= 0.98) >= 1.5 * first_step(grok, train_accuracy >= 0.99)").rootReferences,
            ["grok"])
        XCTAssertEqual(try parseExpression("first_step(grok, test_accuracy >= params.threshold and other['x'] > 0)").rootReferences,
                       ["grok", "params", "other"])
        XCTAssertEqual(try parseExpression("count(where(run, value > 1), train_loss.abs < limit.value)").rootReferences, ["run", "limit"])
        XCTAssertEqual(try parseExpression("count(xs) + b.c[d] - [e, f][0] + max(g, h)").rootReferences, ["xs", "b", "d", "e", "f", "g", "h"])
        XCTAssertEqual(try parseExpression("1 + 'a'").rootReferences, [])
    }

    // MARK: Errors: message, note and column

    func testUnclosedBrackets() {
        assertExpressionError("(1 + 2", column: 13, "expected ')' to close '(' opened at column 7, found end of expression")
        assertExpressionError("max(xs) * (1 + 2", column: 23, "expected ')' to close '(' opened at column 17, found end of expression")
        assertExpressionError("(1 + 2]", column: 13, "expected ')' to close '(' opened at column 7, found ']'")
        assertExpressionError("max(1, 2", column: 15, "expected ',' or ')' to close 'max(' opened at column 10, found end of expression")
        assertExpressionError("max(1 2)", column: 13, "expected ',' or ')' to close 'max(' opened at column 10, found '2'")
        assertExpressionError("[1, 2", column: 12, "expected ',' or ']' to close '[' opened at column 7, found end of expression")
        assertExpressionError("xs[0", column: 11, "expected ']' to close '[' opened at column 9, found end of expression")
    }

    func testMissingOperands() {
        assertExpressionError("", column: 7, "expected an expression, found end of expression")
        assertExpressionError("   ", column: 10, "expected an expression, found end of expression")
        assertExpressionError("1 +", column: 10, "expected a value after '+', found end of expression")
        assertExpressionError("1 + * 2", column: 11, "expected a value after '+', found '*'")
        assertExpressionError("+1", column: 7, "expected an expression, found '+'")
        assertExpressionError("not", column: 10, "expected a value after 'not', found end of expression")
        assertExpressionError("a and or b", column: 13, "expected a value after 'and', found 'or'")
        assertExpressionError("()", column: 8, "expected a value after '(', found ')'")
    }

    func testTrailingGarbage() {
        assertExpressionError("1 + 2 x", column: 13, "unexpected 'x' after the end of the expression",
                    note: "two values need an operator between them, e.g. '*', '+', 'and'")
        assertExpressionError("a )", column: 9, "unexpected ')' after the end of the expression", note: "there is no '(' for this ')' to close")
        assertExpressionError("a ]", column: 9, "unexpected ']' after the end of the expression", note: "there is no '[' for this ']' to close")
        assertExpressionError("a,b", column: 8, "unexpected ',' after the end of the expression")
    }

    func testUnknownFunctionAndArity() {
        assertExpressionError("frist_step(grok, x > 1)", column: 7, "unknown function 'frist_step'", note: "did you mean 'first_step'?")
        assertExpressionError("1 + foo(1)", column: 11, "unknown function 'foo'",
                    note: "functions: " + Builtins.names.joined(separator: ", "))
        assertExpressionError("first_step(grok)", column: 7, "'first_step' expects 2 arguments, found 1",
                    note: "usage: first_step(table, condition)")
        assertExpressionError("last(a, b)", column: 7, "'last' expects 1 argument, found 2", note: "usage: last(list)")
        assertExpressionError("count()", column: 7, "'count' expects 1 or 2 arguments, found 0",
                    note: "usage: count(list) or count(table, condition)")
        assertExpressionError("max()", column: 7, "'max' expects at least 1 argument, found 0", note: "usage: max(list) or max(a, b, ...)")
    }

    func testPostfixErrors() {
        assertExpressionError("grok.(x)", column: 12, "expected a field name after '.', found '('")
        assertExpressionError("grok.3", column: 12, "expected a field name after '.', found '3'")
        assertExpressionError("grok.last(1)", column: 16, "unexpected '(' after 'grok.last'",
                    note: "only built-in functions can be called, e.g. max(xs); to multiply, write '*'")
        assertExpressionError("2(3)", column: 8, "unexpected '(' after '2'",
                    note: "only built-in functions can be called, e.g. max(xs); to multiply, write '*'")
    }

    func testNestingIsBounded() throws {
        XCTAssertEqual(try parseExpression(String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)).syntax.description, "1")
        assertExpressionError(String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300), column: 7 + 200,
                    "the expression is nested too deeply (more than 200 levels)")
        assertExpressionError(String(repeating: "-", count: 300) + "x", column: 7 + 200,
                    "the expression is nested too deeply (more than 200 levels)")
    }

    func testChainedComparison() {
        assertExpressionError("0 < x < 1", column: 13, "comparisons cannot be chained; combine them with 'and'",
                    note: "for example 'a < b and b < c' instead of 'a < b < c'")
    }

    func testHabitsFromOtherLanguages() {
        assertExpressionError("a = 1", column: 9, "unexpected '='; write '==' to compare values")
        assertExpressionError("a && b", column: 9, "unexpected '&'; write 'and' to combine conditions")
        assertExpressionError("a || b", column: 9, "unexpected '||'; write 'or' to combine conditions")
        assertExpressionError("!a", column: 7, "unexpected '!'; write 'not' to negate a condition")
        assertExpressionError("2 ** 3", column: 9, "unexpected '**'; write powers with '^', e.g. 2^10")
        assertExpressionError("x ≥ 1", column: 9, "unexpected character '≥'; write '>='")
        assertExpressionError("x × 2", column: 9, "unexpected character '×'; write '*'")
        assertExpressionError("“a”", column: 7, "unexpected character '“'; write strings with straight quotes, \"...\" or '...'")
        assertExpressionError("a # b", column: 9, "unexpected character '#'")
    }

    func testMalformedLiterals() {
        assertExpressionError("'abc", column: 7, "unterminated string: expected a closing ' before the end of the expression")
        assertExpressionError("x == \"abc", column: 12, "unterminated string: expected a closing \" before the end of the expression")
        assertExpressionError("'a\\qb'", column: 9, "unknown escape '\\q' in a string", note: "escapes are \\\\, \\', \\\", \\n and \\t")
        assertExpressionError("1e", column: 7, "malformed number '1e': expected digits after the exponent 'e'")
        assertExpressionError("1 + 2e+", column: 11, "malformed number '2e+': expected digits after the exponent 'e'")
        assertExpressionError("2x", column: 7, "malformed number '2x'",
                    note: "names cannot start with a digit; to multiply, write '*' (e.g. 2 * x)")
        assertExpressionError(".5", column: 7, "a number cannot start with '.'; write a 0 before it, e.g. 0.5")
    }

    func testFormatErrors() {
        assertExpressionError("grok.x | percent", column: 14, "a format ('| percent', '| fixed(2)', ...) is only allowed in an inline value")
        let list = "formats: percent, percent(n), fixed(n), sci(n), int"
        assertExpressionError("grok.x | percnt", format: true, column: 16, "unknown format 'percnt'", note: "did you mean 'percent'? \(list)")
        assertExpressionError("x | bold", format: true, column: 11, "unknown format 'bold'", note: list)
        assertExpressionError("x |", format: true, column: 10, "expected a format name after '|', found end of expression", note: list)
        assertExpressionError("x | 2", format: true, column: 11, "expected a format name after '|', found '2'", note: list)
        assertExpressionError("x | fixed", format: true, column: 11, "the format 'fixed' needs a number of decimals, e.g. '| fixed(2)'")
        assertExpressionError("x | sci", format: true, column: 11, "the format 'sci' needs a number of decimals, e.g. '| sci(2)'")
        assertExpressionError("x | int(2)", format: true, column: 14, "the format 'int' takes no argument")
        assertExpressionError("x | fixed(1.5)", format: true, column: 17, "expected a number of decimals from 0 to 15 in 'fixed(...)', found '1.5'")
        assertExpressionError("x | fixed(99)", format: true, column: 17, "expected a number of decimals from 0 to 15 in 'fixed(...)', found '99'")
        assertExpressionError("x | fixed(2", format: true, column: 18, "expected ')' to close 'fixed(' opened at column 16, found end of expression")
        assertExpressionError("x | percent y", format: true, column: 19, "unexpected 'y' after the format")
    }
}
