import Tensors

/// Per-neuron Fourier analysis of activations over the (a, b) grid of a modular task (in the spirit
/// of Nanda et al. 2023's neuron clustering).
///
/// `activations` is p² × m with row a·p + b holding the m neurons' activations on input (a, b). For
/// neuron j with activation table A_j (p × p), the 2-D coefficients are C_j = B·A_j·Bᵀ in the
/// orthonormal `FourierBasis` B. Frequency k's energy for neuron j collects every coefficient whose
/// basis functions have frequency k in a and/or b and otherwise the constant:
///   (freq_a, freq_b) ∈ {(k, 0), (0, k), (k, k)}.
/// `norms` holds the square roots; `dominantFraction[j]` is the share of neuron j's non-constant
/// energy (everything except the (0, 0) coefficient) held by its dominant frequency (cross-frequency
/// terms such as (k, k′), k ≠ k′, count only in the denominator).
public struct NeuronFrequencyTable: Sendable, Equatable {
    public let p: Int
    /// m × ⌊p/2⌋: entry (j, k − 1) is neuron j's norm at frequency k.
    public let norms: Tensor<Double>
    /// Each neuron's frequency with the largest norm.
    public let dominantFrequency: [Int]
    /// Each neuron's dominant-frequency energy over its non-constant energy (0 for a constant neuron).
    public let dominantFraction: [Double]

    public init(p: Int, norms: Tensor<Double>, dominantFrequency: [Int], dominantFraction: [Double]) {
        self.p = p
        self.norms = norms
        self.dominantFrequency = dominantFrequency
        self.dominantFraction = dominantFraction
    }

    /// Number of neurons per dominant frequency (frequencies with at least one neuron, ascending).
    public var neuronCounts: [(frequency: Int, count: Int)] {
        Dictionary(grouping: dominantFrequency, by: { $0 }).map { ($0.key, $0.value.count) }.sorted { $0.frequency < $1.frequency }
    }
}

public func neuronFrequencyNorms(activations: Tensor<Double>, p: Int) -> NeuronFrequencyTable {
    precondition(activations.shape[0] == p * p, "neuronFrequencyNorms: expected p² = \(p * p) rows")
    let basis = FourierBasis(p: p)
    let m = activations.shape[1]
    let kMax = basis.maxFrequency
    var energy = [Double](repeating: 0, count: m * (kMax + 1))
    var nonConstant = [Double](repeating: 0, count: m)
    forEachNeuronCoefficientBlock(activations: activations, p: p, basis: basis) { i, c in
        let fa = basis.frequencies[i]
        for r in 0..<p {
            let fb = basis.frequencies[r]
            let k: Int? = (fa == 0 && fb == 0) ? nil : (fa == 0 ? fb : (fb == 0 || fb == fa ? fa : -1))
            guard let k else { continue }
            for j in 0..<m {
                let e = c.scalars[r * m + j] * c.scalars[r * m + j]
                nonConstant[j] += e
                if k > 0 { energy[j * (kMax + 1) + k] += e }
            }
        }
    }
    var norms = Tensor<Double>.zeros([m, kMax])
    var dominant = [Int](repeating: 0, count: m), fraction = [Double](repeating: 0, count: m)
    for j in 0..<m {
        var best = 1
        for k in 1...kMax {
            norms.scalars[j * kMax + k - 1] = energy[j * (kMax + 1) + k].squareRoot()
            if energy[j * (kMax + 1) + k] > energy[j * (kMax + 1) + best] { best = k }
        }
        dominant[j] = best
        fraction[j] = nonConstant[j] > 0 ? energy[j * (kMax + 1) + best] / nonConstant[j] : 0
    }
    return NeuronFrequencyTable(p: p, norms: norms, dominantFrequency: dominant, dominantFraction: fraction)
}

/// The 2-D Fourier coefficients of every neuron's activation table, one block per basis row i of
/// the first operand: `body(i, c)` receives c (p × m) with c[r, j] = C_j[i, r], C_j = B·A_j·Bᵀ.
/// `activations` is p² × m with row a·p + b. Two products: T = B·A (p × p·m, contracting a), then
/// B·T_i for each block.
func forEachNeuronCoefficientBlock(activations: Tensor<Double>, p: Int, basis: FourierBasis, _ body: (Int, Tensor<Double>) -> Void) {
    precondition(activations.rank == 2 && activations.shape[0] == p * p, "expected p² = \(p * p) rows of activations")
    let m = activations.shape[1]
    let t = basis.matrix.matmul(activations.reshaped([p, p * m]))
    for i in 0..<p {
        let block = Tensor(shape: [p, m], scalars: Array(t.scalars[(i * p * m)..<((i + 1) * p * m)]))
        body(i, basis.matrix.matmul(block))
    }
}
