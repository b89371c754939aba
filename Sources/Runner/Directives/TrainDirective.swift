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
        static let runs = ResultField("runs", "each run's history, one per row")
        static let grouped = ResultField("grouped")
    }
    /// A metric's field, noting the accuracies' tasks.
    static func field(_ name: String, _ metric: Metric) -> ResultField {
        ResultField(name, [.trainAccuracy, .testAccuracy].contains(metric) ? "classification tasks" : nil)
    }
    /// `describe(fields)` without its final period, to continue a sentence.
    static func listed(_ fields: [ResultField]) -> String { String(ResultField.describe(fields).dropLast()) }
    static let finalFields: [ResultField] = TrainSweep.finals.map { field($0.name, $0.metric) }
    static let groupedFields: [ResultField] = TrainSweep.finals.flatMap { final -> [ResultField] in
        let metric = String(final.name.dropFirst("final_".count))
        return [field("mean_" + metric, final.metric), field("std_" + metric, final.metric)]
    }
    static let sweepResult: String = [
        "With `sweep:`, a table with one row per run — the swept values (dots become `_`: `model.hidden` → `model_hidden`), ",
        listed(finalFields), " — plus ", listed([Field.runs]),
        " and `grouped` (one row per combination of the non-seed keys: those keys, `runs` (how many) and, across seeds, ",
        listed(groupedFields),
        "). Runs are in the order of the Cartesian product as written, the last key varying fastest; each is cached on its own, so adding a seed trains only the new runs.",
    ].joined()
    public static let result: String = [
        "a table of the recorded history — ", listed(recorded.map { field($0.rawValue, $0) }),
        " — plus ", listed([Field.parameters, Field.finalStep]), " and, with `prune`, ", listed([Field.keptWeights, Field.prunableWeights]),
        "; the trained model is what the analysis directives read (`model: grok`). Wall time is printed while rendering but kept out of the result, so reports stay reproducible. ",
        sweepResult,
    ].joined()

    public static let traits: Set<DirectiveTrait> = [.producesArtifact]

    /// Train once per combination of values (`TrainSweep`).
    static let sweep = DirectiveOption<Value>("sweep", "Train once per combination: option path → values, e.g. {seed: [0, 1, 2], model.hidden: [16, 64]}.",
                                     type: .dictionary(.list(.any)))
    /// Learning's keys (`TrainingConfig.keys`), then the runner's: `prune` (it names an earlier
    /// cell) and `sweep`.
    public static let keys = TrainingConfig.keys.map(OptionKey.init) + [TrainPruning.option, sweep.key]

    /// `checkpoints` is a list or a mapping with one of `CheckpointSchedule.allowedKeys`;
    /// `schedule: step` has a `step_every`; `prune`'s literal values fit (`TrainPruning.validate`);
    /// a literal `loss` fits a literal `task.kind`; every `sweep` path names an option.
    public static func validate(_ options: OptionNode) -> [Diagnostic] {
        var problems = validateSchedule(options) + TrainPruning.validate(options) + validateCheckpoints(options)
            + validateSweepPaths(options)
        if case .scalar(let kindText, _, _)? = options["task"]?["kind"], let kind = TaskConfig.Kind(rawValue: kindText),
           case .scalar(let lossText, _, let at)? = options["loss"], let loss = LossKind(rawValue: lossText),
           let problem = lossMismatch(loss, kind) {
            problems.insert(Diagnostic(at: at, problem.message, note: problem.note), at: 0)
        }
        return problems
    }

    /// Each key of `sweep:` is a dotted path to an option (`optimizer.weight_decay`), whose
    /// mapping the cell must have when that mapping has required keys (`optimizer` needs `kind`).
    static func validateSweepPaths(_ options: OptionNode) -> [Diagnostic] {
        guard let entries = options[sweep.name]?.entries else { return [] }
        var problems: [Diagnostic] = []
        for entry in entries {
            var declared = keys.filter { $0.name != sweep.name }
            var node: OptionNode? = options
            var walked: [String] = []
            for part in entry.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
                guard let key = declared.first(where: { $0.name == part }) else {
                    let prefix = walked.isEmpty ? "" : walked.joined(separator: ".") + "."
                    let note = closestMatch(to: part, in: declared.map(\.name)).map { "did you mean '\(prefix)\($0)'?" }
                        ?? "options here: " + declared.map { prefix + $0.name }.joined(separator: ", ")
                    problems.append(Diagnostic(at: entry.keyLocation, "{train} has no option '\(prefix)\(part)' to sweep", note: note))
                    break
                }
                walked.append(part)
                node = node?[part]
                guard case .mapping(let sub) = key.type else { continue }
                if node == nil, let required = sub.first(where: \.required) {
                    problems.append(Diagnostic(
                        at: entry.keyLocation, "sweeping '\(entry.key)' needs the mapping '\(walked.joined(separator: "."))' in the cell",
                        note: "give it with its '\(required.name)', e.g. \(walked.joined(separator: ".")): {\(required.name): ...}"))
                    break
                }
                declared = sub
            }
        }
        return problems
    }

    /// Why `loss` cannot train a `kind` task, or nil when it can.
    static func lossMismatch(_ loss: LossKind, _ kind: TaskConfig.Kind) -> (message: String, note: String)? {
        guard loss == .crossEntropy, kind.isRegression else { return nil }
        return ("cross_entropy needs classes, but a '\(kind.rawValue)' task has real-valued targets",
                "use 'loss: mse', the default for regression tasks (or leave 'loss' out)")
    }

    static func validateCheckpoints(_ options: OptionNode) -> [Diagnostic] {
        guard let node = options["checkpoints"], let entries = node.entries else { return [] }
        let allowed = CheckpointSchedule.allowedKeys
        guard entries.count != 1 || !allowed.contains(entries[0].key) else { return [] }
        return [Diagnostic(at: node.location, "checkpoints: expected a list of steps or a mapping with one key, "
                           + allowed.map { "'\($0)'" }.joined(separator: " or "),
                           note: entries.first.flatMap { closestMatch(to: $0.key, in: allowed) }.map { "did you mean '\($0)'?" })]
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
        for key in options.keys where key != OptionKey.id.name && key != sweep.name && !CommonKeys.presents(key, of: Self.self) {
            resolved[key] = try options.value(key)
        }
        if options.has(sweep.name) { return try TrainSweep.run(cell, base: resolved, context: context) }
        let (trained, mask) = try trainWithMask(try config(resolved, cell: cell, context: context), resolved: resolved,
                                                cell: cell, context: context)
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

    /// The configuration of one run, from resolved options.
    static func config(_ resolved: Record, cell: CellInput, context: RunContext) throws(Diagnostic) -> TrainingConfig {
        var config = try ValueDecoding.decode(TrainingConfig.self, from: .record(resolved), options: cell.options.node)
        config.threads = context.threads
        if let problem = lossMismatch(config.loss, config.task.kind) {
            throw Diagnostic(at: cell.options.location(of: cell.options.has("loss") ? "loss" : "task"), problem.message, note: problem.note)
        }
        return config
    }

    /// Trains one configuration, reporting progress; `resolved` are the options it came from
    /// (their `prune` starts it from an earlier cell's mask and weights).
    static func train(_ config: TrainingConfig, resolved: Record, cell: CellInput, context: RunContext,
                      label: String = "") throws(Diagnostic) -> TrainingRun {
        try trainWithMask(config, resolved: resolved, cell: cell, context: context, label: label).run
    }

    /// `train`, also returning the mask when the options `prune` (`TrainPruning`).
    static func trainWithMask(_ config: TrainingConfig, resolved: Record, cell: CellInput, context: RunContext,
                              label: String = "") throws(Diagnostic) -> (run: TrainingRun, mask: PruningMask?) {
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
