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
    enum Field {
        static let llc = ResultField("llc", "λ̂, the mean over chains"), std = ResultField("llc_std"), perChain = ResultField("per_chain")
        static let drift = ResultField("drift", "how far the chains still moved: λ̂ of the second half of the draws minus λ̂ of the first half; near 0 when they have equilibrated, and the report adds a note when it exceeds half of λ̂")
        static let acceptance = ResultField("acceptance", "MALA"), nBeta = ResultField("n_beta"), initialLoss = ResultField("initial_loss")
        static let parameters = ResultField("parameters", "d, the number of parameters sampled: with `parameters:` only those")
        static let halfParameters = ResultField("half_parameters", "d/2, a regular model's value")
        static let trueLambda = ResultField("true_lambda", "known objectives")
        static let validated = ResultField("validated", "whether its ε, nβ and γ are a setting notebook 03 validates on models with known λ")
        static let draw = ResultField("draw", "draw index"), trace = ResultField("trace", "the chains' mean loss at each draw")
        static let step = ResultField("step"), weightNorm = ResultField("weight_norm", "‖w‖ of the checkpoint")
        static let trainLoss = ResultField("train_loss", "the run's recorded loss at that step; NaN where none was recorded")
        static let testLoss = ResultField("test_loss", "likewise")
        static let atOnePoint = [llc, std, perChain, drift, acceptance, nBeta, initialLoss, parameters, halfParameters, trueLambda, validated, draw, trace]
        static let overTraining = [step, llc, std, drift, acceptance, weightNorm, trainLoss, testLoss]
    }
    public static let result = "at one point: " + ResultField.describe(Field.atOnePoint)
        + " Over checkpoints: a table of " + ResultField.describe(Field.overTraining).dropLast() + ", plus `parameters` and `validated`."

    public static let traits: Set<DirectiveTrait> = [.analysesModel]

    /// The estimator's defaults are the core's (`LLCConfig()`).
    private static let core = LLCConfig()
    static let model = DirectiveOption<String>(TrainedModelOption.modelKey, "A {train} cell whose trained model is measured.", type: .cellReference)
    static let checkpoints = DirectiveOption<Value>("checkpoints", "With `model`: `all` or a list of steps — estimate at each checkpoint of the run.")
    static let nBeta = DirectiveOption<Double>("n_beta", "Inverse temperature times n.", defaultText: "n / ln n")
    static let gamma = DirectiveOption<Double>("gamma", "Localization strength γ.", default: core.gamma)
    static let epsilon = DirectiveOption<Double>("epsilon", "SGLD step size ε.", default: core.epsilon)
    static let chains = DirectiveOption<Int>("chains", "Independent chains.", default: core.chains, atLeast: 1)
    static let draws = DirectiveOption<Int>("draws", "Recorded draws per chain.", default: core.draws, atLeast: 1)
    static let burnIn = DirectiveOption<Int>("burn_in", "Steps before recording.", default: core.burnIn, atLeast: 0)
    static let batchSize = DirectiveOption<Int>("batch_size", "Minibatch size.", defaultText: "full batch")
    static let seed = DirectiveOption<Int>.seed("Seed of the chains (each chain draws from its own stream of this seed).")
    /// The keys of the chains themselves, shared with `{llc_calibration}`, and their reading.
    static let chainKeys = OptionKey.of(chains, draws, burnIn, batchSize, seed)

    /// A model whose learning coefficient is known (`objective:`).
    enum Known {
        enum Kind: String, OptionChoice { case quadratic, polynomial, reducedRank = "reduced_rank", deepLinear = "deep_linear" }
        static let kind = DirectiveOption<Kind>("kind", "A model with a known learning coefficient.", required: true)
        static let dimension = DirectiveOption<Int>("dimension", "quadratic: d.", default: 10, atLeast: 1)
        static let curvature = DirectiveOption<Double>("curvature", "quadratic: a in L − L* = ½·a·‖w − w*‖².", default: 1)
        static let powers = DirectiveOption<[Int]>("powers", "polynomial: the p_i of y = x·Π w_i^{p_i} (devinterp).")
        static let inputs = DirectiveOption<Int>("inputs", "reduced_rank: M.", default: 5, atLeast: 1)
        static let hidden = DirectiveOption<Int>("hidden", "reduced_rank: H.", default: 3, atLeast: 1)
        static let outputs = DirectiveOption<Int>("outputs", "reduced_rank: N.", default: 5, atLeast: 1)
        static let widths = DirectiveOption<[Int]>("widths", "deep_linear: H_0, ..., H_L.")
        static let rank = DirectiveOption<Int>("rank", "reduced_rank, deep_linear: rank r of the true map.", default: 0, atLeast: 0)
        static let samples = DirectiveOption<Int>("samples", "n, the number of data points.", default: 1000, atLeast: 2)
        static let trainSteps = DirectiveOption<Int>("train_steps", "reduced_rank, deep_linear: full-batch Adam steps (lr \(KnownLambdaModel.learningRate)) that find w*.",
                                                     default: KnownLambdaModel.defaultTrainSteps, atLeast: 0)
        static let initScale = DirectiveOption<Double>("init_scale", "reduced_rank, deep_linear: the initialization training starts from, relative to PyTorch's default; √3 gives weights of variance 1/fan_in. λ̂ depends on where training leaves w* (notebook 03).",
                                                       default: KnownLambdaModel.defaultInitScale, defaultText: "√3")
        static let seed = DirectiveOption<Int>.seed("Seed of the data and of the initialization.")
        static let keys = OptionKey.of(kind, dimension, curvature, powers, inputs, hidden, outputs, widths, rank, samples, trainSteps, initScale, seed)
    }
    static let objective = OptionKey("objective", .mapping(Known.keys), "A model with known λ instead of `model`.")

    /// The weight-refined LLC and the chains' arithmetic, for a trained `model`.
    static let parameters = DirectiveOption<Value>("parameters", "With `model`: the weight-refined LLC (Wang et al. 2024) — SGLD moves only these parameters and holds the rest at w*. Names: a parameter (`output`, `input.0`, `layer1.weight`), a layer (`layer1`, `attn`, `mlp`), or a transformer head (`head.0`: its slices of Q, K, V and O).",
                                                   type: .list(.string), defaultText: "every parameter")
    enum Precision: String, OptionChoice { case float, double }
    static let precision = DirectiveOption<Precision>("precision", "With `model`: arithmetic of the chains (docs/performance.md compares their speed).",
                                                      default: .double)

    public static let keys = OptionKey.of(model, checkpoints, objective, nBeta, gamma, epsilon) + chainKeys + OptionKey.of(parameters, precision)

    /// The sampler settings of `chainKeys` (ε, nβ and γ at their defaults).
    static func chainConfig(_ options: Options) throws(Diagnostic) -> LLCConfig {
        LLCConfig(chains: try options.read(chains), draws: try options.read(draws), burnIn: try options.read(burnIn),
                  batchSize: try options.optional(batchSize), seed: try options.seed(seed))
    }

    public static func validate(_ options: OptionNode) -> [Diagnostic] {
        if (options[model.name] == nil) == (options[objective.name] == nil) {
            return [Diagnostic(at: options.location, "{llc} needs exactly one of 'model' (a {train} cell) and 'objective' (a model with known λ)")]
        }
        // The known-λ objectives have no named parameters and run in Double.
        return [parameters.name, precision.name].compactMap { key in
            guard options[objective.name] != nil, let node = options[key] else { return nil }
            return Diagnostic(at: node.location, "'\(key)' applies to a trained 'model', not to an 'objective'")
        }
    }

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        var config = try chainConfig(options)
        config.nBeta = try options.optional(nBeta)
        config.gamma = try options.read(gamma)
        config.epsilon = try options.read(epsilon)
        if let objective = try options.sub(Self.objective.name) {
            let (target, truth) = try known(objective)
            let wStar = target.model.flatParameters()
            try checkBatch(config, samples: target.sampleCount, options)
            let estimate = try converged(estimateLLC(objective: target, at: wStar, config: config), config, options)
            var record = result(estimate, dimension: target.dimension)
            record[Field.trueLambda.name] = .number(truth)
            return CellOutput(value: .record(record), display: [summary(estimate, dimension: target.dimension, truth: truth)] + unsettledNote(estimate))
        }
        let (id, run) = try context.trainingRun(options)
        let objective = TrainedModelObjective(run.model)
        config.parameterRanges = try refinedRanges(options, run.model)
        // d of the result: the coordinates that move (all of them unless `parameters:` restricts).
        let moving = config.parameterRanges?.reduce(0) { $0 + $1.count } ?? objective.dimension
        let sample = sampler(run.model, try options.read(precision))
        func estimate(at w: [Double]) -> LLCEstimate { sample(w, config) }
        guard options.has(checkpoints.name) else {
            try checkBatch(config, samples: objective.sampleCount, options)
            let estimate = try converged(estimate(at: run.model.flatParameters()), config, options)
            var record = result(estimate, dimension: moving)
            record[Field.validated.name] = .bool(validated(config, nBeta: estimate.nBeta))
            return CellOutput(value: .record(record),
                              display: [summary(estimate, dimension: moving, truth: nil)] + unsettledNote(estimate))
        }
        let wanted = try run.checkpointSteps(options, id: id)
        var columns = Dictionary(uniqueKeysWithValues: Field.overTraining.map { ($0.name, [Double]()) })
        var unsettled: [Int] = []
        for (i, step) in wanted.enumerated() {
            context.progress(i, wanted.count, "checkpoint \(step)")
            let w = try run.parameters(atStep: step, id: id, at: options.location(of: "checkpoints"))
            try checkBatch(config, samples: objective.sampleCount, options)
            let estimate = try converged(estimate(at: w), config, options, step: step)
            columns[Field.step.name]!.append(Double(step))
            columns[Field.llc.name]!.append(estimate.mean)
            columns[Field.std.name]!.append(estimate.std)
            columns[Field.drift.name]!.append(estimate.drift)
            if isUnsettled(estimate) { unsettled.append(step) }
            columns[Field.acceptance.name]!.append(estimate.acceptanceMean)
            columns[Field.weightNorm.name]!.append(w.reduce(0) { $0 + $1 * $1 }.squareRoot())
            let row = run.history.step.firstIndex(of: Double(step))
            columns[Field.trainLoss.name]!.append(row.flatMap { run.history.trainLoss.indices.contains($0) ? run.history.trainLoss[$0] : nil } ?? .nan)
            columns[Field.testLoss.name]!.append(row.flatMap { run.history.testLoss.indices.contains($0) ? run.history.testLoss[$0] : nil } ?? .nan)
        }
        var table = Record(Field.overTraining.map { ($0, Value.numbers(columns[$0.name]!)) })
        table[Field.parameters.name] = .number(Double(moving))
        table[Field.validated.name] = .bool(validated(config, nBeta: config.resolvedNBeta(sampleCount: objective.sampleCount)))
        return CellOutput(value: .record(table), display: [.summary(title: "LLC over training", items: [
            ("checkpoints", "\(wanted.count)"),
            ("λ̂ range", "\(formatValue(.number(columns[Field.llc.name]!.min() ?? .nan))) … \(formatValue(.number(columns[Field.llc.name]!.max() ?? .nan)))"),
            ("d/2", formatValue(.number(Double(moving) / 2))),
        ])] + (unsettled.isEmpty ? [] : [unsettledNote(steps: unsettled)]))
    }

    /// SGLD on `model`'s training loss in the arithmetic `precision` names: the estimate at w* for
    /// a configuration (`{llc}` and `{llc_calibration}` both sample through it).
    static func sampler(_ model: TrainedModel, _ precision: Precision) -> ([Double], LLCConfig) -> LLCEstimate {
        switch precision {
        case .float:
            let objective = TrainedModelObjective(model, precision: Float.self)
            return { estimateLLC(objective: objective, at: $0, config: $1) }
        case .double:
            let objective = TrainedModelObjective(model)
            return { estimateLLC(objective: objective, at: $0, config: $1) }
        }
    }

    /// The flat-parameter ranges of `parameters:` (nil without it), or the located error of the
    /// first name the model does not have.
    static func refinedRanges(_ options: Options, _ model: TrainedModel) throws(Diagnostic) -> [Range<Int>]? {
        guard let names = try options.strings(parameters.name) else { return nil }
        let items: [OptionNode] = if case .list(let nodes, _)? = options.node[parameters.name] { nodes } else { [] }
        var ranges: [Range<Int>] = []
        for (i, name) in names.enumerated() {
            guard let r = model.parameterRanges(named: name) else {
                let known = model.parameterBlockNames
                throw Diagnostic(at: i < items.count ? items[i].location : options.location(of: parameters.name),
                                 "the model has no parameters named '\(name)'",
                                 note: closestMatch(to: name, in: known).map { "did you mean '\($0)'?" }
                                     ?? "its names: \(known.joined(separator: ", "))")
            }
            ranges += r
        }
        guard !names.isEmpty else { throw Diagnostic(at: options.location(of: parameters.name), "'parameters' must name at least one parameter") }
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

    /// A model with known λ, trained by the training core (its parameters are w*; `KnownLambdaModel`
    /// says how each is built), as an objective on its tape, and its λ.
    static func known(_ o: Options) throws(Diagnostic) -> (TrainedModelObjective<Double>, Double) {
        let model: KnownLambdaModel
        switch try o.read(Known.kind) {
        case .quadratic:
            let a = try o.read(Known.curvature)
            guard a > 0, a.isFinite else { throw Diagnostic(at: o.location(of: Known.curvature.name), "'curvature' must be positive, found \(formatValue(.number(a)))") }
            let d = try o.read(Known.dimension), n = try o.read(Known.samples)
            guard n >= d else {
                throw Diagnostic(at: o.location(of: Known.samples.name), "quadratic needs 'samples' at least 'dimension' (\(d)), found \(n)",
                                 note: "its inputs are whitened to second moment (a/2)·I, which takes as many examples as dimensions")
            }
            model = .quadratic(dimension: d, curvature: a)
        case .polynomial:
            guard let powers = try o.optional(Known.powers), Monomial.accepts(powers) else {
                throw Diagnostic(at: o.location(of: Known.powers.name), "polynomial needs 'powers' \(Monomial.powersRule)")
            }
            model = .polynomial(powers: powers)
        case .reducedRank:
            let m = try o.read(Known.inputs), h = try o.read(Known.hidden), n = try o.read(Known.outputs), r = try o.read(Known.rank)
            guard r <= min(m, h, n) else { throw Diagnostic(at: o.location(of: Known.rank.name), "'rank' \(r) exceeds the narrowest of inputs, hidden and outputs (\(min(m, h, n)))") }
            model = .reducedRank(inputs: m, hidden: h, outputs: n, rank: r)
        case .deepLinear:
            guard let widths = try o.optional(Known.widths), widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
                throw Diagnostic(at: o.location, "deep_linear needs 'widths' with at least two sizes, each at least 1")
            }
            let r = try o.read(Known.rank)
            guard r <= widths.min()! else { throw Diagnostic(at: o.location(of: Known.rank.name), "'rank' \(r) exceeds the narrowest width (\(widths.min()!))") }
            model = .deepLinear(widths: widths, rank: r)
        }
        let scale = try o.read(Known.initScale)
        guard scale > 0, scale.isFinite else { throw Diagnostic(at: o.location(of: Known.initScale.name), "'init_scale' must be positive, found \(formatValue(.number(scale)))") }
        let config = model.trainingConfig(samples: try o.read(Known.samples), seed: try o.seed(Known.seed),
                                          trainSteps: try o.read(Known.trainSteps), initScale: scale)
        do {
            return (TrainedModelObjective(try train(config).model), model.trueLambda)
        } catch {
            throw Diagnostic(at: o.location, "could not train this known-λ model: \(error)")
        }
    }

    static func result(_ e: LLCEstimate, dimension: Int) -> Record {
        let draws = e.lossTraces.first?.count ?? 0
        let trace = (0..<draws).map { i in e.lossTraces.map { $0[i] }.reduce(0, +) / Double(e.lossTraces.count) }
        return Record([
            (Field.llc, .number(e.mean)), (Field.std, .number(e.std)), (Field.perChain, .numbers(e.perChain)), (Field.drift, .number(e.drift)),
            (Field.acceptance, .number(e.acceptanceMean)), (Field.nBeta, .number(e.nBeta)), (Field.initialLoss, .number(e.initialLoss)),
            (Field.parameters, .number(Double(dimension))), (Field.halfParameters, .number(Double(dimension) / 2)),
            (Field.draw, .numbers((0..<draws).map(Double.init))), (Field.trace, .numbers(trace)),
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
