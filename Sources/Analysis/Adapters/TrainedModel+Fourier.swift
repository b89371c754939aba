import Learning

/// Nanda et al.'s (2023) Fourier progress measures of a network on a modular task, at one set of
/// parameters: the embedding's spectrum and its sparsity, the neuron activations' sparsity, and
/// the restricted and excluded loss of the logits along the key frequencies.
public struct FourierMeasures: Sendable, Equatable {
    /// The token embedding's norm per frequency.
    public var spectrum: FrequencySpectrum
    /// The key frequencies the ablation and `keyShare` use (given, or this spectrum's own).
    public var keyFrequencies: [Int]
    /// Share of the embedding's non-constant norm² held by `keyFrequencies`.
    public var keyShare: Double
    /// Gini coefficient of the embedding's per-frequency norms.
    public var embeddingGini: Double
    /// Mean periodicity (IPR) of the embedding's columns.
    public var iprMean: Double
    /// Gini coefficient of the neuron activations' 2-D Fourier norms (nil without a hidden layer
    /// or a full grid of inputs).
    public var neuronGini: Double?
    /// Restricted and excluded loss of the logits (nil without a full grid of inputs).
    public var ablation: FourierAblation?
    /// Share of the centred logit energy in the key frequencies' cos/sin(w_k(a + b − c)) terms.
    public var logitShare: Double?
}

extension TrainedModel {
    /// The Fourier measures at `flat` (nil = the current parameters); nil when the model has no
    /// token embedding over Z_p. `keyFrequencies` nil: the fewest frequencies of this embedding
    /// holding `keyFraction` of its norm².
    public func fourierMeasures(at flat: [Double]? = nil, keyFrequencies given: [Int]? = nil,
                                keyFraction: Double = 0.9) -> FourierMeasures? {
        guard let embedding = tokenEmbedding(at: flat) else { return nil }
        let spectrum = frequencyNorms(embedding: embedding)
        let keys = given ?? spectrum.keyFrequencies(fraction: keyFraction)
        let total = spectrum.energies.reduce(0, +)
        let keyEnergy = keys.filter { $0 >= 1 && $0 <= spectrum.norms.count }.reduce(0) { $0 + spectrum.energies[$1 - 1] }
        let iprs = embedding.transposed().rowArrays.map { ipr(row: $0) }
        var measures = FourierMeasures(
            spectrum: spectrum, keyFrequencies: keys, keyShare: total > 0 ? keyEnergy / total : 0,
            embeddingGini: giniCoefficient(spectrum.norms), iprMean: iprs.reduce(0, +) / Double(max(1, iprs.count)))
        guard let grid = modularGrid else { return measures }
        let (logits, activations) = gridForward(grid, at: flat)
        if let activations { measures.neuronGini = giniCoefficient(activationFourierNorms(activations: activations, p: grid.p)) }
        measures.ablation = logitAblation(logits: logits, p: grid.p, keyFrequencies: keys, trainRows: grid.trainRows) {
            gridLoss($0, rows: $1, grid: grid)
        }
        measures.logitShare = LogitFourierTerms(logits: logits, p: grid.p).explainedFraction(frequencies: keys)
        return measures
    }

    /// The embedding's key frequencies at `flat`: the fewest holding `fraction` of its norm² (nil
    /// without a token embedding).
    public func keyFrequencies(at flat: [Double]? = nil, fraction: Double = 0.9) -> [Int]? {
        tokenEmbedding(at: flat).map { frequencyNorms(embedding: $0).keyFrequencies(fraction: fraction) }
    }

    /// The algorithm read off the logits along `keyFrequencies` (nil = the embedding's own key
    /// frequencies at `flat`); nil without a full grid of inputs or a token embedding.
    public func logitProgram(at flat: [Double]? = nil, keyFrequencies given: [Int]? = nil, keyFraction: Double = 0.9) -> ExtractedProgram? {
        guard let grid = modularGrid, let keys = given ?? keyFrequencies(at: flat, fraction: keyFraction) else { return nil }
        return extractProgram(logits: gridForward(grid, at: flat).logits, p: grid.p, keyFrequencies: keys)
    }

    /// The algorithm read off the weights of a one-hot pair MLP with quadratic activation (Gromov's
    /// model, `extractProgram(_:logits:)`), scored against the network's own outputs on all p²
    /// pairs from the training core's forward pass; nil for any other model.
    public func weightProgram(at flat: [Double]? = nil) -> ExtractedProgram? {
        guard let network = gromovMLP(at: flat) else { return nil }
        return extractProgram(network, logits: forwardOnEveryPair(p: network.p, at: flat).logits)
    }
}
