import Analysis
import Learning
import Notebooks

/// `{llc}`: the local learning coefficient λ̂ by SGLD (Lau et al. 2023), either of a `{train}`
/// cell's model (at its final parameters or at each of its checkpoints: the LLC over training) or
/// of a model whose λ is known exactly (`objective:`), for validating the estimator.
///
/// Its result is described by `result` (and in the directive reference of docs/notebooks.md).
public enum LLCDirective: Directive {
    public static let kind = "llc"
    public static let summary = "Estimate the local learning coefficient by SGLD."
    public static let result = "at one point: `llc` (λ̂, the mean over chains), `llc_std`, `per_chain`, `drift` (how far the chains still moved: λ̂ of the second half of the draws minus λ̂ of the first half; near 0 when they have equilibrated, and the report adds a note when it exceeds half of λ̂), `acceptance` (MALA), `n_beta`, `initial_loss`, `parameters` (d, the number of parameters sampled: with `parameters:` only those), `half_parameters` (d/2, a regular model's value), `true_lambda` (known objectives), `validated` (whether its ε, nβ and γ are a setting notebook 03 validates on models with known λ), and the chains' mean loss trace `draw`/`trace`. Over checkpoints: a table of `step`, `llc`, `llc_std`, `drift`, `acceptance`, `weight_norm` (‖w‖ of the checkpoint), `train_loss` and `test_loss` (the run's recorded losses at that step; NaN where none was recorded), plus `parameters` and `validated`."

    static let objectiveKinds = ["quadratic", "polynomial", "reduced_rank", "deep_linear"]
    public static let keys = [
        OptionKey("model", .cellReference, "A {train} cell whose trained model is measured."),
        OptionKey("checkpoints", .any, "With `model`: `all` or a list of steps — estimate at each checkpoint of the run."),
        OptionKey("objective", .mapping([
            OptionKey("kind", .choice(objectiveKinds), required: true, "A model with a known learning coefficient."),
            OptionKey("dimension", .integer, "quadratic: d."),
            OptionKey("curvature", .number, "quadratic: a in L − L* = ½·a·‖w − w*‖² (default 1)."),
            OptionKey("powers", .list(.integer), "polynomial: the p_i of y = x·Π w_i^{p_i} (devinterp)."),
            OptionKey("inputs", .integer, "reduced_rank: M."),
            OptionKey("hidden", .integer, "reduced_rank: H."),
            OptionKey("outputs", .integer, "reduced_rank: N."),
            OptionKey("widths", .list(.integer), "deep_linear: H_0, ..., H_L."),
            OptionKey("rank", .integer, "reduced_rank, deep_linear: rank r of the true map (default 0)."),
            OptionKey("samples", .integer, "n, the number of data points (default 1000)."),
            OptionKey("train_steps", .integer, "reduced_rank, deep_linear: Adam steps (lr 0.01) that find w* (default 5000)."),
            OptionKey("seed", .integer, "Seed of the data and of the initialization."),
        ]), "A model with known λ instead of `model`."),
        OptionKey("n_beta", .number, "Inverse temperature times n (default n / ln n)."),
        OptionKey("gamma", .number, "Localization strength γ (default 1)."),
        OptionKey("epsilon", .number, "SGLD step size ε (default 1e-4)."),
    ] + chainKeys

    /// The keys of the chains themselves, shared with `{llc_calibration}`, and their reading.
    static let chainKeys = [
        OptionKey("chains", .integer, "Independent chains (default 4)."),
        OptionKey("draws", .integer, "Recorded draws per chain (default 200)."),
        OptionKey("burn_in", .integer, "Steps before recording (default 0)."),
        OptionKey("batch_size", .integer, "Minibatch size (default: full batch)."),
        OptionKey("seed", .integer, "Seed of the chains (each chain draws from its own stream of this seed)."),
        OptionKey("parameters", .list(.string), "With `model`: the weight-refined LLC (Wang et al. 2024) — SGLD moves only these parameters and holds the rest at w*. Names: a parameter (`output`, `input.0`, `layer1.weight`), a layer (`layer1`, `attn`, `mlp`), or a transformer head (`head.0`: its slices of Q, K, V and O)."),
        OptionKey("precision", .choice(["float", "double"]), "With `model`: arithmetic of the chains (default double; docs/performance.md compares their speed)."),
    ]

    /// The sampler settings of `chainKeys` (ε, nβ and γ at their defaults).
    static func chainConfig(_ options: Options) throws(Diagnostic) -> LLCConfig {
        LLCConfig(chains: try options.int("chains", default: 4, in: 1...), draws: try options.int("draws", default: 200, in: 1...),
                  burnIn: try options.int("burn_in", default: 0, in: 0...), batchSize: try options.int("batch_size"), seed: try options.seed())
    }

    public static func validate(_ options: OptionNode) -> [Diagnostic] {
        if (options["model"] == nil) == (options["objective"] == nil) {
            return [Diagnostic(at: options.location, "{llc} needs exactly one of 'model' (a {train} cell) and 'objective' (a model with known λ)")]
        }
        // The known-λ objectives have no named parameters and run in Double.
        return ["parameters", "precision"].compactMap { key in
            guard options["objective"] != nil, let node = options[key] else { return nil }
            return Diagnostic(at: node.location, "'\(key)' applies to a trained 'model', not to an 'objective'")
        }
    }

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        var config = try chainConfig(options)
        config.nBeta = try options.number("n_beta")
        config.gamma = try options.number("gamma", default: 1)
        config.epsilon = try options.number("epsilon", default: 1e-4)
        if let objective = try options.sub("objective") {
            let (target, wStar, truth) = try known(objective)
            try checkBatch(config, samples: target.sampleCount, options)
            let estimate = try converged(estimateLLC(objective: target, at: wStar, config: config), config, options)
            var record = result(estimate, dimension: target.dimension)
            record["true_lambda"] = .number(truth)
            return CellOutput(value: .record(record), display: [summary(estimate, dimension: target.dimension, truth: truth)] + unsettledNote(estimate))
        }
        let (id, run) = try context.trainingRun(options)
        let objective = TrainedModelObjective(run.model)
        config.parameterRanges = try refinedRanges(options, run.model)
        // d of the result: the coordinates that move (all of them unless `parameters:` restricts).
        let moving = config.parameterRanges?.reduce(0) { $0 + $1.count } ?? objective.dimension
        let float = try options.choice("precision", ["float", "double"], default: "double") == "float"
        func estimate(at w: [Double]) -> LLCEstimate {
            float ? estimateLLC(objective: TrainedModelObjective(run.model, precision: Float.self), at: w, config: config)
                  : estimateLLC(objective: objective, at: w, config: config)
        }
        guard options.has("checkpoints") else {
            try checkBatch(config, samples: objective.sampleCount, options)
            let estimate = try converged(estimate(at: run.model.flatParameters()), config, options)
            var record = result(estimate, dimension: moving)
            record["validated"] = .bool(validated(config, nBeta: estimate.nBeta))
            return CellOutput(value: .record(record),
                              display: [summary(estimate, dimension: moving, truth: nil)] + unsettledNote(estimate))
        }
        let wanted = try run.checkpointSteps(options, id: id)
        let names = ["step", "llc", "llc_std", "drift", "acceptance", "weight_norm", "train_loss", "test_loss"]
        var columns = Dictionary(uniqueKeysWithValues: names.map { ($0, [Double]()) })
        var unsettled: [Int] = []
        for (i, step) in wanted.enumerated() {
            context.progress(i, wanted.count, "checkpoint \(step)")
            let w = try run.parameters(atStep: step, id: id, at: options.location(of: "checkpoints"))
            try checkBatch(config, samples: objective.sampleCount, options)
            let estimate = try converged(estimate(at: w), config, options, step: step)
            columns["step"]!.append(Double(step))
            columns["llc"]!.append(estimate.mean)
            columns["llc_std"]!.append(estimate.std)
            columns["drift"]!.append(estimate.drift)
            if isUnsettled(estimate) { unsettled.append(step) }
            columns["acceptance"]!.append(estimate.acceptanceMean)
            columns["weight_norm"]!.append(w.reduce(0) { $0 + $1 * $1 }.squareRoot())
            let row = run.history.step.firstIndex(of: Double(step))
            columns["train_loss"]!.append(row.flatMap { run.history.trainLoss.indices.contains($0) ? run.history.trainLoss[$0] : nil } ?? .nan)
            columns["test_loss"]!.append(row.flatMap { run.history.testLoss.indices.contains($0) ? run.history.testLoss[$0] : nil } ?? .nan)
        }
        var table = Record(names.map { ($0, Value.numbers(columns[$0]!)) })
        table["parameters"] = .number(Double(moving))
        table["validated"] = .bool(validated(config, nBeta: config.resolvedNBeta(sampleCount: objective.sampleCount)))
        return CellOutput(value: .record(table), display: [.summary(title: "LLC over training", items: [
            ("checkpoints", "\(wanted.count)"),
            ("λ̂ range", "\(formatValue(.number(columns["llc"]!.min() ?? .nan))) … \(formatValue(.number(columns["llc"]!.max() ?? .nan)))"),
            ("d/2", formatValue(.number(Double(moving) / 2))),
        ])] + (unsettled.isEmpty ? [] : [unsettledNote(steps: unsettled)]))
    }

    /// The flat-parameter ranges of `parameters:` (nil without it), or the located error of the
    /// first name the model does not have.
    static func refinedRanges(_ options: Options, _ model: TrainedModel) throws(Diagnostic) -> [Range<Int>]? {
        guard let names = try options.strings("parameters") else { return nil }
        let items: [OptionNode] = if case .list(let nodes, _)? = options.node["parameters"] { nodes } else { [] }
        var ranges: [Range<Int>] = []
        for (i, name) in names.enumerated() {
            guard let r = model.parameterRanges(named: name) else {
                let known = model.parameterBlockNames
                throw Diagnostic(at: i < items.count ? items[i].location : options.location(of: "parameters"),
                                 "the model has no parameters named '\(name)'",
                                 note: closestMatch(to: name, in: known).map { "did you mean '\($0)'?" }
                                     ?? "its names: \(known.joined(separator: ", "))")
            }
            ranges += r
        }
        guard !names.isEmpty else { throw Diagnostic(at: options.location(of: "parameters"), "'parameters' must name at least one parameter") }
        return mergedRanges(ranges)
    }

    /// The estimate, or the located error of its first diverged chain (chain and draw numbered
    /// from 1, as a reader counts).
    static func converged(_ e: LLCEstimate, _ config: LLCConfig, _ options: Options, step: Int? = nil) throws(Diagnostic) -> LLCEstimate {
        guard let d = e.divergence else { return e }
        let when = d.step <= config.burnIn ? "burn-in step \(d.step)" : "draw \(d.step - config.burnIn)"
        let at = step.map { " (checkpoint at step \($0))" } ?? ""
        throw Diagnostic(at: options.location(of: options.has("epsilon") ? "epsilon" : "chains"),
                         "SGLD diverged\(at): chain \(d.chain + 1) at \(when) reached loss \(formatValue(.number(d.loss))), nβ·(L − L(w*)) beyond \(formatValue(.number(sgldDivergenceFactor))) × d/2",
                         note: "reduce epsilon (now \(formatValue(.number(config.epsilon)))) or raise gamma (now \(formatValue(.number(config.gamma))))")
    }

    static func checkBatch(_ config: LLCConfig, samples: Int, _ options: Options) throws(Diagnostic) {
        if let b = config.batchSize, !(1...max(1, samples)).contains(b) {
            throw Diagnostic(at: options.location(of: "batch_size"), "'batch_size' must be from 1 to the \(samples) data points, found \(b)")
        }
    }

    /// Whether the setting is one notebook 03 validates (`LLCValidatedSettings`).
    static func validated(_ config: LLCConfig, nBeta: Double) -> Bool {
        LLCValidatedSettings.contains(LLCCalibration.Setting(epsilon: config.epsilon, nBeta: nBeta, gamma: config.gamma))
    }

    /// A drift above this fraction of |λ̂| gets a note in the report.
    static let driftWarningFraction = 0.5

    /// Whether the chains had not settled: |drift| > `driftWarningFraction`·|λ̂|.
    static func isUnsettled(_ e: LLCEstimate) -> Bool {
        e.mean.isFinite && e.drift.isFinite && abs(e.drift) > driftWarningFraction * abs(e.mean)
    }

    /// The note for an estimate at one point, when its chains had not settled.
    static func unsettledNote(_ e: LLCEstimate) -> [CellDisplay] { isUnsettled(e) ? [unsettledNote(steps: nil)] : [] }

    /// What the report says when chains had not settled (at these checkpoints, over training).
    static func unsettledNote(steps: [Int]?) -> CellDisplay {
        let place = steps.map { " at step\($0.count == 1 ? "" : "s") \($0.map(String.init).joined(separator: ", "))" } ?? ""
        return .note("The chains had not settled\(place): the estimate from the second half of the draws differs from "
            + "the first half's by more than half of λ̂. Raise `burn_in` or `draws` (chains still climbing from w*), "
            + "or lower `epsilon` or raise `gamma` (chains wandering off).")
    }

    /// A model with known λ, its point w*, and λ.
    static func known(_ o: Options) throws(Diagnostic) -> (any Objective, [Double], Double) {
        let n = try o.int("samples", default: 1000, in: 2...)
        let seed = try o.seed()
        switch try o.choice("kind", objectiveKinds) {
        case "quadratic":
            let d = try o.int("dimension", default: 10, in: 1...)
            let q = QuadraticObjective(dimension: d, sampleCount: n, curvature: try o.number("curvature", default: 1))
            return (q, q.center, Double(d) / 2)
        case "polynomial":
            guard let powers = try o.ints("powers"), powers.contains(where: { $0 > 0 }), powers.allSatisfy({ (0...1_000).contains($0) }) else {
                throw Diagnostic(at: o.location, "polynomial needs 'powers' from 0 to 1000, at least one of them positive")
            }
            let truth = powers.filter { $0 > 0 }.map { 1 / (2 * Double($0)) }.min()!
            return (PolynomialObjective(powers: powers, sampleCount: n, seed: seed), [Double](repeating: 0, count: powers.count), truth)
        case "reduced_rank":
            let objective = ReducedRankRegressionObjective(
                M: try o.int("inputs", default: 5, in: 1...), H: try o.int("hidden", default: 3, in: 1...), N: try o.int("outputs", default: 5, in: 1...),
                rank: try o.int("rank", default: 0, in: 0...), sampleCount: n, seed: seed)
            let trained = AdamTrainer(learningRate: 0.01, steps: try o.int("train_steps", default: 5000, in: 0...))
                .minimize(objective, from: objective.initialParameters(seed: seed &+ 1))
            return (objective, trained.parameters, objective.trueLambda)
        default:
            guard let widths = try o.ints("widths"), widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
                throw Diagnostic(at: o.location, "deep_linear needs 'widths' with at least two sizes, each at least 1")
            }
            let objective = DeepLinearObjective(widths: widths, rank: try o.int("rank", default: 0, in: 0...), sampleCount: n, seed: seed)
            let trained = AdamTrainer(learningRate: 0.01, steps: try o.int("train_steps", default: 5000, in: 0...))
                .minimize(objective, from: objective.initialParameters(seed: seed &+ 1))
            return (objective, trained.parameters, objective.trueLambda)
        }
    }

    static func result(_ e: LLCEstimate, dimension: Int) -> Record {
        let draws = e.lossTraces.first?.count ?? 0
        let trace = (0..<draws).map { i in e.lossTraces.map { $0[i] }.reduce(0, +) / Double(e.lossTraces.count) }
        return Record([
            ("llc", .number(e.mean)), ("llc_std", .number(e.std)), ("per_chain", .numbers(e.perChain)), ("drift", .number(e.drift)),
            ("acceptance", .number(e.acceptanceMean)), ("n_beta", .number(e.nBeta)), ("initial_loss", .number(e.initialLoss)),
            ("parameters", .number(Double(dimension))), ("half_parameters", .number(Double(dimension) / 2)),
            ("draw", .numbers((0..<draws).map(Double.init))), ("trace", .numbers(trace)),
        ])
    }

    static func summary(_ e: LLCEstimate, dimension: Int, truth: Double?) -> CellDisplay {
        var items: [(label: String, value: String)] = [
            ("λ̂", formatTogether([e.mean, e.std]).joined(separator: " ± ")),
            ("chains", "\(e.perChain.count)"),
            ("drift (2nd − 1st half)", formatValue(.number(e.drift))),
            ("MALA acceptance", ValueFormat.percent(0).format(.number(e.acceptanceMean))),
            ("d/2", formatValue(.number(Double(dimension) / 2))),
        ]
        if let truth { items.append(("true λ", formatValue(.number(truth)))) }
        return .summary(title: "Local learning coefficient", items: items)
    }
}
