/// The result of `estimateLLC`: the local learning coefficient λ̂(w*) and its diagnostics.
public struct LLCEstimate: Sendable, Equatable {
    /// Mean of the per-chain estimates.
    public var mean: Double
    /// Sample standard deviation (divisor chains − 1, as devinterp's `llc/std`) of the per-chain
    /// estimates; 0 for a single chain.
    public var std: Double
    /// λ̂ of each chain: nβ · (mean recorded loss − L_n(w*)).
    public var perChain: [Double]
    /// The recorded (post burn-in) loss of each draw, per chain: the minibatch loss computed
    /// before the step.
    public var lossTraces: [[Double]]
    /// L_n(w*), the full-batch loss at the centre.
    public var initialLoss: Double
    /// Mean MALA acceptance probability over all recorded transitions of all chains.
    public var acceptanceMean: Double
    /// Mean MALA acceptance probability per chain.
    public var acceptancePerChain: [Double]
    /// The nβ used.
    public var nBeta: Double
    /// The first chain that diverged (`sgldDivergenceFactor`), where, and its loss; the estimate
    /// is then meaningless.
    public var divergence: Divergence?

    public struct Divergence: Sendable, Equatable {
        /// 0-based chain index.
        public var chain: Int
        /// The SGLD step (1-based, burn-in included) whose loss left the bound.
        public var step: Int
        public var loss: Double
    }

    public init(mean: Double, std: Double, perChain: [Double], lossTraces: [[Double]], initialLoss: Double,
                acceptanceMean: Double, acceptancePerChain: [Double], nBeta: Double) {
        self.mean = mean
        self.std = std
        self.perChain = perChain
        self.lossTraces = lossTraces
        self.initialLoss = initialLoss
        self.acceptanceMean = acceptanceMean
        self.acceptancePerChain = acceptancePerChain
        self.nBeta = nBeta
    }

    /// The per-draw loss averaged over chains (for plotting the trace; chains have equal length).
    public var meanLossTrace: [Double] {
        guard let first = lossTraces.first else { return [] }
        return (0..<first.count).map { t in lossTraces.reduce(0) { $0 + $1[t] } / Double(lossTraces.count) }
    }

    /// How far the chains were still moving: nβ·(mean loss of the second half of the draws − mean
    /// loss of the first half), averaged over chains — the estimate from the second half minus the
    /// estimate from the first. Near zero (within the chains' spread) once the chains sample their
    /// equilibrium; a value comparable to λ̂ means the chains were still climbing from w* (more
    /// draws or a burn-in are needed) or drifting away (a smaller ε or a larger γ). 0 with fewer
    /// than two draws.
    public var drift: Double {
        let halves = lossTraces.compactMap { trace -> Double? in
            let n = trace.count
            guard n >= 2 else { return nil }
            let first = trace[..<(n / 2)].reduce(0, +) / Double(n / 2)
            let second = trace[(n / 2)...].reduce(0, +) / Double(n - n / 2)
            return nBeta * (second - first)
        }
        return halves.isEmpty ? 0 : halves.reduce(0, +) / Double(halves.count)
    }

    /// The per-draw running estimate nβ·(L(w_t) − L_n(w*)) averaged over chains.
    public var meanLLCTrace: [Double] { meanLossTrace.map { nBeta * ($0 - initialLoss) } }
}
