import Foundation
import Learning
import Notebooks

/// An analysis directive that reads one trained `model:` runs once per run when the model is a
/// `{train}` sweep, and once per combination of settings when the cell has `sweep:` (both at
/// once: every run × every setting). Its result is then a table with one row per analysis: the
/// sweep's swept values (the same columns as the sweep's own result, e.g. `model_hidden`,
/// `seed`), the swept settings (named by their key, e.g. `epsilon`), every number or true/false
/// field of the single results (`llc`, `llc_std`, ...), and `results`, each whole result.
///
///     ```{llc}
///     id: complexity
///     model: widths          # a {train} cell with sweep: {model.hidden: [16, 64, 256]}
///     sweep: {epsilon: [1e-4, 3e-4]}
///     ```
///
/// Rows are in the order of the sweep's runs, settings varying fastest (last key fastest). Each
/// analysis is cached on its own (`RunCache`), so extending the sweep analyses only its new runs.
/// The report shows the table (captioned by `caption:`, hidden by `show: false`) instead of the
/// single analyses' figures.
enum SweepAnalysis {
    /// The output over every run and setting, or nil when the cell analyses one model once (the
    /// directive then runs as usual).
    static func run(_ directive: any Directive.Type, _ cell: CellInput, context: RunContext) throws -> CellOutput? {
        guard directive.traits.contains(.analysesModel), case .string(let id)? = try cell.options.value(TrainedModelOption.modelKey) else { return nil }
        let settings = try sweptSettings(cell)
        var table = Record()
        let runs: [TrainingRun]
        if let swept = context.artifacts[id] as? [TrainingRun], case .record(let sweep)? = context.scope.results[id] {
            runs = swept
            let notSwept = Set(TrainSweep.finals.map(\.name) + [TrainDirective.Field.runs.name, TrainDirective.Field.grouped.name])
            for field in sweep.fields where !notSwept.contains(field.key) {
                guard case .list(let items) = field.value else { continue }
                table[field.key] = .list(items.flatMap { Array(repeating: $0, count: settings.combinations.count) })
            }
        } else if !settings.axes.isEmpty, let single = context.artifacts[id] as? TrainingRun {
            runs = [single]
        } else {
            return nil
        }
        for (a, axis) in settings.axes.enumerated() {
            table[axis.key] = .list(runs.flatMap { _ in settings.combinations.map { $0[a] } })
        }

        let total = runs.count * settings.combinations.count
        var results: [Record] = []
        for (i, run) in runs.enumerated() {
            for (j, combination) in settings.combinations.enumerated() {
                let n = i * settings.combinations.count + j
                let label = "run \(n + 1)/\(total)"
                let input = settings.axes.isEmpty ? cell : setting(cell, settings.axes.map(\.key), to: combination)
                var single = context
                single.artifacts[id] = run
                let outer = context.progress
                single.progress = { _, _, status in outer(n, total, "\(label) \(status)") }
                context.progress(n, total, label)
                let output: CellOutput
                if let runCache = context.runCache {
                    let key = runCache.analysisKey(kind: directive.kind, options: try resolved(input), of: run)
                    let stored = try runCache.output(key, kind: directive.kind, cell: context.cellID) {
                        let out = try directive.run(input, context: single)
                        return CellOutput(value: out.value)
                    }
                    if stored.reused { context.progress(n + 1, total, "\(label): reused from the cache") }
                    output = stored.output
                } else {
                    output = try directive.run(input, context: single)
                }
                guard case .record(let record)? = output.value else {
                    throw Diagnostic(at: cell.options.location(of: TrainedModelOption.modelKey), "{\(directive.kind)} over a sweep needs a result with named fields")
                }
                results.append(record)
            }
        }
        // Scalar fields present in every result, in the order of the first.
        let scalarNames = results.first?.fields.map(\.key).filter { name in
            results.allSatisfy { r in
                switch r[name] { case .number?, .bool?: true; default: false }
            }
        } ?? []
        for name in scalarNames where table[name] == nil { table[name] = .list(results.map { $0[name]! }) }
        table["results"] = .list(results.map(Value.record))

        let shown = table.fields.filter { $0.key != "results" }
        let rows = (0..<total).map { i in
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

    /// The swept settings of `sweep:`: its keys with their values, and every combination (the
    /// Cartesian product in the order written, last key fastest; one empty combination without `sweep:`).
    static func sweptSettings(_ cell: CellInput) throws(Diagnostic) -> (axes: [(key: String, values: [Value])], combinations: [[Value]]) {
        guard let sweep = try cell.options.sub(CommonKeys.sweep.name) else { return ([], [[]]) }
        var axes: [(key: String, values: [Value])] = []
        for key in sweep.keys {
            guard case .list(let values)? = try sweep.value(key), !values.isEmpty else {
                throw Diagnostic(at: sweep.location(of: key), "'sweep.\(key)' must be a non-empty list of values")
            }
            for value in values where literal(value, at: sweep.location(of: key)) == nil {
                throw Diagnostic(at: sweep.location(of: key), "'sweep.\(key)' must list numbers, words or true/false, found \(value.typeName)")
            }
            axes.append((key, values))
        }
        return (axes, axes.reduce([[Value]]([[]])) { partial, axis in partial.flatMap { prefix in axis.values.map { prefix + [$0] } } })
    }

    /// The cell with each key in `keys` set to the literal of its value.
    static func setting(_ cell: CellInput, _ keys: [String], to values: [Value]) -> CellInput {
        guard case .mapping(var entries, let location) = cell.cell.options else { return cell }
        for (key, value) in zip(keys, values) {
            guard let node = literal(value, at: cell.options.location(of: CommonKeys.sweep.name)) else { continue }
            if let k = entries.firstIndex(where: { $0.key == key }) {
                entries[k].value = node
            } else {
                entries.append(OptionEntry(key: key, keyLocation: node.location, value: node))
            }
        }
        var changed = cell
        changed.cell.options = .mapping(entries, at: location)
        changed.options = Options(node: changed.cell.options, scope: cell.options.scope, path: "", declared: cell.options.declared)
        return changed
    }

    /// A swept value written as the YAML literal the option would have been.
    static func literal(_ value: Value, at location: SourceLocation) -> OptionNode? {
        switch value {
        case .number(let x): .scalar(x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)", quoted: false, at: location)
        case .string(let s): .scalar(s, quoted: true, at: location)
        case .bool(let b): .scalar(b ? "true" : "false", quoted: false, at: location)
        default: nil
        }
    }

    /// The cell's options with expressions evaluated, except those naming the model and the
    /// report's presentation: what, with the training run's key, defines one analysis.
    static func resolved(_ cell: CellInput) throws(Diagnostic) -> Record {
        var record = Record()
        let notSettings = [OptionKey.id.name, TrainedModelOption.modelKey, CommonKeys.sweep.name, CommonKeys.caption.name, CommonKeys.show.name]
        for key in cell.options.keys where !notSettings.contains(key) {
            record[key] = try cell.options.value(key)
        }
        return record
    }
}

extension SweepAnalysis {
    /// `sweep:` of an analysis may name only the directive's own keys, other than `model`.
    static func validate(_ options: OptionNode, of directive: any Directive.Type) -> [Diagnostic] {
        guard directive.traits.contains(.analysesModel), let entries = options[CommonKeys.sweep.name]?.entries else { return [] }
        let allowed = directive.keys.map(\.name).filter { $0 != TrainedModelOption.modelKey && $0 != CommonKeys.sweep.name }
        return entries.compactMap { entry in
            allowed.contains(entry.key) ? nil : Diagnostic(
                at: entry.keyLocation, "{\(directive.kind)} cannot sweep '\(entry.key)'",
                note: (closestMatch(to: entry.key, in: allowed).map { "did you mean '\($0)'? " } ?? "") + "it can sweep: " + allowed.joined(separator: ", "))
        }
    }

    /// Whether `cell` shows a table of analyses — its `model:` names an earlier `{train}` cell
    /// with `sweep:`, or it has `sweep:` itself. Known before anything runs, so that table is
    /// numbered with the notebook's other tables (`CrossReferences`).
    static func analysesSweep(_ cell: CheckedCell, earlier: [String: CheckedCell]) -> Bool {
        guard cell.directive.traits.contains(.analysesModel), case .scalar(let id, _, _)? = cell.cell.options[TrainedModelOption.modelKey] else { return false }
        if cell.cell.options[CommonKeys.sweep.name] != nil { return true }
        guard let trained = earlier[id] else { return false }
        return trained.directive.traits.contains(.producesArtifact) && trained.cell.options[TrainDirective.sweep.name] != nil
    }
}
