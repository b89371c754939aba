import Analysis
import Learning
import Notebooks
import Plotting

/// `{llc_calibration}`: devinterp's ε–β analysis on a trained network. Estimates λ̂ at every
/// combination of `epsilons` × `n_betas` × `gammas` (each with the same chains, draws and seed),
/// judges each setting by `LLCCalibration.Rule` and chooses one (`LLCCalibration.choose`).
///
///     ```{llc_calibration}
///     id: calibration
///     model: grok
///     epsilons: [0.00003, 0.0001, 0.0003, 0.001]
///     n_betas: [355]
///     gammas: [5, 100]
///     ```
///
/// The report shows the grid as a table, λ̂ and the MALA acceptance against ε per (nβ, γ), the
/// loss traces at the chosen (nβ, γ), and a note that explains the choice.
public enum LLCCalibrationDirective: Directive {
    public static let kind = "llc_calibration"
    public static let summary = "Calibrate the LLC estimator on a trained network: sweep ε, nβ and γ and choose a stable setting."
    public static let result = "a table over the grid — `epsilon`, `n_beta`, `gamma`, `llc`, `llc_std`, `drift`, `acceptance`, `stable` (true or false), `failures` (the rules it breaks) — plus `chosen_epsilon`, `chosen_n_beta`, `chosen_gamma`, `chosen_llc`, `chosen_drift`, `chosen_acceptance` (null when no setting is stable) and `stable_count`. A setting is stable when no chain diverged, λ̂ > 0, the MALA acceptance is at least 0.5, |drift| ≤ 0.2·λ̂, and λ̂ at a neighbouring ε that passes the same tests differs by at most 0.2·λ̂; the choice is the first (nβ, γ) listed that has a stable ε, at the stable ε whose acceptance is nearest 0.9."

    public static let traits: Set<DirectiveTrait> = [.analysesModel, .drawsFigure, .showsTable]
    /// The grid as a table, then λ̂, the acceptance and the loss traces as figures (`display`).
    public static func numberedDisplays(_ options: OptionNode) -> (figures: Int, tables: Int) { (3, 1) }

    static let model = TrainedModelOption.model("A {train} cell whose trained model is measured.")
    static let step = DirectiveOption<Int>("step", "Calibrate at the checkpoint kept at this step.", defaultText: "the final parameters")
    static let epsilons = DirectiveOption<Value>("epsilons", "SGLD step sizes ε to try: at least two, positive, distinct.",
                                                 type: .list(.number), required: true)
    static let nBetas = DirectiveOption<Value>("n_betas", "Inverse temperatures nβ to try, preferred first.", type: .list(.number),
                                               defaultText: "[n / ln n]")
    /// The default γ is the estimator's.
    static let defaultGammas = [LLCConfig().gamma]
    static let gammas = DirectiveOption<Value>("gammas", "Localization strengths γ to try, preferred first.", type: .list(.number),
                                               default: .numbers(defaultGammas))
    public static let keys = OptionKey.of(model, step, epsilons, nBetas, gammas) + LLCDirective.chainKeys + OptionKey.of(LLCDirective.precision)

    /// A literal `epsilons` list with fewer than two values is refused before anything runs (the
    /// other grid checks, which need the values, run in `grid`).
    public static func validate(_ options: OptionNode) -> [Diagnostic] {
        guard case .list(let items, let location)? = options[epsilons.name], items.count < 2 else { return [] }
        return [Diagnostic(at: location, "'epsilons' needs at least 2 values, found \(items.count)",
                           note: "whether λ̂ is flat in ε can only be judged against a neighbouring ε")]
    }

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let (id, run) = try context.trainingRun(options)
        let objective = TrainedModelObjective(run.model)
        let wStar = try options.optional(step).map { try run.parameters(atStep: $0, id: id, at: options.location(of: step.name)) }
            ?? run.model.flatParameters()
        let epsilons = try grid(options, Self.epsilons.name, minimumCount: 2, allowsZero: false)
        let nBetas = try options.has(Self.nBetas.name) ? grid(options, Self.nBetas.name, minimumCount: 1, allowsZero: false)
            : [LLCConfig().resolvedNBeta(sampleCount: objective.sampleCount)]
        let gammas = try options.has(Self.gammas.name) ? grid(options, Self.gammas.name, minimumCount: 1, allowsZero: true) : defaultGammas
        let base = try LLCDirective.chainConfig(options)
        let sample = LLCDirective.sampler(run.model, try options.read(LLCDirective.precision))
        try LLCDirective.checkBatch(base, samples: objective.sampleCount, options)

        var points: [(LLCCalibration.Setting, LLCEstimate)] = []
        let settings = nBetas.flatMap { b in gammas.flatMap { g in epsilons.map { LLCCalibration.Setting(epsilon: $0, nBeta: b, gamma: g) } } }
        for (i, setting) in settings.enumerated() {
            context.progress(i, settings.count, "ε = \(formatValue(.number(setting.epsilon))), nβ = \(formatValue(.number(setting.nBeta))), γ = \(formatValue(.number(setting.gamma)))")
            var config = base
            (config.epsilon, config.nBeta, config.gamma) = (setting.epsilon, setting.nBeta, setting.gamma)
            points.append((setting, sample(wStar, config)))
        }
        let verdicts = LLCCalibration.judge(points.map { ($0.0, LLCCalibration.Measurement($0.1)) })
        let chosen = LLCCalibration.choose(verdicts)
        return CellOutput(value: .record(result(verdicts, stds: points.map(\.1.std), chosen: chosen)),
                          display: try display(verdicts, estimates: points.map(\.1), chosen: chosen, context: context))
    }

    /// A grid option's values: finite, positive (or ≥ 0), distinct, at least `minimumCount`.
    static func grid(_ options: Options, _ key: String, minimumCount: Int, allowsZero: Bool) throws(Diagnostic) -> [Double] {
        let values = try options.numbers(key) ?? []
        let at = options.location(of: key)
        if values.count < minimumCount {
            throw Diagnostic(at: at, "'\(key)' needs at least \(minimumCount) value\(minimumCount == 1 ? "" : "s"), found \(values.count)",
                             note: minimumCount > 1 ? "whether λ̂ is flat in ε can only be judged against a neighbouring ε" : nil)
        }
        if let bad = values.first(where: { !$0.isFinite || $0 < 0 || ($0 == 0 && !allowsZero) }) {
            throw Diagnostic(at: at, "'\(key)' must hold \(allowsZero ? "non-negative" : "positive") finite numbers, found \(formatValue(.number(bad)))")
        }
        if let twice = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) })?.element {
            throw Diagnostic(at: at, "'\(key)' lists \(formatValue(.number(twice))) twice")
        }
        return values
    }

    static func result(_ verdicts: [LLCCalibration.Verdict], stds: [Double], chosen: Int?) -> Record {
        func column(_ f: (LLCCalibration.Verdict) -> Double) -> Value { .numbers(verdicts.map(f)) }
        var record = Record([
            ("epsilon", column(\.setting.epsilon)), ("n_beta", column(\.setting.nBeta)), ("gamma", column(\.setting.gamma)),
            ("llc", column(\.measurement.llc)), ("llc_std", .numbers(stds)), ("drift", column(\.measurement.drift)), ("acceptance", column(\.measurement.acceptance)),
            ("stable", .list(verdicts.map { .bool($0.stable) })),
            ("failures", .list(verdicts.map { .string($0.failures.map(\.rawValue).joined(separator: "; ")) })),
        ])
        let pick = chosen.map { verdicts[$0] }
        for (name, value) in [("chosen_epsilon", pick?.setting.epsilon), ("chosen_n_beta", pick?.setting.nBeta),
                              ("chosen_gamma", pick?.setting.gamma), ("chosen_llc", pick?.measurement.llc),
                              ("chosen_drift", pick?.measurement.drift), ("chosen_acceptance", pick?.measurement.acceptance)] {
            record[name] = value.map(Value.number) ?? .null
        }
        record["stable_count"] = .number(Double(verdicts.filter(\.stable).count))
        return record
    }
}
