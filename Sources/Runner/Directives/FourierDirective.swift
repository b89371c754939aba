import Analysis
import Learning
import Notebooks

/// `{fourier}`: Nanda et al.'s (2023) Fourier progress measures of a network on a modular task
/// (a one-hot MLP or a transformer): the spectrum over Z_p of its token embedding, the key
/// frequencies and their share of the norm, the Fourier sparsity (Gini) of the embedding and of
/// the neuron activations, and the restricted and excluded loss of the logits. At the end of
/// training, at one checkpoint, or over checkpoints as a table.
public enum FourierDirective: Directive {
    public static let kind = "fourier"
    public static let summary = "Fourier spectrum and progress measures of a modular-arithmetic network."
    public static let result = "at one point: `frequency`, `norm`, `share` (columns over k = 1..⌊p/2⌋), `key_frequencies`, `key_count`, `key_fraction` (their share of the embedding's norm²), `top_fraction` (share of the top `top_k`), `baseline` (top_k/⌊p/2⌋), `embedding_gini`, `neuron_gini`, `ipr_mean`, `full_loss` (training inputs), `restricted_loss` (logits kept along the key frequencies' cos/sin(w_k(a + b − c)) and the constant; every input), `excluded_loss` (those terms removed; training inputs), `logit_share` (the key terms' share of the centred logits' energy), `step`. Over checkpoints: a table of `step`, `key_fraction`, `top_fraction`, `embedding_gini`, `neuron_gini`, `full_loss`, `restricted_loss`, `excluded_loss`, `logit_share`, with the key frequencies of the final parameters throughout, plus `key_frequencies`."
    public static let traits: Set<DirectiveTrait> = [.analysesModel]
    static let model = TrainedModelOption.model("A {train} cell with a one-hot MLP or a transformer on a modular task.")
    static let step = DirectiveOption<Int>("step", "Analyse the checkpoint kept at this step.", defaultText: "the final parameters")
    static let checkpoints = DirectiveOption<Value>("checkpoints", "`all` or a list of kept steps: one row per checkpoint, along the final parameters' key frequencies.")
    static let keyFraction = DirectiveOption<Double>("key_fraction", "Key frequencies: the fewest top frequencies holding this share of the energy.", default: 0.9)
    static let topK = DirectiveOption<Int>("top_k", "How many top frequencies `top_fraction` counts.", default: 5)
    public static let keys = OptionKey.of(model, step, checkpoints, keyFraction, topK)

    public static func validate(_ options: OptionNode) -> [Diagnostic] {
        options[step.name] != nil && options[checkpoints.name] != nil
            ? [Diagnostic(at: options.location, "{fourier} takes `step` (one checkpoint) or `checkpoints` (a table over training), not both")]
            : []
    }

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let (id, run) = try context.trainingRun(options)
        let keyFraction = try options.read(Self.keyFraction)
        let topK = try options.read(Self.topK)
        let noEmbedding = Diagnostic(at: options.location(of: "model"),
                                     "'\(id)' is neither a one-hot MLP nor a transformer on a task over Z_p, so it has no token embedding to analyse")
        func measures(_ flat: [Double]?, keys: [Int]? = nil) throws -> FourierMeasures {
            guard let m = run.model.fourierMeasures(at: flat, keyFrequencies: keys, keyFraction: keyFraction) else { throw noEmbedding }
            return m
        }
        if options.has(checkpoints.name) {
            let steps = try run.checkpointSteps(options, id: id)
            guard let keys = run.model.keyFrequencies(fraction: keyFraction) else { throw noEmbedding }
            var rows: [(Int, FourierMeasures)] = []
            for (i, step) in steps.enumerated() {
                context.progress(i, steps.count, "checkpoint \(step)")
                rows.append((step, try measures(try run.parameters(atStep: step, id: id, at: options.location(of: "checkpoints")), keys: keys)))
            }
            return overTraining(rows, keys: keys, topK: topK)
        }
        var flat: [Double]? = nil
        if let step = try options.optional(Self.step) {
            flat = try run.parameters(atStep: step, id: id, at: options.location(of: "step"))
        }
        let m = try measures(flat)
        let spectrum = m.spectrum, total = spectrum.energies.reduce(0, +)
        var record = Record([
            ("frequency", .numbers(spectrum.frequencies)),
            ("norm", .numbers(spectrum.norms)),
            ("share", .numbers(spectrum.energies.map { total > 0 ? $0 / total : 0 })),
            ("key_frequencies", .numbers(m.keyFrequencies)),
            ("key_count", .number(Double(m.keyFrequencies.count))),
            ("key_fraction", .number(m.keyShare)),
            ("top_fraction", .number(spectrum.topFraction(topK))),
            ("baseline", .number(spectrum.uniformBaseline(topK))),
            ("embedding_gini", .number(m.embeddingGini)),
            ("ipr_mean", .number(m.iprMean)),
            ("step", .number(Double(try options.optional(step) ?? run.finalStep))),
        ])
        for (key, value) in scalarMeasures(m) { record[key] = .number(value) }
        var items: [(label: String, value: String)] = [
            ("key frequencies", m.keyFrequencies.map(String.init).joined(separator: ", ")),
            ("their share of the norm²", ValueFormat.percent(1).format(.number(m.keyShare))),
            ("top \(topK) share (even spread)", "\(ValueFormat.percent(1).format(.number(spectrum.topFraction(topK)))) (\(ValueFormat.percent(1).format(.number(spectrum.uniformBaseline(topK)))))"),
        ]
        if let a = m.ablation {
            items.append(("loss: full / restricted / excluded", [a.fullLoss, a.restrictedLoss, a.excludedLoss].map { formatValue(.number($0)) }.joined(separator: " / ")))
        }
        return CellOutput(value: .record(record), display: [CellDisplay.summary(title: "Fourier spectrum of the embedding", items: items)])
    }

    /// The measures that exist only with a full grid of inputs (NaN when absent, so that a table's
    /// columns stay aligned).
    static func scalarMeasures(_ m: FourierMeasures) -> [(String, Double)] {
        [("neuron_gini", m.neuronGini ?? .nan), ("full_loss", m.ablation?.fullLoss ?? .nan),
         ("restricted_loss", m.ablation?.restrictedLoss ?? .nan), ("excluded_loss", m.ablation?.excludedLoss ?? .nan),
         ("logit_share", m.logitShare ?? .nan)]
    }

    static func overTraining(_ rows: [(step: Int, measures: FourierMeasures)], keys: [Int], topK: Int) -> CellOutput {
        var columns: [(String, [Double])] = [
            ("step", rows.map { Double($0.step) }),
            ("key_fraction", rows.map(\.measures.keyShare)),
            ("top_fraction", rows.map { $0.measures.spectrum.topFraction(topK) }),
            ("embedding_gini", rows.map(\.measures.embeddingGini)),
        ]
        let scalars = rows.map { scalarMeasures($0.measures) }
        for (k, name) in (scalars.first ?? []).map(\.0).enumerated() { columns.append((name, scalars.map { $0[k].1 })) }
        var record = Record(columns.map { ($0.0, Value.numbers($0.1)) })
        record["key_frequencies"] = .numbers(keys)
        let shares = rows.map(\.measures.keyShare)
        return CellOutput(value: .record(record), display: [.summary(title: "Fourier measures over training", items: [
            ("checkpoints", "\(rows.count)"),
            ("key frequencies (final)", keys.map(String.init).joined(separator: ", ")),
            ("their share of the norm²", "\(ValueFormat.percent(1).format(.number(shares.first ?? .nan))) → \(ValueFormat.percent(1).format(.number(shares.last ?? .nan)))"),
        ])])
    }
}
