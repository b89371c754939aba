/// One comparison a condition rests on, with both sides evaluated: `left op right`.
public struct Comparison: Sendable, Equatable {
    /// The left and right operands as written (a claim's named terms appear by name).
    public var left: String
    public var right: String
    /// The operator as written: `<`, `<=`, `>`, `>=`, `==` or `!=`.
    public var op: String
    public var leftValue: Value
    public var rightValue: Value
    public var holds: Bool

    public init(left: String, op: String, right: String, leftValue: Value, rightValue: Value, holds: Bool) {
        self.left = left
        self.op = op
        self.right = right
        self.leftValue = leftValue
        self.rightValue = rightValue
        self.holds = holds
    }

    /// Both values as text with just enough digits that unequal numbers never print alike:
    /// `formatCompared` of the two sides.
    public var formattedSides: (left: String, right: String) { formatCompared(leftValue, rightValue) }

    /// How far the comparison is from flipping, as a fraction of the right side:
    /// (left − right)/|right| for `>`/`>=`, (right − left)/|right| for `<`/`<=`; positive when it
    /// holds with room to spare. Nil for `==`/`!=`, non-numbers and a right side of 0.
    public var relativeMargin: Double? {
        guard case .number(let a) = leftValue, case .number(let b) = rightValue, b != 0, a.isFinite, b.isFinite else { return nil }
        switch op {
        case ">", ">=": return (a - b) / abs(b)
        case "<", "<=": return (b - a) / abs(b)
        default: return nil
        }
    }
}

extension Expression {
    /// The comparisons joined by the top-level `and`s of a condition, left to right, each with
    /// both sides evaluated: `a < b and c >= d` gives two. Conjuncts that are not comparisons
    /// (a boolean field, an `or`) are left out; a condition with none gives `[]`.
    public func comparisons(in scope: some ExpressionScope) throws(Diagnostic) -> [Comparison] {
        let evaluator = Evaluator(text: text, origin: origin)
        var out: [Comparison] = []
        func visit(_ s: Syntax) throws(Diagnostic) {
            switch s.kind {
            case .and(let l, let r):
                try visit(l)
                try visit(r)
            case .comparison(let op, let l, let r, _):
                let holds = try evaluator.evaluate(s, in: scope)
                out.append(Comparison(
                    left: evaluator.source(l), op: op.rawValue, right: evaluator.source(r),
                    leftValue: try evaluator.evaluate(l, in: scope), rightValue: try evaluator.evaluate(r, in: scope),
                    holds: holds == .bool(true)))
            default:
                break
            }
        }
        try visit(syntax)
        return out
    }
}

/// Two values as text, numbers with the fewest significant digits (at least 4, at most 15) at
/// which unequal numbers print differently, so a shown comparison is visibly true or false
/// (never "2 < 2"). Other values as `formatValue`.
public func formatCompared(_ a: Value, _ b: Value) -> (String, String) {
    guard case .number(let x) = a, case .number(let y) = b else { return (formatValue(a), formatValue(b)) }
    var digits = 4
    while x != y, digits < 15, NumberText.general(x, significant: digits) == NumberText.general(y, significant: digits) {
        digits += 1
    }
    return (NumberText.general(x, significant: digits), NumberText.general(y, significant: digits))
}
