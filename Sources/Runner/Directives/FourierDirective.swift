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
    enum Field {
        static let frequency = ResultField("frequency"), norm = ResultField("norm")
        static let share = ResultField("share", "columns over k = 1..⌊p/2⌋")
        static let keyFrequencies = ResultField("key_frequencies"), keyCount = ResultField("key_count")
        static let keyFraction = ResultField("key_fraction", "their share of the embedding's norm²")
        static let topFraction = ResultField("top_fraction", "share of the top `top_k`"), baseline = ResultField("baseline", "top_k/⌊p/2⌋")
        static let embeddingGini = ResultField("embedding_gini"), neuronGini = ResultField("neuron_gini"), iprMean = ResultField("ipr_mean")
        static let fullLoss = ResultField("full_loss", "training inputs")
        static let restrictedLoss = ResultField("restricted_loss", "logits kept along the key frequencies' cos/sin(w_k(a + b − c)) and the constant; every input")
        static let excludedLoss = ResultField("excluded_loss", "those terms removed; training inputs")
        static let logitShare = ResultField("logit_share", "the key terms' share of the centred logits' energy")
        static let step = ResultField("step")
        /// The measures that need a full grid of inputs (NaN without one).
        static let gridMeasures = [neuronGini, fullLoss, restrictedLoss, excludedLoss, logitShare]
        static let atOnePoint = [frequency, norm, share, keyFrequencies, keyCount, keyFraction, topFraction, baseline, embeddingGini,
                                 iprMean] + gridMeasures + [step]
        static let overTraining = [step, keyFraction, topFraction, embeddingGini] + gridMeasures
    }
    public static let result = "at one point: " + ResultField.describe(Field.atOnePoint)
        + " Over checkpoints: a table of " + ResultField.describe(Field.overTraining).dropLast()
        + ", with the key frequencies of the final parameters throughout, plus `key_frequencies`."
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
            (Field.frequency, .numbers(spectrum.frequencies)),
            (Field.norm, .numbers(spectrum.norms)),
            (Field.share, .numbers(spectrum.energies.map { total > 0 ? $0 / total : 0 })),
            (Field.keyFrequencies, .numbers(m.keyFrequencies)),
            (Field.keyCount, .number(Double(m.keyFrequencies.count))),
            (Field.keyFraction, .number(m.keyShare)),
            (Field.topFraction, .number(spectrum.topFraction(topK))),
            (Field.baseline, .number(spectrum.uniformBaseline(topK))),
            (Field.embeddingGini, .number(m.embeddingGini)),
            (Field.iprMean, .number(m.iprMean)),
            (Field.step, .number(Double(try options.optional(step) ?? run.finalStep))),
        ])
        for (field, value) in scalarMeasures(m) { record[field.name] = .number(value) }
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
    static func scalarMeasures(_ m: FourierMeasures) -> [(ResultField, Double)] {
        zip(Field.gridMeasures, [m.neuronGini, m.ablation?.fullLoss, m.ablation?.restrictedLoss, m.ablation?.excludedLoss, m.logitShare])
            .map { ($0, $1 ?? .nan) }
    }

    static func overTraining(_ rows: [(step: Int, measures: FourierMeasures)], keys: [Int], topK: Int) -> CellOutput {
        var columns: [(ResultField, [Double])] = [
            (Field.step, rows.map { Double($0.step) }),
            (Field.keyFraction, rows.map(\.measures.keyShare)),
            (Field.topFraction, rows.map { $0.measures.spectrum.topFraction(topK) }),
            (Field.embeddingGini, rows.map(\.measures.embeddingGini)),
        ]
        let scalars = rows.map { scalarMeasures($0.measures) }
        for (k, field) in Field.gridMeasures.enumerated() { columns.append((field, scalars.map { $0[k].1 })) }
        var record = Record(columns.map { ($0.0, Value.numbers($0.1)) })
        record[Field.keyFrequencies.name] = .numbers(keys)
        let shares = rows.map(\.measures.keyShare)
        return CellOutput(value: .record(record), display: [.summary(title: "Fourier measures over training", items: [
            ("checkpoints", "\(rows.count)"),
            ("key frequencies (final)", keys.map(String.init).joined(separator: ", ")),
            ("their share of the norm²", "\(ValueFormat.percent(1).format(.number(shares.first ?? .nan))) → \(ValueFormat.percent(1).format(.number(shares.last ?? .nan)))"),
        ])])
    }
}
