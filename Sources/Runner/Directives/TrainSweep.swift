import Learning
import Notebooks

/// `sweep:` on a `{train}` cell: one run per combination of the listed values (their Cartesian
/// product, in the order written, last key varying fastest).
///
/// Result: a table with one row per run — the swept values (column named by the key, dots as
/// `_`: `model.hidden` → `model_hidden`), `final_train_loss`, `final_test_loss`,
/// `final_train_accuracy`, `final_test_accuracy`, `final_weight_norm` — plus `runs`, each run's
/// history, and `grouped`: one row per combination of the non-seed keys with the `mean_` and
/// `std_` (sample standard deviation) of every final metric across seeds. The artifact is the
/// list of `TrainingRun`s.
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
            runs.append(try TrainDirective.train(options, cell: cell, context: context, label: "run \(i + 1)/\(combinations.count): "))
        }

        var table = Record()
        for (a, axis) in axes.enumerated() { table[column(axis.path)] = .list(combinations.map { $0[a] }) }
        for final in finals { table[final.name] = .list(runs.map { $0.history[final.metric].last.map(Value.number) ?? .null }) }
        table["runs"] = .list(runs.map { .record(TrainDirective.result($0)) })
        table["grouped"] = .record(grouped(axes: axes, combinations: combinations, runs: runs))

        let items: [(label: String, value: String)] = [
            ("runs", "\(runs.count)"),
            ("swept", axes.map { "\($0.path) ∈ \(formatValue(.list($0.values)))" }.joined(separator: "; ")),
        ]
        return CellOutput(value: .record(table), artifact: runs, display: [.summary(title: "Training sweep", items: items)])
    }

    /// Mean and standard deviation of the final metrics across seeds, per combination of the other keys.
    static func grouped(axes: [(path: String, values: [Value])], combinations: [[Value]], runs: [TrainingRun]) -> Record {
        let keep = axes.indices.filter { axes[$0].path != "seed" }
        var groups: [[Value]] = [], members: [[Int]] = []
        for (i, combination) in combinations.enumerated() {
            let key = keep.map { combination[$0] }
            if let g = groups.firstIndex(of: key) { members[g].append(i) } else { groups.append(key); members.append([i]) }
        }
        var table = Record()
        for (k, a) in keep.enumerated() { table[column(axes[a].path)] = .list(groups.map { $0[k] }) }
        table["runs"] = .numbers(members.map(\.count))
        for final in finals {
            let stats = members.map { indices -> (Double, Double) in
                let xs = indices.compactMap { runs[$0].history[final.metric].last }
                guard !xs.isEmpty else { return (.nan, .nan) }
                let mean = xs.reduce(0, +) / Double(xs.count)
                let variance = xs.count > 1 ? xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1) : 0
                return (mean, variance.squareRoot())
            }
            let name = String(final.name.dropFirst("final_".count))
            table["mean_\(name)"] = .numbers(stats.map(\.0))
            table["std_\(name)"] = .numbers(stats.map(\.1))
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
