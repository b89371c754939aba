import Foundation
import Tensors

/// One neuron of a Gromov MLP read as a trigonometric program: its input rows fitted by their
/// dominant DFT component, U[k, n] ≈ α1·cos(2πσn/p + φ1), U[k, p + n] ≈ α2·cos(2πσn/p + φ2), and its
/// output column W[q, k] ≈ β·cos(2πσq/p + ψ) at the same frequency σ.
public struct NeuronFit: Sendable, Equatable {
    public var neuron: Int
    /// σ, the frequency maximising |ĉ1(σ)|² + |ĉ2(σ)|² over σ = 1..⌊p/2⌋.
    public var frequency: Int
    public var phase1: Double, phase2: Double, outputPhase: Double
    public var amplitude1: Double, amplitude2: Double, outputAmplitude: Double
    /// Share of the neuron's input-weight energy (both halves, constant excluded) at σ.
    public var inputFraction: Double
}

/// One frequency's term of the extracted program: C·cos(2πσ(a + b − q)/p + Δ).
public struct ProgramTerm: Sendable, Equatable {
    public var frequency: Int
    public var neuronCount: Int
    public var amplitude: Double
    public var phase: Double
}

/// The algorithm read off the weights of a Gromov MLP, and how well it matches the network.
///
/// For neuron k, (α1 cos(θa + φ1) + α2 cos(θb + φ2))² contains the cross term
/// α1α2[cos(θ(a + b) + φ1 + φ2) + cos(θ(a − b) + φ1 − φ2)], and its product with β cos(θq + ψ)
/// contains ½α1α2β·cos(θ(a + b − q) + φ1 + φ2 − ψ), θ = 2πσ/p. The program keeps only these terms,
/// summed per frequency as complex amplitudes Σ_k ½α1α2β·e^{i(φ1+φ2−ψ)} = C_σ·e^{iΔ_σ}:
///   logit(q) = Σ_σ C_σ·cos(2πσ(a + b − q)/p + Δ_σ),
/// a function of (a + b) mod p only; for Gromov's analytic solution every Δ_σ = 0 and the argmax is
/// exactly q = (a + b) mod p.
public struct ExtractedProgram: Sendable, Equatable, CustomStringConvertible {
    public var p: Int
    public var neurons: [NeuronFit]
    /// One term per frequency used by at least one neuron, ascending frequency.
    public var terms: [ProgramTerm]
    /// Fraction of the p² inputs where the program's argmax is (a + b) mod p.
    public var accuracy: Double
    /// Fraction of the p² inputs where the program's argmax equals the network's.
    public var agreement: Double
    /// Fraction of the p² inputs where the network's argmax is (a + b) mod p.
    public var networkAccuracy: Double
    /// For a program read off the logits: the share of the centred logit energy its terms carry
    /// (`LogitFourierTerms.explainedFraction`); nil for a program read off an MLP's weights.
    public var explainedFraction: Double? = nil

    /// The program's logits on input (a, b).
    public func logits(a: Int, b: Int) -> [Double] {
        (0..<p).map { q in
            terms.reduce(0.0) { acc, t in
                acc + t.amplitude * cos(2 * Double.pi * Double(t.frequency) * Double((a + b - q) % p) / Double(p) + t.phase)
            }
        }
    }

    /// A readable summary: the formula, then one line per frequency with its neuron count.
    public var description: String {
        var lines = ["logit(q) = Σ_σ C_σ·cos(2πσ(a + b − q)/\(p) + Δ_σ) over \(terms.count) frequencies"]
        for t in terms.sorted(by: { $0.amplitude > $1.amplitude }) {
            // "1 neuron", and "+0.000" rather than "-0.000" for a phase that rounds to zero.
            let phase = abs(t.phase) < 0.0005 ? 0 : t.phase
            let neurons = self.neurons.isEmpty ? "" : (t.neuronCount == 1 ? "1 neuron, " : "\(t.neuronCount) neurons, ")
            lines.append("  σ = \(t.frequency): \(neurons)" + String(format: "C = %.4g, Δ = %+.3f rad", t.amplitude, phase))
        }
        if let explainedFraction {
            lines.append(String(format: "the terms carry %.1f%% of the logits' centred energy", 100 * explainedFraction))
        }
        lines.append(String(format: "accuracy %.4f on all %d inputs; agreement with the network %.4f (network accuracy %.4f)",
                            accuracy, p * p, agreement, networkAccuracy))
        return lines.joined(separator: "\n")
    }
}

/// cos and sin of 2πm/p for m = 0..<p, so a DFT over Z_p needs no trigonometric calls.
struct TwiddleTable {
    let p: Int
    let cosines: [Double], sines: [Double]
    init(p: Int) {
        self.p = p
        cosines = (0..<p).map { cos(2 * Double.pi * Double($0) / Double(p)) }
        sines = (0..<p).map { sin(2 * Double.pi * Double($0) / Double(p)) }
    }
}

/// Reads the program off a Gromov MLP's weights (see `ExtractedProgram`) and evaluates it on all p²
/// inputs against (a + b) mod p and against the network's own argmax, read from `logits`: the
/// network's outputs on every pair (p² × p, row a·p + b), from the training core's forward pass.
///
/// Fit: for a cosine α·cos(2πσn/p + φ), ĉ(σ) = (αp/2)·e^{iφ} (σ ≠ p/2), so φ = arg ĉ and
/// α = 2|ĉ|/p (|ĉ|/p when 2σ = p).
public func extractProgram(_ model: GromovMLP, logits: Tensor<Double>) -> ExtractedProgram {
    let p = model.p, n = model.width
    let table = TwiddleTable(p: p)
    let kMax = p / 2
    // DFT of every neuron's rows at once: Re = Eᵀ·Cos, Im = −Eᵀ·Sin with Cos[n, σ−1] = cos(2πσn/p).
    var cosT = Tensor<Double>.zeros([p, kMax]), sinT = Tensor<Double>.zeros([p, kMax])
    for x in 0..<p {
        for sigma in 1...kMax {
            cosT.scalars[x * kMax + sigma - 1] = table.cosines[(sigma * x) % p]
            sinT.scalars[x * kMax + sigma - 1] = table.sines[(sigma * x) % p]
        }
    }
    let ea = model.embeddingA, eb = model.embeddingB
    let re1 = ea.matmul(cosT, transposeSelf: true).scalars, im1 = ea.matmul(sinT, transposeSelf: true).scalars
    let re2 = eb.matmul(cosT, transposeSelf: true).scalars, im2 = eb.matmul(sinT, transposeSelf: true).scalars
    let reW = model.w.matmul(cosT, transposeSelf: true).scalars, imW = model.w.matmul(sinT, transposeSelf: true).scalars
    var fits: [NeuronFit] = []
    fits.reserveCapacity(n)
    for k in 0..<n {
        var best = 1, bestEnergy = -1.0, total = 0.0
        for sigma in 1...kMax {
            let i = k * kMax + sigma - 1
            let e = re1[i] * re1[i] + im1[i] * im1[i]
                + re2[i] * re2[i] + im2[i] * im2[i]
            total += 2 * sigma == p ? e : 2 * e
            if e > bestEnergy { bestEnergy = e; best = sigma }
        }
        let i = k * kMax + best - 1
        let scale = (2 * best == p ? 1.0 : 2.0) / Double(p)
        // ĉ = Σ v_n e^{−iθn} = Re − i·(Σ v_n sin θn).
        let c1 = (re: re1[i], im: -im1[i]), c2 = (re: re2[i], im: -im2[i])
        let out = (re: reW[i], im: -imW[i])
        let bestTotal = 2 * best == p ? bestEnergy : 2 * bestEnergy
        fits.append(NeuronFit(neuron: k, frequency: best,
                              phase1: atan2(c1.im, c1.re), phase2: atan2(c2.im, c2.re), outputPhase: atan2(out.im, out.re),
                              amplitude1: scale * (c1.re * c1.re + c1.im * c1.im).squareRoot(),
                              amplitude2: scale * (c2.re * c2.re + c2.im * c2.im).squareRoot(),
                              outputAmplitude: scale * (out.re * out.re + out.im * out.im).squareRoot(),
                              inputFraction: total > 0 ? bestTotal / total : 0))
    }
    var sums: [Int: (re: Double, im: Double, count: Int)] = [:]
    for f in fits {
        let a = 0.5 * f.amplitude1 * f.amplitude2 * f.outputAmplitude
        let delta = f.phase1 + f.phase2 - f.outputPhase
        var s = sums[f.frequency] ?? (0, 0, 0)
        s.re += a * cos(delta); s.im += a * sin(delta); s.count += 1
        sums[f.frequency] = s
    }
    let terms = sums.keys.sorted().map { sigma -> ProgramTerm in
        let s = sums[sigma]!
        return ProgramTerm(frequency: sigma, neuronCount: s.count, amplitude: (s.re * s.re + s.im * s.im).squareRoot(),
                           phase: atan2(s.im, s.re))
    }
    var program = ExtractedProgram(p: p, neurons: fits, terms: terms, accuracy: 0, agreement: 0, networkAccuracy: 0)
    program.score(againstLogits: logits)
    return program
}

extension ExtractedProgram {
    /// Sets `accuracy`, `agreement` and `networkAccuracy` over all p² inputs, the network's answer
    /// on (a, b) being the argmax of row a·p + b of `logits` (p² × p). The program reads only
    /// s = (a + b) mod p, so its argmax is evaluated once per s.
    mutating func score(againstLogits logits: Tensor<Double>) {
        precondition(logits.shape == [p * p, p], "ExtractedProgram: logits \(logits.shape), expected \([p * p, p])")
        let programAnswer = (0..<p).map { s in argmax(self.logits(a: s, b: 0)) }
        var correct = 0, agree = 0, netCorrect = 0
        for a in 0..<p {
            for b in 0..<p {
                let s = (a + b) % p, row = (a * p + b) * p
                let netAnswer = argmax(Array(logits.scalars[row..<(row + p)]))
                if programAnswer[s] == s { correct += 1 }
                if programAnswer[s] == netAnswer { agree += 1 }
                if netAnswer == s { netCorrect += 1 }
            }
        }
        let total = Double(p * p)
        accuracy = Double(correct) / total
        agreement = Double(agree) / total
        networkAccuracy = Double(netCorrect) / total
    }
}

/// Index of the largest element (first on ties).
func argmax(_ v: [Double]) -> Int {
    var best = 0
    for i in 1..<v.count where v[i] > v[best] { best = i }
    return best
}
