import Dispatch
import Foundation

/// Estimates the local learning coefficient λ(w*) by stochastic-gradient Langevin dynamics
/// (Lau, Furman, Wang, Murfet, Wei 2023, arXiv 2308.12108; as implemented in devinterp).
///
/// Each chain starts at w* and takes `burnIn + draws` steps of
///   w ← w − (ε/2)·(nβ·∇L_B(w) + γ(w − w*)) + √ε·ξ,   ξ ~ N(0, I),
/// where L_B is the mean loss of a minibatch B (batches are drawn without replacement from a fresh
/// permutation of 0..<n each epoch; the full set when `batchSize` is nil). The loss of a draw is
/// L_B(w) computed before the step; the chain's estimate is
///   λ̂_c = nβ · (mean of the recorded draws' losses − L_n(w*)),
/// and the result reports their mean and standard deviation across chains.
///
/// MALA diagnostic: with U(w) = nβ·L(w) + (γ/2)‖w − w*‖² and
/// log q(x|y) = −‖x − y + (ε/2)∇U(y)‖²/(2ε), each recorded transition w → w' gets the
/// Metropolis–Hastings acceptance probability min(1, exp(U(w) − U(w') + log q(w|w') − log q(w'|w))).
/// Like devinterp, U and ∇U at each point use the minibatch drawn at that point (exact with full
/// batch), so the diagnostic needs only one extra gradient evaluation per chain.
///
/// Chains run concurrently (`DispatchQueue.concurrentPerform`); chain c uses
/// `SeededNormal(seed: config.seed + c)` for both its batches and its noise, so results do not
/// depend on scheduling.
public func estimateLLC<O: Objective>(objective: O, at wStar: [Double], config: LLCConfig) -> LLCEstimate {
    precondition(wStar.count == objective.dimension, "estimateLLC: w* has \(wStar.count) entries, objective \(objective.dimension)")
    precondition(config.chains >= 1 && config.draws >= 1, "estimateLLC: need at least one chain and one draw")
    let nBeta = config.resolvedNBeta(sampleCount: objective.sampleCount)
    let initialLoss = objective.loss(at: wStar, batch: nil)
    let store = ChainStore(count: config.chains)
    DispatchQueue.concurrentPerform(iterations: config.chains) { c in
        let result = runSGLDChain(objective: objective, wStar: wStar, config: config, nBeta: nBeta,
                                  seed: config.seed &+ UInt64(c), initialLoss: initialLoss)
        store.set(c, result)
    }
    let results = store.results()
    let perChain = results.map { nBeta * (mean($0.trace) - initialLoss) }
    let m = mean(perChain)
    var std = 0.0
    if perChain.count > 1 {
        std = (perChain.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(perChain.count - 1)).squareRoot()
    }
    let acceptance = results.map { mean($0.acceptance) }
    var estimate = LLCEstimate(mean: m, std: std, perChain: perChain, lossTraces: results.map(\.trace),
                               initialLoss: initialLoss, acceptanceMean: mean(acceptance),
                               acceptancePerChain: acceptance, nBeta: nBeta)
    if let (chain, result) = results.enumerated().first(where: { $0.element.divergence != nil }) {
        estimate.divergence = .init(chain: chain, step: result.divergence!.step, loss: result.divergence!.loss)
    }
    return estimate
}

/// When a chain counts as diverged: its loss is not finite, or nβ·(L − L(w*)) exceeds this many
/// times d/2. At equilibrium nβ·(L − L(w*)) averages λ ≤ d/2 (Watanabe; for a quadratic it is
/// half a χ² with d degrees of freedom), and a χ²_d exceeds 100·d with probability below
/// e^(−47d) (Chernoff: (k·e^(1−k))^(d/2) at k = 100), so a chain past the bound is not sampling
/// the posterior: ε is too large or γ too small. (ε = 1000 on a quadratic gave λ̂ = 2.8e122.)
public let sgldDivergenceFactor = 100.0

/// One chain's recorded losses and MALA acceptance probabilities.
struct ChainResult: Sendable {
    var trace: [Double]
    var acceptance: [Double]
    /// The step (counted from the first, burn-in included) and loss at which the chain diverged
    /// and stopped.
    var divergence: (step: Int, loss: Double)?
}

/// Collects chain results written from concurrent iterations (each index written once).
final class ChainStore: @unchecked Sendable {
    private var slots: [ChainResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: ChainResult) { lock.lock(); slots[i] = r; lock.unlock() }
    func results() -> [ChainResult] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}

/// Draws minibatches without replacement: a fresh permutation each epoch, consecutive slices of it;
/// when fewer than `size` indices remain the epoch ends and a new permutation starts.
struct BatchSampler {
    let n: Int
    let size: Int?
    private var order: [Int] = []
    private var position = 0

    init(n: Int, size: Int?) {
        self.n = n
        if let s = size { precondition(s >= 1 && s <= n, "batch size \(s) outside 1...\(n)") }
        self.size = (size == n) ? nil : size
    }

    mutating func next(_ rng: inout SeededNormal) -> [Int]? {
        guard let size else { return nil }
        if order.isEmpty || position + size > n {
            order = rng.permutation(n)
            position = 0
        }
        defer { position += size }
        return Array(order[position..<(position + size)])
    }
}

func runSGLDChain<O: Objective>(objective: O, wStar: [Double], config: LLCConfig, nBeta: Double, seed: UInt64,
                                 initialLoss: Double) -> ChainResult {
    let divergenceBound = sgldDivergenceFactor * max(1, Double(wStar.count) / 2)
    var rng = SeededNormal(seed: seed)
    var sampler = BatchSampler(n: objective.sampleCount, size: config.batchSize)
    let d = wStar.count, eps = config.epsilon, gamma = config.gamma
    let noiseScale = eps.squareRoot()
    var w = wStar
    var current = objective.lossAndGradient(at: w, batch: sampler.next(&rng))
    var trace: [Double] = []
    var acceptance: [Double] = []
    trace.reserveCapacity(config.draws)
    acceptance.reserveCapacity(config.draws)
    var gradU = [Double](repeating: 0, count: d)
    var wNew = [Double](repeating: 0, count: d)
    for step in 0..<(config.burnIn + config.draws) {
        let record = step >= config.burnIn
        if record { trace.append(current.loss) }
        // ∇U(w) = nβ·∇L_B(w) + γ(w − w*); U(w) = nβ·L_B(w) + (γ/2)‖w − w*‖².
        var distance2 = 0.0
        for i in 0..<d {
            let delta = w[i] - wStar[i]
            distance2 += delta * delta
            gradU[i] = nBeta * current.gradient[i] + gamma * delta
            wNew[i] = w[i] - 0.5 * eps * gradU[i] + noiseScale * rng.normal()
        }
        if let box = config.boundingBox {
            for i in 0..<d { wNew[i] = min(max(wNew[i], wStar[i] - box), wStar[i] + box) }
        }
        let next = objective.lossAndGradient(at: wNew, batch: sampler.next(&rng))
        if !next.loss.isFinite || !(nBeta * (next.loss - initialLoss) <= divergenceBound) {
            return ChainResult(trace: trace, acceptance: acceptance, divergence: (step + 1, next.loss))
        }
        if record {
            let u = nBeta * current.loss + 0.5 * gamma * distance2
            var newDistance2 = 0.0, forward = 0.0, backward = 0.0
            for i in 0..<d {
                let delta = wNew[i] - wStar[i]
                newDistance2 += delta * delta
                let gradUNew = nBeta * next.gradient[i] + gamma * delta
                // log q(w'|w): x = w', y = w; log q(w|w'): x = w, y = w'.
                let f = wNew[i] - w[i] + 0.5 * eps * gradU[i]
                let b = w[i] - wNew[i] + 0.5 * eps * gradUNew
                forward += f * f
                backward += b * b
            }
            let uNew = nBeta * next.loss + 0.5 * gamma * newDistance2
            let logRatio = (u - uNew) + (-backward / (2 * eps)) - (-forward / (2 * eps))
            acceptance.append(logRatio >= 0 ? 1 : exp(logRatio))
        }
        swap(&w, &wNew)
        current = next
    }
    return ChainResult(trace: trace, acceptance: acceptance)
}

@inline(__always) func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
