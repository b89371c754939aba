/// Restricted and excluded loss in the spirit of Nanda et al. (2023): the loss when an embedding
/// (p × d, rows indexed by x ∈ Z_p) keeps only its key-frequency components (restricted: the
/// constant and the key frequencies' cos/sin components, B_Sᵀ B_S E) or loses them (excluded:
/// E − B_Kᵀ B_K E, the constant kept). A network that computes with the key frequencies has a low
/// restricted loss and a high excluded loss.
public struct FourierAblation: Sendable, Equatable {
    public var keyFrequencies: [Int]
    /// Loss of the unmodified embedding.
    public var fullLoss: Double
    /// Loss with only the constant and key-frequency components.
    public var restrictedLoss: Double
    /// Loss with the key-frequency components removed.
    public var excludedLoss: Double
}

/// Evaluates `loss` on the embedding, its key-frequency restriction and its key-frequency exclusion.
public func fourierAblation(embedding: DenseMatrix, keyFrequencies: [Int], loss: (DenseMatrix) -> Double) -> FourierAblation {
    let basis = FourierBasis(p: embedding.rows)
    let restricted = basis.component(of: embedding, frequencies: keyFrequencies, includeConstant: true)
    let keyPart = basis.component(of: embedding, frequencies: keyFrequencies, includeConstant: false)
    let excluded = DenseMatrix(rows: embedding.rows, columns: embedding.columns,
                               values: zip(embedding.values, keyPart.values).map { $0 - $1 })
    return FourierAblation(keyFrequencies: keyFrequencies.sorted(), fullLoss: loss(embedding),
                           restrictedLoss: loss(restricted), excludedLoss: loss(excluded))
}
