import Notebooks

/// The check phase: everything that can be known about a notebook without running it. Collects
/// all problems (not just the first) and throws them together; nothing runs unless this passes.
public struct NotebookChecker: Sendable {
    public var registry: DirectiveRegistry

    public init(registry: DirectiveRegistry = .standard) { self.registry = registry }

    /// `seeds` (from `folio render --seeds`) replaces the front matter's `seeds`; it needs a
    /// `seed` parameter.
    public func check(_ notebook: Notebook, overrides: [String: String] = [:], seeds: [Int]? = nil) throws(DiagnosticList) -> CheckedNotebook {
        var problems: [Diagnostic] = []
        var params = resolveParameters(notebook, overrides: overrides, problems: &problems)
        let seedList = resolveSeeds(notebook, params: params, overrides: overrides, given: seeds, problems: &problems)
        if let first = seedList.first { params["seed"] = .number(Double(first)) }

        var cells: [CheckedCell] = []
        var idLines: [String: SourceLocation] = [:]
        let allIDs = Dictionary(notebook.cells.compactMap { c in c.id.map { ($0, c.idLocation) } }, uniquingKeysWith: { a, _ in a })

        for (index, cell) in notebook.cells.enumerated() {
            guard let directive = registry.directive(named: cell.kind) else {
                problems.append(Diagnostic(
                    at: cell.location, "unknown directive '{\(cell.kind)}'",
                    note: closestMatch(to: cell.kind, in: registry.kinds).map { "did you mean '{\($0)}'?" }
                        ?? "known directives: \(registry.kinds.joined(separator: ", "))"))
                continue
            }
            var id = "#\(index + 1)"
            if let given = cell.id {
                if !isIdentifier(given) {
                    problems.append(Diagnostic(at: cell.idLocation, "id '\(given)' must be snake_case: a letter followed by letters, digits or '_'"))
                } else if let first = idLines[given] {
                    problems.append(Diagnostic(at: cell.idLocation, "duplicate id '\(given)'", note: "first defined at \(first)"))
                } else if given == "params" {
                    problems.append(Diagnostic(at: cell.idLocation, "'params' is reserved for the notebook's parameters"))
                }
                id = given
            }

            var references = ReferenceCollector(
                earlier: Set(idLines.keys), later: allIDs, localNames: { [options = cell.options] in directive.localNames(options, at: $0) })
            let keys = CommonKeys.added(to: directive) + directive.keys
            problems += OptionSchemaChecker.check(cell.options, keys: keys, context: "{\(cell.kind)}", references: &references)
            problems += directive.validate(cell.options)
            problems += SweepAnalysis.validate(cell.options, of: directive)
            problems += references.problems
            if let estimate = directive.estimate(KnownOptions(node: cell.options, scope: EvaluationScope(params: params))),
               let refusal = estimate.refusal(cell.options, kind: cell.kind) {
                problems.append(refusal)
            }

            if let given = cell.id, idLines[given] == nil { idLines[given] = cell.idLocation }
            cells.append(CheckedCell(cell: cell, directive: directive, id: id, hasExplicitID: cell.id != nil,
                                     dependencies: references.dependencies))
        }

        var inline: [String: Expression] = [:]
        let known = Set(idLines.keys)
        for span in InlineSpanFinder.spans(in: notebook) {
            do {
                let expression = try Expression.parse(span.text, at: span.location, allowFormat: true)
                var refs = ReferenceCollector(earlier: known, later: [:])
                refs.add(expression)
                problems += refs.problems
                inline["=" + span.text] = expression
            } catch {
                problems.append(error)
            }
        }

        let references = CrossReferences.collect(cells, math: notebook.math, file: notebook.file, problems: &problems)
        references.check(notebook, problems: &problems)
        let bibliography = BibliographyCheck.load(notebook, problems: &problems)
        problems += Footnotes.check(notebook)

        if !problems.isEmpty { throw DiagnosticList(problems.sorted { $0.location < $1.location }) }
        return CheckedNotebook(notebook: notebook, params: params, cells: cells, inlineExpressions: inline, references: references,
                               bibliography: bibliography, seeds: seedList)
    }

    /// The seeds the claims are checked at (see `CheckedNotebook.seeds`); problems when seeds
    /// are asked for and there is no `seed` parameter to bind them to.
    private func resolveSeeds(_ notebook: Notebook, params: Record, overrides: [String: String], given: [Int]?,
                              problems: inout [Diagnostic]) -> [Int] {
        let top = SourceLocation(file: notebook.file, line: 1, column: 1)
        let declared = notebook.frontMatter.params.first { $0.name == "seed" }
        let howTo = "declare it under params (seed: 0) and pass =params.seed to the cells' seed options"
        guard declared != nil, case .number(let current)? = params["seed"], current >= 0, current == current.rounded() else {
            if let seedsAt = notebook.frontMatter.seedsLocation {
                problems.append(Diagnostic(at: seedsAt, "'seeds' binds params.seed, but this notebook has no whole-number 'seed' parameter", note: howTo))
            }
            if given != nil {
                let at = notebook.frontMatter.params.first?.location ?? top
                problems.append(Diagnostic(at: at, "--seeds sets params.seed, but this notebook has no whole-number 'seed' parameter", note: howTo))
            }
            return []
        }
        if let given {
            if overrides["seed"] != nil { problems.append(Diagnostic(at: top, "-P seed and --seeds both set the seed; give one of them")) }
            return given
        }
        if overrides["seed"] != nil { return [Int(current)] }
        return notebook.frontMatter.seeds ?? [Int(current)]
    }

    private func resolveParameters(_ notebook: Notebook, overrides: [String: String], problems: inout [Diagnostic]) -> Record {
        var params = Record()
        for p in notebook.frontMatter.params { params[p.name] = p.value }
        let declared = notebook.frontMatter.params.map(\.name)
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            let here = SourceLocation(file: notebook.file, line: 1, column: 1)
            guard let current = params[name] else {
                problems.append(Diagnostic(
                    at: here, "unknown parameter '\(name)' given with -P",
                    note: closestMatch(to: name, in: declared).map { "did you mean '\($0)'?" }
                        ?? (declared.isEmpty ? "this notebook declares no params" : "declared params: \(declared.joined(separator: ", "))")))
                continue
            }
            switch ParameterOverride.parse(text, like: current) {
            case .success(let v): params[name] = v
            case .failure(let message): problems.append(Diagnostic(at: here, "-P \(name)=\(text): \(message)"))
            }
        }
        return params
    }

    private func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isLowercase || first == "_" || ("a"..."z").contains(Character(first)) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains(Character($0)) || ("0"..."9").contains(Character($0)) || $0 == "_" }
    }
}

/// Parses a `-P name=value` override into a value of the same type as the parameter's default.
enum ParameterOverride {
    enum Outcome { case success(Value), failure(String) }

    static func parse(_ text: String, like current: Value) -> Outcome {
        switch current {
        case .number:
            guard let x = Double(text) else { return .failure("expected a number, like the default \(formatValue(current))") }
            return .success(.number(x))
        case .bool:
            guard let b = ["true": true, "false": false][text] else { return .failure("expected true or false") }
            return .success(.bool(b))
        case .list(let items):
            let parts = text.split(separator: ",").map { String($0).trimming(" []") }
            var out: [Value] = []
            for part in parts {
                guard case .success(let v) = parse(part, like: items.first ?? .string("")) else {
                    return .failure("expected a comma-separated list like \(formatValue(current))")
                }
                out.append(v)
            }
            return .success(.list(out))
        default:
            return .success(.string(text))
        }
    }
}

private extension String {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
