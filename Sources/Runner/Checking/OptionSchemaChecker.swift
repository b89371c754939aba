import Notebooks

/// Checks a cell body against its directive's keys: unknown keys (with "did you mean"), missing
/// required keys, literal values of the wrong type; parses every `=expression` and records what
/// it reads.
enum OptionSchemaChecker {
    static func check(_ node: OptionNode, keys: [OptionKey], context: String,
                      references: inout ReferenceCollector) -> [Diagnostic] {
        guard let entries = node.entries else {
            return [Diagnostic(at: node.location, "expected a mapping of options for \(context)")]
        }
        var problems: [Diagnostic] = []
        let names = keys.map(\.name)
        for entry in entries {
            guard let key = keys.first(where: { $0.name == entry.key }) else {
                problems.append(Diagnostic(
                    at: entry.keyLocation, "unknown key '\(entry.key)' in \(context)",
                    note: closestMatch(to: entry.key, in: names).map { "did you mean '\($0)'?" }
                        ?? "allowed keys: \(names.joined(separator: ", "))"))
                continue
            }
            references.path.append(entry.key)
            problems += checkValue(entry.value, type: key.type, name: entry.key, references: &references)
            references.path.removeLast()
        }
        for key in keys where key.required && !entries.contains(where: { $0.key == key.name }) {
            problems.append(Diagnostic(at: node.location, "\(context) needs '\(key.name)' (\(key.type.description))"))
        }
        return problems
    }

    static func checkValue(_ node: OptionNode, type: OptionType, name: String,
                           references: inout ReferenceCollector) -> [Diagnostic] {
        // An `=expression` can stand for any value; its type is checked when it is evaluated.
        if let (text, location) = node.expressionText {
            do {
                references.add(try Expression.parse(text, at: location, allowFormat: false))
                return []
            } catch {
                return [error]
            }
        }
        func wrong() -> [Diagnostic] {
            let found = node.scalarValue.map { "\($0.typeName) '\(formatValue($0))'" } ?? node.typeName
            return [Diagnostic(at: node.location, "'\(name)' must be \(type.description), found \(found)")]
        }
        switch type {
        case .any:
            return collectExpressions(node, references: &references)
        case .number:
            if case .number? = node.scalarValue { return [] }
            return wrong()
        case .integer:
            if case .number(let x)? = node.scalarValue, x.rounded() == x { return [] }
            return wrong()
        case .bool:
            if case .bool? = node.scalarValue { return [] }
            return wrong()
        case .string:
            if case .scalar = node { return [] }
            return wrong()
        case .choice(let words):
            guard case .scalar(let s, _, let location) = node else { return wrong() }
            if words.contains(s) { return [] }
            return [Diagnostic(
                at: location, "'\(s)' is not a valid \(name)",
                note: closestMatch(to: s, in: words).map { "did you mean '\($0)'?" } ?? "expected one of: \(words.joined(separator: ", "))")]
        case .cellReference:
            guard case .scalar(let s, _, let location) = node else { return wrong() }
            references.reference(s, at: location)
            return []
        case .expression:
            guard case .scalar(let s, _, let location) = node else { return wrong() }
            do {
                references.add(try Expression.parse(s, at: location, allowFormat: false))
                return []
            } catch {
                return [error]
            }
        case .list(let element):
            guard case .list(let items, _) = node else {
                // A single value where a list is expected is accepted as a list of one.
                if case .scalar = node { return checkValue(node, type: element, name: name, references: &references) }
                return wrong()
            }
            return items.flatMap { checkValue($0, type: element, name: name, references: &references) }
        case .mapping(let keys):
            guard case .mapping = node else { return wrong() }
            return check(node, keys: keys, context: "'\(name)'", references: &references)
        case .dictionary(let valueType):
            guard let entries = node.entries else { return wrong() }
            return entries.flatMap { entry in
                references.path.append(entry.key)
                defer { references.path.removeLast() }
                return checkValue(entry.value, type: valueType, name: "\(name).\(entry.key)", references: &references)
            }
        }
    }

    /// Parses every `=expression` found anywhere inside a free-form value.
    private static func collectExpressions(_ node: OptionNode, references: inout ReferenceCollector) -> [Diagnostic] {
        switch node {
        case .scalar:
            return checkValue(node, type: .string, name: "", references: &references)
        case .list(let items, _):
            return items.flatMap { collectExpressions($0, references: &references) }
        case .mapping(let entries, _):
            return entries.flatMap { entry in
                references.path.append(entry.key)
                defer { references.path.removeLast() }
                return collectExpressions(entry.value, references: &references)
            }
        }
    }
}

extension OptionSchemaChecker {
    /// Checks a value computed at run time (an `=expression`'s result) against the key's type, so
    /// `steps: =params.p / 2` with p odd is reported at that key rather than deep in a decoder.
    /// Accepts what the literal rules above accept (text keys take any scalar).
    static func checkResolved(_ value: Value, type: OptionType, name: String, at location: SourceLocation) throws(Diagnostic) {
        func fail(_ expected: String) -> Diagnostic {
            Diagnostic(at: location, "'\(name)' must be \(expected), but its expression gives \(value.typeName) \(formatValue(value))")
        }
        switch (type, value) {
        case (_, .null), (.any, _), (.expression, _), (.cellReference, .string), (.string, .string), (.string, .number),
             (.string, .bool), (.choice, .string), (.number, .number), (.bool, .bool):
            return
        case (.integer, .number(let x)):
            if x.rounded() != x { throw fail("a whole number") }
        case (.list(let element), .list(let items)):
            for item in items { try checkResolved(item, type: element, name: name, at: location) }
        case (.list(let element), _):
            try checkResolved(value, type: element, name: name, at: location)
        case (.mapping(let keys), .record(let record)):
            for key in keys { if let v = record[key.name] { try checkResolved(v, type: key.type, name: "\(name).\(key.name)", at: location) } }
        case (.dictionary(let element), .record(let record)):
            for field in record.fields { try checkResolved(field.value, type: element, name: "\(name).\(field.key)", at: location) }
        default:
            throw fail(type.description)
        }
    }
}
