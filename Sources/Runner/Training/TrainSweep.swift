import Learning
import Notebooks

/// `sweep:` on a `{train}` cell: one run per combination of the listed values (their Cartesian
/// product, in the order written, last key varying fastest).
///
/// Result: a table with one row per run — the swept values (column named by the key, dots as
/// `_`: `model.hidden` → `model_hidden`), `final_train_loss`, `final_test_loss`,
/// `final_train_accuracy`, `final_test_accuracy` (classification tasks), `final_weight_norm` — plus `runs`, each run's
/// history, and `grouped`: one row per combination of the non-seed keys with the `mean_` and
/// `std_` (sample standard deviation) of every final metric across seeds. The artifact is the
/// list of `TrainingRun`s. Each run is cached on its own (`RunCache`), so adding a value to the
/// sweep trains only the runs that are new.
enum TrainSweep {
    static let finals: [(name: String, metric: Metric)] = [
        ("final_train_loss", .trainLoss), ("final_test_loss", .testLoss),
        ("final_train_accuracy", .trainAccuracy), ("final_test_accuracy", .testAccuracy),
        ("final_weight_norm", .weightNorm),
    ]

    static func run(_ cell: CellInput, base: Record, context: RunContext) throws(Diagnostic) -> CellOutput {
        guard let sweep = try cell.options.sub("sweep") else { throw Diagnostic(at: cell.options.location, "missing 'sweep'") }
        var axes: [(path: String, values: [Value])] = []
        for key in sweep.keys {
            guard case .list(let values)? = try sweep.value(key), !values.isEmpty else {
                throw Diagnostic(at: sweep.location(of: key), "'sweep.\(key)' must be a non-empty list of values")
            }
            axes.append((key, values))
        }
        let combinations = axes.reduce([[Value]]([[]])) { partial, axis in partial.flatMap { prefix in axis.values.map { prefix + [$0] } } }
        guard combinations.count <= 1000 else { throw Diagnostic(at: sweep.location, "the sweep has \(combinations.count) runs; at most 1000 are allowed") }

        var runs: [TrainingRun] = []
        for (i, combination) in combinations.enumerated() {
            var options = base
            for (axis, value) in zip(axes, combination) { options = setting(options, path: axis.path.split(separator: ".").map(String.init), to: value) }
            let label = "run \(i + 1)/\(combinations.count)"
            let config = try TrainDirective.config(options, cell: cell, context: context)
            // A pruned run starts from another cell's mask and weights, which its configuration
            // does not describe: it is not cached on its own (the cell's entry still holds it).
            guard let runCache = context.runCache, options[TrainPruning.option.name] == nil else {
                runs.append(try TrainDirective.train(config, resolved: options, cell: cell, context: context, label: label + ": "))
                continue
            }
            let stored: (output: CellOutput, reused: Bool)
            do {
                stored = try runCache.output(runCache.trainingKey(config), kind: TrainDirective.kind, cell: context.cellID) {
                    CellOutput(artifact: try TrainDirective.train(config, resolved: options, cell: cell, context: context, label: label + ": "))
                }
            } catch let d as Diagnostic { throw d } catch { throw Diagnostic(at: cell.cell.location, "{train} failed: \(error)") }
            guard let run = stored.output.artifact as? TrainingRun else {
                throw Diagnostic(at: cell.cell.location, "{train}: the cache entry of \(label) holds no training run")
            }
            if stored.reused { context.progress(i + 1, combinations.count, "\(label): reused from the cache") }
            runs.append(run)
        }

        // Final metrics that no run records (accuracies of a regression task) are left out.
        let metrics = finals.filter { final in runs.contains { !$0.history[final.metric].isEmpty } }
        var table = Record()
        for (a, axis) in axes.enumerated() { table[column(axis.path)] = .list(combinations.map { $0[a] }) }
        for final in metrics { table[final.name] = .list(runs.map { $0.history[final.metric].last.map(Value.number) ?? .null }) }
        table[TrainDirective.Field.runs.name] = .list(runs.map { .record(TrainDirective.result($0)) })
        table[TrainDirective.Field.grouped.name] = .record(grouped(axes: axes, combinations: combinations, runs: runs, metrics: metrics))

        let items: [(label: String, value: String)] = [
            ("runs", "\(runs.count)"),
            ("swept", axes.map { "\($0.path) ∈ \(formatValue(.list($0.values)))" }.joined(separator: "; ")),
        ]
        return CellOutput(value: .record(table), artifact: runs, display: [.summary(title: "Training sweep", items: items)])
    }

    /// Mean and sample standard deviation of the final metrics across seeds, per combination of
    /// the other keys: `mean_test_loss`, `std_test_loss`, ... (the metric's name without `final_`).
    static func grouped(axes: [(path: String, values: [Value])], combinations: [[Value]], runs: [TrainingRun],
                        metrics: [(name: String, metric: Metric)]) -> Record {
        let keep = axes.indices.filter { axes[$0].path != "seed" }
        let groups = Grouping.groups(combinations.map { combination in keep.map { combination[$0] } })
        var table = Record()
        for (k, a) in keep.enumerated() { table[column(axes[a].path)] = .list(groups.map { $0.key[k] }) }
        table["runs"] = .numbers(groups.map(\.members.count))
        for final in metrics {
            let stats = groups.map { g in Grouping.meanAndStd(g.members.compactMap { runs[$0].history[final.metric].last }) }
            let name = String(final.name.dropFirst("final_".count))
            table["mean_\(name)"] = .numbers(stats.map { $0.mean ?? .nan })
            // One run per group: a spread of 0, as before.
            table["std_\(name)"] = .numbers(stats.map { $0.std ?? ($0.mean == nil ? .nan : 0) })
        }
        return table
    }

    static func column(_ path: String) -> String { path.replacingOccurrences(of: ".", with: "_") }

    /// `record` with the value at a dotted path replaced (intermediate mappings are created).
    static func setting(_ record: Record, path: [String], to value: Value) -> Record {
        var copy = record
        guard let first = path.first else { return copy }
        if path.count == 1 {
            copy[first] = value
        } else {
            copy[first] = .record(setting(copy[first]?.record ?? Record(), path: Array(path.dropFirst()), to: value))
        }
        return copy
    }
}

import Foundation
