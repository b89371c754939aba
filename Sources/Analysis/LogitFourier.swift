import Foundation
import Tensors

/// The logits of a network over Z_p on every input (a, b), read in the directions that Nanda et al.
/// (2023) show the trained transformer computes with: cos(w_k(a + b − c)) and sin(w_k(a + b − c)),
/// w_k = 2πk/p, k = 1..⌊p/2⌋, as functions on the p³ grid of (a, b, c).
///
/// These functions are orthogonal on the grid (each has squared norm p³/2, except k = p/2 for even
/// p, whose cosine has p³ and whose sine vanishes), so the projection of the logits L(a, b, c) onto
/// them has coefficients
///   α_k = Σ L(a, b, c)·cos(w_k(a + b − c)) / ‖cos‖²,  β_k likewise with sin,
/// which depend on L only through D(m) = Σ_{a + b − c ≡ m} L(a, b, c). The constant's coefficient
/// is the grid mean μ.
public struct LogitFourierTerms: Sendable, Equatable {
    public let p: Int
    /// The mean logit over the grid.
    public let mean: Double
    /// α_k and β_k, index k − 1.
    public let cosine: [Double], sine: [Double]
    /// Σ_{a,b,c} (L − mean over c of L)², the logits' energy that softmax sees.
    public let centredEnergy: Double

    /// Projects `logits` (p² × p, row a·p + b, column c).
    public init(logits: Tensor<Double>, p: Int) {
        precondition(logits.shape == [p * p, p], "LogitFourierTerms: expected \(p * p) × \(p) logits")
        var byDifference = [Double](repeating: 0, count: p)
        var total = 0.0, centred = 0.0
        for a in 0..<p {
            for b in 0..<p {
                let s = (a + b) % p, row = (a * p + b) * p
                var rowSum = 0.0, rowSquares = 0.0
                for c in 0..<p {
                    let x = logits.scalars[row + c]
                    byDifference[(s - c + p) % p] += x
                    rowSum += x; rowSquares += x * x
                }
                total += rowSum
                centred += rowSquares - rowSum * rowSum / Double(p)
            }
        }
        let twiddles = TwiddleTable(p: p)
        var cosine = [Double](), sine = [Double]()
        for k in 1...(p / 2) {
            let norm2 = Double(p * p * p) / (2 * k == p ? 1 : 2)
            var c = 0.0, s = 0.0
            for m in 0..<p {
                c += byDifference[m] * twiddles.cosines[(k * m) % p]
                s += byDifference[m] * twiddles.sines[(k * m) % p]
            }
            cosine.append(c / norm2)
            sine.append(2 * k == p ? 0 : s / norm2)
        }
        self.p = p
        mean = total / Double(p * p * p)
        self.cosine = cosine; self.sine = sine
        centredEnergy = centred
    }

    /// Frequency k's amplitude √(α_k² + β_k²): the term α cos + β sin is amplitude·cos(w_k m − phase).
    public func amplitude(_ k: Int) -> Double { (cosine[k - 1] * cosine[k - 1] + sine[k - 1] * sine[k - 1]).squareRoot() }

    /// The key terms' part of one logit, as a function of m = (a + b − c) mod p.
    public func keyPart(frequencies: [Int]) -> [Double] {
        let twiddles = TwiddleTable(p: p)
        return (0..<p).map { m in
            frequencies.reduce(0.0) { acc, k in
                acc + cosine[k - 1] * twiddles.cosines[(k * m) % p] + sine[k - 1] * twiddles.sines[(k * m) % p]
            }
        }
    }

    /// Share of the centred logit energy that the given frequencies' terms carry: Σ_k (α_k² + β_k²)·p³/2
    /// over Σ (L − mean_c L)² (the terms have mean zero over c, so they lie inside the centred part).
    public func explainedFraction(frequencies: [Int]) -> Double {
        guard centredEnergy > 0 else { return 0 }
        let energy = frequencies.reduce(0.0) { acc, k in
            acc + (cosine[k - 1] * cosine[k - 1] + sine[k - 1] * sine[k - 1]) * Double(p * p * p) / (2 * k == p ? 1 : 2)
        }
        return energy / centredEnergy
    }

    /// The restricted logits (the constant and the key terms only) and the excluded logits (the key
    /// terms removed), both p² × p like the input.
    public func ablated(_ logits: Tensor<Double>, keyFrequencies: [Int]) -> (restricted: Tensor<Double>, excluded: Tensor<Double>) {
        let part = keyPart(frequencies: keyFrequencies)
        var restricted = Tensor<Double>.zeros([logits.shape[0], p]), excluded = logits
        for a in 0..<p {
            for b in 0..<p {
                let s = (a + b) % p, row = (a * p + b) * p
                for c in 0..<p {
                    let term = part[(s - c + p) % p]
                    restricted.scalars[row + c] = mean + term
                    excluded.scalars[row + c] -= term
                }
            }
        }
        return (restricted, excluded)
    }
}

/// Restricted and excluded loss (Nanda et al. 2023): the loss when the logits keep only the key
/// frequencies' terms cos/sin(w_k(a + b − c)) and the constant (restricted) or lose those terms
/// (excluded). A network that computes with the key frequencies has a low restricted loss and a
/// high excluded loss.
public struct FourierAblation: Sendable, Equatable {
    public var keyFrequencies: [Int]
    /// Loss of the unmodified logits (training inputs).
    public var fullLoss: Double
    /// Loss with only the constant and the key terms (every input).
    public var restrictedLoss: Double
    /// Loss with the key terms removed (training inputs).
    public var excludedLoss: Double
}

/// Nanda et al.'s restricted and excluded loss on the logits (docs/references.md): `loss(logits, rows)`
/// is the network's loss given p² × p logits on the grid rows `rows` (a·p + b). The full and the
/// excluded loss are taken on the training rows; the restricted loss on every input (with
/// cross-entropy its logits depend on a + b − c alone, so it is the same for each input).
public func logitAblation(logits: Tensor<Double>, p: Int, keyFrequencies: [Int], trainRows: [Int],
                          loss: (Tensor<Double>, [Int]) -> Double) -> FourierAblation {
    let terms = LogitFourierTerms(logits: logits, p: p)
    let (restricted, excluded) = terms.ablated(logits, keyFrequencies: keyFrequencies)
    return FourierAblation(keyFrequencies: keyFrequencies.sorted(), fullLoss: loss(logits, trainRows),
                           restrictedLoss: loss(restricted, Array(0..<(p * p))), excludedLoss: loss(excluded, trainRows))
}

/// The algorithm read off the logits: logit(c) ≈ Σ_k C_k·cos(w_k(a + b − c) + Δ_k) over the key
/// frequencies, with C_k and Δ_k from the projection (α cos x + β sin x = C cos(x + Δ), C = √(α² + β²),
/// Δ = −atan2(β, α)), run on all p² inputs against (a + b) mod p and against the network's argmax
/// on each row of `logits`.
public func extractProgram(logits: Tensor<Double>, p: Int, keyFrequencies: [Int]) -> ExtractedProgram {
    let terms = LogitFourierTerms(logits: logits, p: p)
    let programTerms = keyFrequencies.sorted().map { k in
        ProgramTerm(frequency: k, neuronCount: 0, amplitude: terms.amplitude(k), phase: -atan2(terms.sine[k - 1], terms.cosine[k - 1]))
    }
    var program = ExtractedProgram(p: p, neurons: [], terms: programTerms, accuracy: 0, agreement: 0, networkAccuracy: 0)
    program.score(againstLogits: logits)
    program.explainedFraction = terms.explainedFraction(frequencies: keyFrequencies)
    return program
}
