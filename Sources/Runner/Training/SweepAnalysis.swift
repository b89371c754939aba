import Learning
import Notebooks

/// An analysis directive whose `model:` names a `{train}` sweep runs once per run of the sweep,
/// and its result becomes a table with one row per run: the sweep's swept values (the same columns
/// as the sweep's own result, e.g. `model_hidden`, `seed`), then every number or true/false field
/// of the per-run results (`llc`, `llc_std`, ...), then `results`, each run's whole result.
///
///     ```{llc}
///     id: complexity
///     model: widths          # a {train} cell with sweep: {model.hidden: [16, 64, 256]}
///     ```
///
/// after which `complexity.model_hidden` and `complexity.llc` can be plotted against each other.
/// Figures and other displays of the single runs are not shown; the report shows the table.
enum SweepAnalysis {
    /// The output over every run, or nil when `directive` does not read a `model:` or the model
    /// is not a sweep (the directive then runs as usual).
    static func run(_ directive: any Directive.Type, _ cell: CellInput, context: RunContext) throws -> CellOutput? {
        guard directive.traits.contains(.analysesModel),
              case .string(let id)? = try cell.options.value(TrainedModelOption.modelKey),
              let runs = context.artifacts[id] as? [TrainingRun],
              case .record(let sweep)? = context.scope.results[id]
        else { return nil }
        let notSwept = Set(TrainSweep.finals.map(\.name) + [TrainDirective.Field.runs.name, TrainDirective.Field.grouped.name])
        var table = Record()
        for field in sweep.fields where !notSwept.contains(field.key) { table[field.key] = field.value }

        var results: [Record] = []
        for (i, run) in runs.enumerated() {
            var single = context
            single.artifacts[id] = run
            let total = runs.count
            let outer = context.progress
            single.progress = { step, steps, status in outer(i, total, "run \(i + 1)/\(total) \(status)") }
            context.progress(i, total, "run \(i + 1)/\(total)")
            let output = try directive.run(cell, context: single)
            guard case .record(let record)? = output.value else {
                throw Diagnostic(at: cell.options.location(of: TrainedModelOption.modelKey), "{\(directive.kind)} over a sweep needs a result with named fields")
            }
            results.append(record)
        }
        // Scalar fields present in every run's result, in the order of the first.
        let scalarNames = results.first?.fields.map(\.key).filter { name in
            results.allSatisfy { r in
                switch r[name] { case .number?, .bool?: true; default: false }
            }
        } ?? []
        for name in scalarNames where table[name] == nil { table[name] = .list(results.map { $0[name]! }) }
        table["results"] = .list(results.map(Value.record))

        let shown = table.fields.filter { $0.key != "results" }
        let rows = (0..<runs.count).map { i in
            shown.map { field -> String in
                guard case .list(let items) = field.value, i < items.count else { return "" }
                return formatValue(items[i])
            }
        }
        let numeric = shown.map { field -> Bool in
            guard case .list(let items) = field.value else { return false }
            return items.allSatisfy { if case .number = $0 { true } else { false } }
        }
        let display = TableContent(caption: "{\(directive.kind)} of each run of '\(id)'", headers: shown.map(\.key), rows: rows, numeric: numeric)
        return CellOutput(value: .record(table), display: [.table(display)])
    }
}

extension SweepAnalysis {
    /// Whether `cell` analyses a sweep — its `model:` names an earlier `{train}` cell with `sweep:`
    /// — and so shows a table. Known before anything runs, so that table is numbered with the
    /// notebook's other tables (`CrossReferences`).
    static func analysesSweep(_ cell: CheckedCell, earlier: [String: CheckedCell]) -> Bool {
        guard cell.directive.traits.contains(.analysesModel), case .scalar(let id, _, _)? = cell.cell.options[TrainedModelOption.modelKey],
              let trained = earlier[id] else { return false }
        return trained.directive.traits.contains(.producesArtifact) && trained.cell.options[TrainDirective.sweep.name] != nil
    }
}
