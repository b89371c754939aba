import Analysis
import Learning
import Notebooks

/// `{fourier}`: the Fourier spectrum over Z_p of a one-hot MLP's token embedding (Nanda et al.
/// 2023), at the end of training or at a checkpoint: the norm per frequency, the key
/// frequencies, the share of the norm they hold against the even-spread baseline, the
/// periodicity (IPR) of each neuron, and the restricted and excluded losses.
///
/// Result: `frequency`, `norm`, `share` (columns over k = 1..⌊p/2⌋), `key_frequencies`,
/// `key_count`, `key_fraction`, `top_fraction` (share of the top `top_k`), `baseline`
/// (top_k/⌊p/2⌋), `ipr_mean`, `full_loss`, `restricted_loss`, `excluded_loss`, `step`.
public enum FourierDirective: Directive {
    public static let kind = "fourier"
    public static let summary = "Fourier spectrum of a modular-arithmetic network's embedding."
    public static let result = "`frequency`, `norm`, `share` (columns over k = 1..⌊p/2⌋), `key_frequencies`, `key_count`, `key_fraction`, `top_fraction` (share of the top `top_k`), `baseline` (top_k/⌊p/2⌋), `ipr_mean`, `full_loss`, `restricted_loss`, `excluded_loss`, `step`."
    public static let keys = [
        OptionKey("model", .cellReference, required: true, "A {train} cell with a one-hot MLP on a modular task."),
        OptionKey("step", .integer, "Analyse the checkpoint kept at this step (default: the final parameters)."),
        OptionKey("key_fraction", .number, "Key frequencies: the fewest top frequencies holding this share of the energy (default 0.9)."),
        OptionKey("top_k", .integer, "How many top frequencies `top_fraction` counts (default 5)."),
    ]

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let (id, run) = try context.trainingRun(options)
        var flat: [Double]? = nil
        if let step = try options.int("step") {
            flat = try run.parameters(atStep: step, id: id, at: options.location(of: "step"))
        }
        let model = run.model
        guard let embedding = model.tokenEmbedding(at: flat) else {
            throw Diagnostic(at: options.location(of: "model"), "'\(id)' is not a one-hot MLP, so it has no token embedding to analyse")
        }
        let spectrum = frequencyNorms(embedding: embedding)
        let keys = spectrum.keyFrequencies(fraction: try options.number("key_fraction", default: 0.9))
        let topK = try options.int("top_k", default: 5)
        let total = spectrum.energies.reduce(0, +)
        let iprs = (0..<embedding.columns).map { ipr(row: embedding.column($0)) }

        // Restricted and excluded loss over every pair (train and test), as in Nanda et al.
        let everything = [model.dataset.train, model.dataset.test]
        func loss(_ e: DenseMatrix) -> Double {
            let w = model.flatParameters(replacingEmbeddingWith: e, at: flat)
            let sizes = everything.map { Double($0.count) }
            let losses = everything.map { $0.count == 0 ? 0 : model.loss(at: w, on: $0) }
            return zip(losses, sizes).map(*).reduce(0, +) / sizes.reduce(0, +)
        }
        let ablation = fourierAblation(embedding: embedding, keyFrequencies: keys, loss: loss)

        let record = Record([
            ("frequency", .numbers(spectrum.frequencies)),
            ("norm", .numbers(spectrum.norms)),
            ("share", .numbers(spectrum.energies.map { total > 0 ? $0 / total : 0 })),
            ("key_frequencies", .numbers(keys)),
            ("key_count", .number(Double(keys.count))),
            ("key_fraction", .number(spectrum.topFraction(keys.count))),
            ("top_fraction", .number(spectrum.topFraction(topK))),
            ("baseline", .number(spectrum.uniformBaseline(topK))),
            ("ipr_mean", .number(iprs.reduce(0, +) / Double(max(1, iprs.count)))),
            ("full_loss", .number(ablation.fullLoss)),
            ("restricted_loss", .number(ablation.restrictedLoss)),
            ("excluded_loss", .number(ablation.excludedLoss)),
            ("step", .number(Double(try options.int("step") ?? run.finalStep))),
        ])
        let summary = CellDisplay.summary(title: "Fourier spectrum of the embedding", items: [
            ("key frequencies", keys.map(String.init).joined(separator: ", ")),
            ("their share of the norm²", ValueFormat.percent(1).format(.number(spectrum.topFraction(keys.count)))),
            ("top \(topK) share (even spread)", "\(ValueFormat.percent(1).format(.number(spectrum.topFraction(topK)))) (\(ValueFormat.percent(1).format(.number(spectrum.uniformBaseline(topK)))))"),
            ("loss: full / restricted / excluded", [ablation.fullLoss, ablation.restrictedLoss, ablation.excludedLoss].map { formatValue(.number($0)) }.joined(separator: " / ")),
        ])
        return CellOutput(value: .record(record), display: [summary])
    }
}
