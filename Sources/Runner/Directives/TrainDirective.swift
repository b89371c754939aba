import Learning
import Notebooks

/// `{train}`: trains a network on a task with the training core. Its result is the recorded
/// history as a table (`step`, `train_loss`, `test_loss`, `train_accuracy`, `test_accuracy`,
/// `weight_norm`) plus `parameters` and `final_step`; its artifact is the `TrainingRun` that the
/// analysis directives read. Wall time is left out of the result so reports stay reproducible.
public enum TrainDirective: Directive {
    public static let kind = "train"
    public static let summary = "Train a network on a task and record its history."
    /// The history columns of the result: every metric but wall time, which would make reports differ between renders.
    static let recorded = Metric.allCases.filter { $0 != .wallTime }
    enum Field {
        static let parameters = ResultField("parameters", "the parameter count"), finalStep = ResultField("final_step")
        static let keptWeights = ResultField("kept_weights"), prunableWeights = ResultField("prunable_weights")
        static let runs = ResultField("runs", "each run's history")
        static let grouped = ResultField("grouped", "one row per combination of the non-seed keys with the `mean_` and `std_` of every final metric across seeds")
    }
    public static let result = "a table of the recorded history — "
        + ResultField.describe(recorded.map { ResultField($0.rawValue, [.trainAccuracy, .testAccuracy].contains($0) ? "classification tasks" : nil) }).dropLast()
        + " — plus " + ResultField.describe([Field.parameters, Field.finalStep]).dropLast()
        + " and, with `prune`, " + ResultField.describe([Field.keptWeights, Field.prunableWeights]).dropLast()
        + "; the trained model is what the analysis directives read (`model: grok`). Wall time is printed while rendering but kept out of the result, so reports stay reproducible. With `sweep:`, a table with one row per run — the swept values (dots become `_`: `model.hidden` → `model_hidden`), "
        + ResultField.describe(TrainSweep.finals.map { ResultField($0.name) }).dropLast() + " — plus " + ResultField.describe([Field.runs, Field.grouped])

    public static let traits: Set<DirectiveTrait> = [.producesArtifact]

    /// Train once per combination of values (`TrainSweep`).
    static let sweep = DirectiveOption<Value>("sweep", "Train once per combination: option path → values, e.g. {seed: [0, 1, 2], model.hidden: [16, 64]}.",
                                     type: .dictionary(.list(.any)))
    /// Learning's keys (`TrainingConfig.keys`), then the runner's: `prune` (it names an earlier
    /// cell) and `sweep`.
    public static let keys = TrainingConfig.keys.map(OptionKey.init) + [TrainPruning.option, sweep.key]

    /// `checkpoints` is a list or a mapping with one of `CheckpointSchedule.allowedKeys`;
    /// `schedule: step` has a `step_every`; `prune`'s literal values fit (`TrainPruning.validate`).
    public static func validate(_ options: OptionNode) -> [Diagnostic] {
        var problems = validateSchedule(options) + TrainPruning.validate(options)
        guard let node = options["checkpoints"], let entries = node.entries else { return problems }
        let allowed = CheckpointSchedule.allowedKeys
        if entries.count != 1 || !allowed.contains(entries[0].key) {
            problems.append(Diagnostic(at: node.location, "checkpoints: expected a list of steps or a mapping with one key, "
                               + allowed.map { "'\($0)'" }.joined(separator: " or "),
                               note: entries.first.flatMap { closestMatch(to: $0.key, in: allowed) }.map { "did you mean '\($0)'?" }))
        }
        return problems
    }

    /// A literal `schedule: step` needs a `step_every`.
    static func validateSchedule(_ options: OptionNode) -> [Diagnostic] {
        guard let optimizer = options["optimizer"], let schedule = optimizer["schedule"],
              case .scalar("step", _, _) = schedule, optimizer["step_every"] == nil else { return [] }
        return [Diagnostic(at: schedule.location, "schedule: step needs 'step_every', the updates between drops",
                           note: "e.g. {schedule: step, step_every: 1000, step_factor: 0.1}")]
    }

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        var resolved = Record()
        for key in options.keys where key != OptionKey.id.name && key != sweep.name { resolved[key] = try options.value(key) }
        if options.has(sweep.name) { return try TrainSweep.run(cell, base: resolved, context: context) }
        let (trained, mask) = try trainWithMask(resolved, cell: cell, context: context)
        var record = result(trained), display = summary(trained)
        if let mask {
            record[Field.keptWeights.name] = .number(Double(mask.kept))
            record[Field.prunableWeights.name] = .number(Double(mask.prunable))
            if case .summary(let title, var items) = display {
                items.insert(("weights kept", "\(mask.kept) of \(mask.prunable)"), at: 2)
                display = .summary(title: title, items: items)
            }
        }
        return CellOutput(value: .record(record), artifact: trained, display: [display])
    }

    /// Trains one configuration given as resolved options, reporting progress.
    static func train(_ resolved: Record, cell: CellInput, context: RunContext, label: String = "") throws(Diagnostic) -> TrainingRun {
        try trainWithMask(resolved, cell: cell, context: context, label: label).run
    }

    /// `train`, also returning the mask when the options `prune` (`TrainPruning`).
    static func trainWithMask(_ resolved: Record, cell: CellInput, context: RunContext,
                              label: String = "") throws(Diagnostic) -> (run: TrainingRun, mask: PruningMask?) {
        var config = try ValueDecoding.decode(TrainingConfig.self, from: .record(resolved), options: cell.options.node)
        config.threads = context.threads
        let start = try resolved[TrainPruning.option.name]?.record.map { prune throws(Diagnostic) in try TrainPruning.start(prune, cell: cell, context: context) }
        let total = config.steps
        let progress = context.progress
        do {
            let run = try Learning.train(config, start: start ?? TrainingStart()) { step, _, loss in
                progress(step, total, "\(label)loss \(formatValue(.number(loss)))")
            }
            return (run, start?.mask)
        } catch TrainingError.incompatibleStart(let message) {
            let prune = cell.options.node["prune"]
            throw Diagnostic(at: prune?["model"]?.location ?? cell.options.location(of: "prune"), "{train} prune: \(message)",
                             note: "a mask and rewound weights fit only the model they came from")
        } catch let error as TrainingError {
            throw Diagnostic(at: cell.cell.location, "{train} failed: \(error.description)")
        } catch let error as ConfigurationError {
            throw error.diagnostic(in: cell.options)
        } catch {
            throw Diagnostic(at: cell.cell.location, "{train} failed: \(error)")
        }
    }

    static func result(_ run: TrainingRun) -> Record {
        var record = Record()
        for metric in recorded {
            let column = run.history[metric]
            if !column.isEmpty { record[metric.rawValue] = .numbers(column) }
        }
        record[Field.parameters.name] = .number(Double(run.model.parameterCount))
        record[Field.finalStep.name] = .number(Double(run.finalStep))
        return record
    }

    static func summary(_ run: TrainingRun) -> CellDisplay {
        let h = run.history
        var items: [(label: String, value: String)] = [
            ("steps", "\(run.finalStep)"),
            ("parameters", "\(run.model.parameterCount)"),
        ]
        let losses = [("train loss", h.trainLoss.last), ("test loss", h.testLoss.last)].compactMap { name, x in x.map { (name, $0) } }
        items += zip(losses.map(\.0), formatTogether(losses.map(\.1))).map { ($0, $1) }
        if let x = h.trainAccuracy.last { items.append(("train accuracy", ValueFormat.percent(1).format(.number(x)))) }
        if let x = h.testAccuracy.last { items.append(("test accuracy", ValueFormat.percent(1).format(.number(x)))) }
        return .summary(title: "Training run", items: items)
    }
}
