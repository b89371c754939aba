/// An expression of Folio's notebook language, parsed and ready to evaluate.
///
/// Expressions appear as YAML values starting with `=`, as inline code spans starting with `=`
/// (optionally followed by a format, `=x.last | percent`), and as the `that:` of a claim. The
/// language is documented in docs/expressions.md.
public struct Expression: Sendable, Equatable {
    /// The text without the leading '=' and without the format.
    public let source: String
    /// Where `source` starts.
    public let location: SourceLocation
    /// From `| percent` etc.
    public let format: ValueFormat?

    /// The whole text given to `parse`, and where it starts; syntax offsets are relative to it.
    let text: String
    let origin: SourceLocation
    let syntax: Syntax

    public static func == (a: Expression, b: Expression) -> Bool {
        a.source == b.source && a.location == b.location && a.format == b.format
    }

    /// Parses `text` (no leading '='). `location` is where text's first character is; errors point
    /// into the text (location.advanced(by: offset), offsets in UTF-8 bytes). A format (`| percent`)
    /// is accepted only when `allowFormat` is true. Throws a `Diagnostic` at the first token that
    /// cannot be used.
    public static func parse(_ text: String, at location: SourceLocation, allowFormat: Bool) throws(Diagnostic) -> Expression {
        var parser = try Parser(text, origin: location)
        let syntax = try parser.parseExpression()
        var format: ValueFormat?
        if parser.token.kind == .pipe {
            guard allowFormat else {
                throw parser.error(at: parser.token.start, "a format ('| percent', '| fixed(2)', ...) is only allowed in an inline value")
            }
            format = try parser.parseFormat()
            if parser.token.kind != .end {
                throw parser.error(at: parser.token.start, "unexpected \(parser.found) after the format")
            }
        }
        if parser.token.kind != .end {
            let note: String? = switch parser.token.kind {
            case .rightParen: "there is no '(' for this ')' to close"
            case .rightBracket: "there is no '[' for this ']' to close"
            case .identifier, .number, .string: "two values need an operator between them, e.g. '*', '+', 'and'"
            default: nil
            }
            throw parser.error(at: parser.token.start, "unexpected \(parser.found) after the end of the expression", note: note)
        }
        return Expression(
            source: parser.text(syntax.start, syntax.end), location: location.advanced(by: syntax.start),
            format: format, text: text, origin: location, syntax: syntax)
    }

    /// Root names referenced, in order of first appearance (e.g. ["params", "grok"]). Plain names
    /// inside a per-row condition (`first_step(grok, test_accuracy >= 0.9)`) are the table's
    /// columns and are not roots; a path there (`params.threshold`) still is.
    public var rootReferences: [String] { references.roots }

    /// Plain names inside per-row conditions and `map` expressions (other than `it`): usually the
    /// row's columns or the item's fields, but a name that is an earlier cell's id falls through
    /// to that cell, so the checker counts it as a dependency when it is one (and otherwise leaves
    /// it to run time, where an unknown name is a located error).
    public var rowNames: [String] { references.rowNames }

    private var references: (roots: [String], rowNames: [String]) {
        var names: [String] = []
        var rowNames: [String] = []
        func add(_ name: String) { if !names.contains(name) { names.append(name) } }
        func visit(_ s: Syntax, inCondition: Bool) {
            switch s.kind {
            case .number, .string, .bool, .null: break
            case .name(let n):
                if !inCondition { add(n) } else if n != "it", !rowNames.contains(n) { rowNames.append(n) }
            case .list(let items): for i in items { visit(i, inCondition: inCondition) }
            case .field(let base, let name, _):
                if inCondition, case .name(let n) = base.kind {
                    if !Builtins.postfixNames.contains(name) && n != "it" { add(n) }
                } else {
                    visit(base, inCondition: inCondition)
                }
            case .index(let base, let i):
                if inCondition, case .name(let n) = base.kind { if n != "it" { add(n) } } else { visit(base, inCondition: inCondition) }
                visit(i, inCondition: inCondition)
            case .call(let name, let args):
                let condition = Builtins.byName[name]?.conditionArgument
                for (k, a) in args.enumerated() {
                    visit(a, inCondition: inCondition || (k == condition && args.count > 1))
                }
            case .negate(let x), .not(let x): visit(x, inCondition: inCondition)
            case .arithmetic(_, let l, let r, _), .comparison(_, let l, let r, _), .and(let l, let r), .or(let l, let r):
                visit(l, inCondition: inCondition)
                visit(r, inCondition: inCondition)
            }
        }
        visit(syntax, inCondition: false)
        return (names, rowNames)
    }

    /// Evaluates. Errors are Diagnostics located at the offending sub-expression.
    public func evaluate(in scope: some ExpressionScope) throws(Diagnostic) -> Value {
        try Evaluator(text: text, origin: origin).evaluate(syntax, in: scope)
    }

    /// The values that decided the result: for each maximal operand of the top-level comparisons
    /// and boolean operators that is not a literal, its source text and value, in source order and
    /// without repeats. An expression with no comparison or boolean operator at its top explains
    /// itself. Operands skipped by short-circuiting (`false and x`) are shown when they can be
    /// evaluated and left out when they cannot.
    public func explain(in scope: some ExpressionScope) throws(Diagnostic) -> [(source: String, value: Value)] {
        let evaluator = Evaluator(text: text, origin: origin)
        var out: [(source: String, value: Value)] = []
        func show(_ s: Syntax, reached: Bool) throws(Diagnostic) {
            if s.isLiteral { return }
            let source = evaluator.source(s)
            if out.contains(where: { $0.source == source }) { return }
            let value: Value
            do {
                value = try evaluator.evaluate(s, in: scope)
            } catch {
                if reached { throw error }
                return
            }
            out.append((source, value))
        }
        func truth(_ s: Syntax) throws(Diagnostic) -> Bool {
            try evaluator.truth(evaluator.evaluate(s, in: scope), of: s, for: "")
        }
        func visit(_ s: Syntax, reached: Bool) throws(Diagnostic) {
            switch s.kind {
            case .and(let l, let r), .or(let l, let r):
                try visit(l, reached: reached)
                var rightReached = reached
                if reached {
                    let isAnd = if case .and = s.kind { true } else { false }
                    rightReached = try truth(l) == isAnd
                }
                try visit(r, reached: rightReached)
            case .not(let x):
                try visit(x, reached: reached)
            case .comparison(_, let l, let r, _):
                try show(l, reached: reached)
                try show(r, reached: reached)
            default:
                try show(s, reached: reached)
            }
        }
        try visit(syntax, reached: true)
        return out
    }
}
