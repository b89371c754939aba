import Learning
import Notebooks

/// `{train}`: trains a network on a task with the training core. Its result is the recorded
/// history as a table (`step`, `train_loss`, `test_loss`, `train_accuracy`, `test_accuracy`,
/// `weight_norm`) plus `parameters` and `final_step`; its artifact is the `TrainingRun` that the
/// analysis directives read. Wall time is left out of the result so reports stay reproducible.
public enum TrainDirective: Directive {
    public static let kind = "train"
    public static let summary = "Train a network on a task and record its history."
    public static let result = "a table of the recorded history — `step`, `train_loss`, `test_loss`, `train_accuracy`, `test_accuracy` (classification tasks), `weight_norm` — plus `parameters` (the parameter count), `final_step` and, with `prune`, `kept_weights` and `prunable_weights`; the trained model is what the analysis directives read (`model: grok`). Wall time is printed while rendering but kept out of the result, so reports stay reproducible. With `sweep:`, a table with one row per run — the swept values (dots become `_`: `model.hidden` → `model_hidden`), `final_train_loss`, `final_test_loss`, `final_train_accuracy`, `final_test_accuracy` (classification tasks), `final_weight_norm` — plus `runs` (each run's history, one per row) and `grouped` (one row per combination of the non-seed keys: those keys, `runs` (how many) and, across seeds, `mean_train_loss`, `std_train_loss`, `mean_test_loss`, `std_test_loss`, `mean_train_accuracy`, `std_train_accuracy`, `mean_test_accuracy`, `std_test_accuracy` (classification tasks), `mean_weight_norm`, `std_weight_norm`). Runs are in the order of the Cartesian product as written, the last key varying fastest; each is cached on its own, so adding a seed trains only the new runs."

    static let taskKeys = [
        OptionKey("kind", .choice(TaskConfig.Kind.allCases.map(\.rawValue)), required: true, "The task."),
        OptionKey("op", .choice(ModularOperation.allCases.map(\.rawValue)), "modular: the operation (default add)."),
        OptionKey("modulus", .integer, "modular: the prime p."),
        OptionKey("train_fraction", .number, "modular, boolean: fraction of all inputs used for training."),
        OptionKey("seed", .integer, "Seed of the data split (default: the run's seed)."),
        OptionKey("label_noise", .number, "Classification: fraction of training labels replaced by random ones."),
        OptionKey("bits", .integer, "parity, staircase: input bits n."),
        OptionKey("degree", .integer, "parity, staircase: the number k of relevant bits."),
        OptionKey("train_size", .integer, "Sampled tasks: training examples."),
        OptionKey("test_size", .integer, "Sampled tasks: test examples."),
        OptionKey("truth_table", .string, "boolean: 2ⁿ characters 0/1 in lexicographic input order."),
        OptionKey("teacher", .choice(TeacherKind.allCases.map(\.rawValue)), "teacher: the teacher network."),
        OptionKey("widths", .list(.integer), "teacher: layer widths [d_in, ..., d_out]."),
        OptionKey("rank", .integer, "teacher: rank of the teacher's product."),
        OptionKey("noise", .number, "Regression: standard deviation of label noise."),
        OptionKey("inputs", .integer, "compositional, generic: input size d."),
    ]
    static let modelKeys = [
        OptionKey("kind", .choice(ModelConfig.Kind.allCases.map(\.rawValue)), required: true, "The architecture."),
        OptionKey("hidden", .integer, "Hidden width."),
        OptionKey("widths", .list(.integer), "Hidden widths, one per hidden layer."),
        OptionKey("depth", .integer, "Number of hidden layers of width `hidden`."),
        OptionKey("activation", .choice(Activation.allCases.map(\.rawValue)), "Nonlinearity."),
        OptionKey("bias", .bool, "Whether layers have biases (mlp; default true)."),
        OptionKey("init", .choice(["default", "normal", "gromov"]), "Initialization scheme."),
        OptionKey("init_scale", .number, "Multiplies the default initialization."),
        OptionKey("init_std", .number, "Standard deviation for init: normal."),
        OptionKey("d_model", .integer, "transformer: residual width."),
        OptionKey("heads", .integer, "transformer: attention heads."),
        OptionKey("d_mlp", .integer, "transformer: MLP width."),
    ]
    static let optimizerKeys = [
        OptionKey("kind", .choice(OptimizerConfig.Kind.allCases.map(\.rawValue)), required: true, "sgd, adam or adamw."),
        OptionKey("lr", .number, "Learning rate (default 1e-3)."),
        OptionKey("momentum", .number, "sgd: momentum."),
        OptionKey("weight_decay", .number, "L2 (sgd, adam) or decoupled (adamw, default 0.01) weight decay."),
        OptionKey("betas", .list(.number), "adam, adamw: (β₁, β₂)."),
        OptionKey("eps", .number, "adam, adamw: ε."),
        OptionKey("warmup_steps", .integer, "Linear learning-rate warm-up: update t ≤ W uses lr·t/W."),
        OptionKey("schedule", .choice(OptimizerConfig.Schedule.allCases.map(\.rawValue)), "Decay after the warm-up, over the remaining D updates, e counting from 0: `constant` (default); `cosine`, min_lr + (lr − min_lr)·½(1 + cos(πe/D)); `linear`, lr + (min_lr − lr)·e/D; `step`, lr·step_factor^⌊e/step_every⌋."),
        OptionKey("min_lr", .number, "cosine, linear: the learning rate approached at the end (default 0)."),
        OptionKey("step_every", .integer, "step: updates between drops (required for `schedule: step`)."),
        OptionKey("step_factor", .number, "step: factor of each drop (default 0.1)."),
    ]

    public static let keys = [
        OptionKey("task", .mapping(taskKeys), required: true, "What to learn."),
        OptionKey("model", .mapping(modelKeys), required: true, "The network."),
        OptionKey("loss", .choice(LossKind.allCases.map(\.rawValue)), "cross_entropy (default for classification tasks) or mse (default for regression: teacher, compositional, generic); cross-entropy on a regression task is refused."),
        OptionKey("optimizer", .mapping(optimizerKeys), "The optimizer (default adamw, lr 1e-3)."),
        OptionKey("steps", .integer, required: true, "Optimizer updates."),
        OptionKey("batch_size", .integer, "Examples per step (default: full batch)."),
        OptionKey("record_every", .integer, "Record the history every this many steps (default 1)."),
        OptionKey("checkpoints", .any, "Steps at which to keep the parameters (for analysis over training): a list of steps, `{every: N}` (0, N, 2N, … and the last step) or `{log_spaced: N}` (N steps evenly spaced in log(1 + step), dense early). Only these steps' parameters are stored."),
        OptionKey("seed", .integer, "Seeds initialization, minibatches and (by default) the task."),
        OptionKey("precision", .choice(["float", "double"]), "Arithmetic of training (default float)."),
        OptionKey("stop_when", .mapping([
            OptionKey("metric", .choice(Metric.allCases.map(\.rawValue)), required: true, "A history column."),
            OptionKey("above", .number, "Stop once the metric is at least this."),
            OptionKey("below", .number, "Stop once the metric is at most this."),
        ]), "Stop early at the first recorded step where the condition holds."),
        OptionKey("freeze", .list(.string), "Layers whose parameters are never updated, by name: a parameter is frozen when its name is the entry or starts with it and a dot (`layer0` is an MLP's first layer, weight and bias; one-hot MLP: `input`, `output`). An MLP with every layer but the last frozen is a random-features model."),
        OptionKey("prune", .mapping(TrainPruning.keys), "Train a magnitude-pruned copy of an earlier run (a lottery ticket): its `keep` fraction of largest final weights survive, restart from its checkpoint at `rewind_to` (or from a random draw, `start: random`) and train with the others held at exactly zero."),
        OptionKey("sweep", .dictionary(.list(.any)), "Train once per combination: option path → values, e.g. {seed: [0, 1, 2], model.hidden: [16, 64]}."),
    ]

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
        guard let entries = options["sweep"]?.entries else { return [] }
        var problems: [Diagnostic] = []
        for entry in entries {
            var declared = keys.filter { $0.name != "sweep" }
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
        for key in options.keys where key != "id" && key != "sweep" && !CommonKeys.presents(key, of: Self.self) {
            resolved[key] = try options.value(key)
        }
        if options.has("sweep") { return try TrainSweep.run(cell, base: resolved, context: context) }
        let (trained, mask) = try trainWithMask(try config(resolved, cell: cell, context: context), resolved: resolved,
                                                cell: cell, context: context)
        var record = result(trained), display = summary(trained)
        if let mask {
            record["kept_weights"] = .number(Double(mask.kept))
            record["prunable_weights"] = .number(Double(mask.prunable))
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
        let start = try resolved["prune"]?.record.map { prune throws(Diagnostic) in try TrainPruning.start(prune, cell: cell, context: context) }
        let total = config.steps
        let progress = context.progress
        do {
            let run = try Learning.train(config, start: start ?? TrainingStart()) { step, _, loss in
                progress(step, total, "\(label)loss \(formatValue(.number(loss)))")
            }
            return (run, start?.mask)
        } catch TrainingError.invalidOption(let key, let message) {
            throw Diagnostic(at: cell.options.location(of: key), "{train} \(key): \(message)")
        } catch TrainingError.incompatibleStart(let message) {
            let prune = cell.options.node["prune"]
            throw Diagnostic(at: prune?["model"]?.location ?? cell.options.location(of: "prune"), "{train} prune: \(message)",
                             note: "a mask and rewound weights fit only the model they came from")
        } catch let error as TrainingError {
            throw Diagnostic(at: cell.cell.location, "{train} failed: \(error.description)")
        } catch let error as TaskError {
            throw Diagnostic(at: cell.options.location(of: "task"), "{train} task: \(error.message)")
        } catch {
            throw Diagnostic(at: cell.cell.location, "{train} failed: \(error)")
        }
    }

    static func result(_ run: TrainingRun) -> Record {
        var record = Record()
        for metric in Metric.allCases where metric != .wallTime {
            let column = run.history[metric]
            if !column.isEmpty { record[metric.rawValue] = .numbers(column) }
        }
        record["parameters"] = .number(Double(run.model.parameterCount))
        record["final_step"] = .number(Double(run.finalStep))
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
