import Notebooks

/// `{claim}`: a checked statement of the essay. `that:` is an expression that must be true;
/// the report shows the claim as holding or failing with the values that decided it, and
/// `folio render` exits 1 when a claim fails. A notebook with several seeds evaluates each claim
/// at every seed (`SeedRuns`); `at_least` relaxes "at every seed" to a fraction of them.
///
///     terms:
///       final_norm: grok.weight_norm.last
///       bound: 0.9 * grok.weight_norm.first
///     that: final_norm < bound
public enum ClaimDirective: Directive {
    public static let kind = "claim"
    public static let summary = "A statement checked every time the notebook renders, at each of its seeds."
    static let holds = ResultField("holds", "true or false, at this seed")
    public static let result = ResultField.describe([holds])
    public static let traits: Set<DirectiveTrait> = [.claim]
    public static let keys = [
        OptionKey("that", .expression, required: true, "The condition, an expression that must be true (no leading '='). Its top-level comparisons (joined by `and`) are shown with both sides at every seed."),
        OptionKey("says", .string, required: true, "The claim in words, shown in the report."),
        OptionKey("terms", .dictionary(.expression), "Named values (name: expression, in order; each may use the earlier ones) that `that` can use by name, so the report shows `final_norm < bound` instead of the expressions behind them."),
        OptionKey("at_least", .number, "The fraction of the notebook's seeds the condition must hold at (0 < f ≤ 1). For an effect that is real but not robust; the report prints the fraction.", defaultText: "every seed"),
    ]

    /// `that` sees every term; a term sees the terms before it (as a {data} column sees the
    /// columns to its left), so `loss: =loss.last` in `terms` reads the cell `loss`.
    public static func localNames(_ options: OptionNode, at path: [String]) -> Set<String> {
        let terms = options["terms"]?.entries?.map(\.key) ?? []
        guard path.first == "terms", path.count >= 2 else { return path.first == "that" ? Set(terms) : [] }
        return Set(terms.prefix { $0 != path[1] })
    }

    public static func validate(_ options: OptionNode) -> [Diagnostic] {
        guard case .scalar(let text, _, let location)? = options["at_least"], !text.hasPrefix("="), let f = Double(text) else { return [] }
        if f > 0, f <= 1 { return [] }
        return [Diagnostic(at: location, "'at_least' is the fraction of seeds the claim must hold at, between 0 (excluded) and 1; got \(text)",
                           note: "for 4 of 5 seeds write at_least: 0.8")]
    }

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        guard case .scalar(let source, _, let location)? = cell.options.node("that") else {
            throw Diagnostic(at: cell.options.location, "{claim} needs 'that'")
        }
        var scope = cell.options.scope
        for name in try cell.options.sub("terms")?.keys ?? [] {
            guard case .scalar(let text, _, let at)? = cell.options.node("terms")?[name] else { continue }
            let bare = text.hasPrefix("=") ? String(text.dropFirst()) : text
            let term = try Expression.parse(bare, at: text.hasPrefix("=") ? at.advanced(by: 1) : at, allowFormat: false)
            scope.locals[name] = try term.evaluate(in: scope)
        }
        let expression = try Expression.parse(source, at: location, allowFormat: false)
        let value = try expression.evaluate(in: scope)
        let holds: Bool
        switch value {
        case .bool(let b): holds = b
        case .null: holds = false
        default:
            throw Diagnostic(at: location, "'that' must be a true/false condition, but it gives \(value.typeName) \(formatValue(value))",
                             note: "compare it with something, e.g. '... >= 0.9'")
        }
        let values = try expression.explain(in: scope).map { (source: $0.source, value: formatValue($0.value)) }
        let says = try cell.options.requiredString("says")
        let atLeast = try cell.options.number("at_least")
        let content = ClaimContent(holds: holds, says: says, that: source, values: values,
                                   comparisons: try expression.comparisons(in: scope), atLeast: atLeast)
        return CellOutput(value: .record(Record([(Self.holds, .bool(holds))])), display: [.claim(content)])
    }
}
