import Tensors

/// How concentrated a set of non-negative values is: the Gini coefficient
///   G = Σᵢ (2i − n − 1)·x₍ᵢ₎ / (n·Σ x),  x₍₁₎ ≤ … ≤ x₍ₙ₎ sorted ascending, i = 1..n.
/// Equal values give 0, a single non-zero value (n − 1)/n. Nanda et al. (2023) track the Gini
/// coefficient of Fourier norms (of the embedding, of the neuron activations) as a progress measure.
public func giniCoefficient(_ values: [Double]) -> Double {
    precondition(values.allSatisfy { $0 >= 0 }, "giniCoefficient: values must be non-negative")
    let x = values.sorted(), n = Double(x.count), total = x.reduce(0, +)
    guard total > 0 else { return 0 }
    var weighted = 0.0
    for (i, v) in x.enumerated() { weighted += (2 * Double(i + 1) - n - 1) * v }
    return weighted / (n * total)
}

/// The norms of the 2-D Fourier coefficients of neuron activations over the (a, b) grid, taken over
/// the neurons: with C_j = B·A_j·Bᵀ as in `neuronFrequencyNorms`, entry (i, r) is
/// √(Σ_j C_j[i, r]²), for every pair of basis rows except (constant, constant), the neurons' mean
/// activation. p² − 1 values; their Gini coefficient is the activations' Fourier sparsity.
public func activationFourierNorms(activations: Tensor<Double>, p: Int) -> [Double] {
    var norms: [Double] = []
    norms.reserveCapacity(p * p)
    forEachNeuronCoefficientBlock(activations: activations, p: p, basis: FourierBasis(p: p)) { i, c in
        for r in 0..<p where i != 0 || r != 0 {
            let m = c.shape[1]
            var s = 0.0
            for j in 0..<m { s += c.scalars[r * m + j] * c.scalars[r * m + j] }
            norms.append(s.squareRoot())
        }
    }
    return norms
}
