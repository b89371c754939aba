import XCTest
@testable import Notebooks

/// A tiny scope for expression tests: names to values, offered in "did you mean" notes.
struct ExpressionTestScope: ExpressionScope {
    var values: [String: Value]
    func lookup(_ name: String) -> Value? { values[name] }
    var knownNames: [String] { values.keys.sorted() }
}

/// Where test expressions start: after `that: ` on line 7 of a notebook, so column = 7 + offset.
let exprStart = SourceLocation(file: "nb.md", line: 7, column: 7)

/// A small training run: steps 0, 10, ..., 90; training accuracy passes 0.99 at step 30, test
/// accuracy passes 0.98 at step 70; the loss halves every record.
let grokRun = Record([
    ("step", .numbers([0, 10, 20, 30, 40, 50, 60, 70, 80, 90] as [Int])),
    ("train_accuracy", .numbers([0.1, 0.5, 0.9, 0.995, 1, 1, 1, 1, 1, 1])),
    ("test_accuracy", .numbers([0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 0.985, 0.99, 0.995])),
    ("train_loss", .numbers([2, 1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625, 0.0078125, 0.00390625])),
])

let notebookParams = Record([("modulus", .number(97)), ("steps", .number(100)), ("threshold", .number(0.98))])

let expressionScope = ExpressionTestScope(values: [
    "grok": .record(grokRun),
    "params": .record(notebookParams),
    "xs": .numbers([3, 1, 4, 1, 5] as [Int]),
    "empty": .list([]),
    "gappy": .list([.number(2), .null, .number(6)]),
    "nan_list": .numbers([1, .nan, 3]),
    "yes": .bool(true),
    "no": .bool(false),
    "nothing": .null,
    "word": .string("grok"),
    "limit": .number(0.5),
    "run": .record(Record([("value", .numbers([1, 2, 3] as [Int])), ("label", .string("a"))])),
])

func parseExpression(_ text: String, format: Bool = false) throws -> Notebooks.Expression {
    try Notebooks.Expression.parse(text, at: exprStart, allowFormat: format)
}

func evalExpression(_ text: String, _ scope: some ExpressionScope = expressionScope) throws -> Value {
    try parseExpression(text).evaluate(in: scope)
}

func evalNumber(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
    let v = try evalExpression(text)
    guard case .number(let x) = v else {
        XCTFail("'\(text)' gave \(v), not a number", file: file, line: line)
        return .nan
    }
    return x
}

/// Asserts that parsing (and, when `evaluate`, evaluating) `text` fails with exactly this
/// message and note at `column`.
func assertExpressionError(
    _ text: String, format: Bool = false, evaluate: Bool = false, scope: some ExpressionScope = expressionScope,
    column: Int, _ message: String, note: String? = nil, file: StaticString = #filePath, line: UInt = #line
) {
    do {
        let e = try Notebooks.Expression.parse(text, at: exprStart, allowFormat: format)
        if evaluate {
            let v = try e.evaluate(in: scope)
            XCTFail("'\(text)' evaluated to \(v) instead of failing", file: file, line: line)
        } else {
            XCTFail("'\(text)' parsed instead of failing", file: file, line: line)
        }
    } catch {
        let d = error
        XCTAssertEqual(d.message, message, "message for '\(text)'", file: file, line: line)
        XCTAssertEqual(d.note, note, "note for '\(text)'", file: file, line: line)
        XCTAssertEqual(d.location, SourceLocation(file: "nb.md", line: 7, column: column), "location for '\(text)'", file: file, line: line)
        XCTAssertEqual(d.severity, .error, file: file, line: line)
    }
}
