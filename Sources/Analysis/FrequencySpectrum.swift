import Tensors

/// How the norm of a p × d matrix over Z_p (an embedding or input-weight matrix, rows indexed by
/// the token x) splits across Fourier frequencies (Nanda et al. 2023): with C = B·E the coefficients
/// in the orthonormal `FourierBasis`, frequency k's norm is √(‖C_cos k‖² + ‖C_sin k‖²) (each row's
/// squared norm summed over the d columns).
///
/// Fractions use the energy (squared norm) of the non-constant frequencies: by orthonormality the
/// energies sum to ‖E‖_F² − ‖C_const‖².
public struct FrequencySpectrum: Sendable, Equatable {
    public let p: Int
    /// Norm of the constant (frequency 0) component.
    public let constantNorm: Double
    /// norms[k − 1] is frequency k's norm, k = 1..⌊p/2⌋.
    public let norms: [Double]

    public init(p: Int, constantNorm: Double, norms: [Double]) {
        self.p = p
        self.constantNorm = constantNorm
        self.norms = norms
    }

    /// The frequencies 1..⌊p/2⌋ (the x-axis of a spectrum plot).
    public var frequencies: [Int] { Array(1...norms.count) }

    /// Squared norms per frequency.
    public var energies: [Double] { norms.map { $0 * $0 } }

    /// Frequencies ordered by decreasing norm (ties by increasing frequency).
    public var ranked: [Int] {
        frequencies.sorted { norms[$0 - 1] != norms[$1 - 1] ? norms[$0 - 1] > norms[$1 - 1] : $0 < $1 }
    }

    /// Fraction of the non-constant energy held by the k frequencies with the largest norm.
    public func topFraction(_ k: Int) -> Double {
        let total = energies.reduce(0, +)
        guard total > 0 else { return 0 }
        return ranked.prefix(k).reduce(0) { $0 + energies[$1 - 1] } / total
    }

    /// The key frequencies: the smallest set of top-ranked frequencies holding at least `fraction` of
    /// the non-constant energy, returned ascending.
    public func keyFrequencies(fraction: Double = 0.9) -> [Int] {
        let total = energies.reduce(0, +)
        guard total > 0 else { return [] }
        var acc = 0.0
        var out: [Int] = []
        for k in ranked {
            out.append(k)
            acc += energies[k - 1]
            if acc >= fraction * total * (1 - 1e-12) { break }
        }
        return out.sorted()
    }

    /// The top-k fraction expected when the energy is spread evenly: k / ⌊p/2⌋.
    public func uniformBaseline(_ k: Int) -> Double { Double(min(k, norms.count)) / Double(norms.count) }
}

/// The Fourier spectrum of a p × d matrix whose rows are indexed by x ∈ Z_p (Nanda et al. 2023).
public func frequencyNorms(embedding: Tensor<Double>) -> FrequencySpectrum {
    let basis = FourierBasis(p: embedding.shape[0])
    return frequencyNorms(embedding: embedding, basis: basis)
}

/// As `frequencyNorms(embedding:)`, reusing a precomputed basis.
public func frequencyNorms(embedding: Tensor<Double>, basis: FourierBasis) -> FrequencySpectrum {
    let c = basis.coefficients(of: embedding)
    let d = c.shape[1]
    var energy = [Double](repeating: 0, count: basis.maxFrequency + 1)
    for r in 0..<c.shape[0] {
        var s = 0.0
        for j in 0..<d { s += c.scalars[r * d + j] * c.scalars[r * d + j] }
        energy[basis.frequencies[r]] += s
    }
    return FrequencySpectrum(p: basis.p, constantNorm: energy[0].squareRoot(), norms: energy.dropFirst().map { $0.squareRoot() })
}
