import Notebooks

/// `{claim}`: a checked statement of the essay. `that:` is an expression that must be true;
/// the report shows the claim as holding or failing with the values that decided it, and
/// `folio render` exits 1 when a claim fails.
public enum ClaimDirective: Directive {
    public static let kind = "claim"
    public static let summary = "A statement checked every time the notebook renders."
    public static let result = "`holds` (true or false)."
    public static let keys = [
        OptionKey("that", .expression, required: true, "The condition, an expression that must be true (no leading '=')."),
        OptionKey("says", .string, required: true, "The claim in words, shown in the report."),
    ]

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        guard case .scalar(let source, _, let location)? = cell.options.node("that") else {
            throw Diagnostic(at: cell.options.location, "{claim} needs 'that'")
        }
        let expression = try Expression.parse(source, at: location, allowFormat: false)
        let value = try expression.evaluate(in: cell.options.scope)
        let holds: Bool
        switch value {
        case .bool(let b): holds = b
        case .null: holds = false
        default:
            throw Diagnostic(at: location, "'that' must be a true/false condition, but it gives \(value.typeName) \(formatValue(value))",
                             note: "compare it with something, e.g. '... >= 0.9'")
        }
        let values = try expression.explain(in: cell.options.scope).map { (source: $0.source, value: formatValue($0.value)) }
        let says = try cell.options.requiredString("says")
        let content = ClaimContent(holds: holds, says: says, that: source, values: values)
        return CellOutput(value: .record(Record([("holds", .bool(holds))])), display: [.claim(content)])
    }
}
