import Notebooks

/// Checks the names a cell reads — roots of its expressions and `cellReference` options — against
/// the ids defined before it, and records them as the cell's dependencies.
struct ReferenceCollector {
    let earlier: Set<String>
    /// Every id in the notebook with where it is defined (to say "defined later at ...").
    let later: [String: SourceLocation]
    /// The cell's own names visible at an option path (`Directive.localNames`).
    let localNames: @Sendable ([String]) -> Set<String>
    /// The option path of the value being checked (maintained by `OptionSchemaChecker`).
    var path: [String] = []
    private(set) var dependencies: [String] = []
    private(set) var problems: [Diagnostic] = []

    init(earlier: Set<String>, later: [String: SourceLocation], localNames: @escaping @Sendable ([String]) -> Set<String> = { _ in [] }) {
        self.earlier = earlier
        self.later = later
        self.localNames = localNames
    }

    mutating func add(_ expression: Expression) {
        for name in expression.rootReferences {
            reference(name, at: expression.location)
        }
        // A row's column may share its name with an earlier cell; reading the cell is then
        // possible, so the cell is a dependency (an extra one costs nothing but a re-run).
        for name in expression.rowNames where earlier.contains(name) && !dependencies.contains(name) {
            dependencies.append(name)
        }
    }

    mutating func reference(_ name: String, at location: SourceLocation) {
        let locals = localNames(path)
        if name == "params" || locals.contains(name) { return }
        if earlier.contains(name) {
            if !dependencies.contains(name) { dependencies.append(name) }
            return
        }
        if let defined = later[name] {
            problems.append(Diagnostic(
                at: location, "'\(name)' is used before the cell that computes it",
                note: "'\(name)' is defined later, at \(defined); move this after it"))
            return
        }
        let candidates = earlier.union(locals).union(["params"])
        problems.append(Diagnostic(
            at: location, "unknown name '\(name)'",
            note: closestMatch(to: name, in: candidates.sorted()).map { "did you mean '\($0)'?" }
                ?? "names available here: \(candidates.sorted().joined(separator: ", "))"))
    }
}
