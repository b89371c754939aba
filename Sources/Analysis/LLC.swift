import Dispatch
import Foundation
import Tensors

/// Estimates the local learning coefficient λ(w*) by stochastic-gradient Langevin dynamics
/// (Lau, Furman, Wang, Murfet, Wei 2023, arXiv 2308.12108; as implemented in devinterp).
///
/// Each chain starts at w* and takes `burnIn + draws` steps of
///   w ← w − (ε/2)·(nβ·∇L_B(w) + γ(w − w*)) + √ε·ξ,   ξ ~ N(0, I),
/// where L_B is the mean loss of a minibatch B (batches are drawn without replacement from a fresh
/// permutation of 0..<n each epoch; the full set when `batchSize` is nil). The loss of a draw is
/// L_B(w) computed before the step; the chain's estimate is
///   λ̂_c = nβ · (mean of the recorded draws' losses − L_n(w*)),
/// and the result reports their mean and standard deviation across chains. With
/// `config.parameterRanges` only those coordinates move (the weight-refined LLC); the others stay
/// at w* and contribute neither noise nor drift.
///
/// The arithmetic of the step is the objective's `Scalar` (Float for a network evaluated in
/// Float); losses, λ̂ and the MALA diagnostic are accumulated in Double.
///
/// MALA diagnostic: with U(w) = nβ·L(w) + (γ/2)‖w − w*‖² and
/// log q(x|y) = −‖x − y + (ε/2)∇U(y)‖²/(2ε), each recorded transition w → w' gets the
/// Metropolis–Hastings acceptance probability min(1, exp(U(w) − U(w') + log q(w|w') − log q(w'|w))).
/// With minibatches, U and ∇U at both ends of a transition use the batch B that drew it: the
/// acceptance is that of the step's own target exp(−U_B), so it measures the discretization
/// alone. (devinterp takes each end on the batch drawn there; on the final transformer of notebook
/// 08 the batch-to-batch change of nβ·L_B then dominates the ratio: at ε = 1e-5 it read 45% on
/// batches of 256 where the full-batch acceptance is 98%.) With batches this costs one more loss
/// and gradient, so it is taken at every `minibatchAcceptanceStride`-th draw; with the full batch
/// it is exact and free, and taken at every draw.
///
/// Chains run concurrently on up to `workers` threads (default: the active cores); worker k runs
/// chains k, k + workers, … in turn. Chain c draws its batches and noise from its own stream
/// `RandomGenerator(seed: RandomGenerator.streamSeed(config.seed, index: c))`, so the result does
/// not depend on `workers` or on scheduling, and estimates at different seeds share no chain.
/// While more than one worker runs, OpenBLAS is held to one thread (the chains are the
/// parallelism) and restored afterwards.
public func estimateLLC<O: Objective>(objective: O, at wStar: [Double], config: LLCConfig,
                                      workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> LLCEstimate {
    precondition(wStar.count == objective.dimension, "estimateLLC: w* has \(wStar.count) entries, objective \(objective.dimension)")
    precondition(config.chains >= 1 && config.draws >= 1, "estimateLLC: need at least one chain and one draw")
    let free = config.parameterRanges ?? [0..<wStar.count]
    precondition(free.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= wStar.count },
                 "estimateLLC: a parameter range lies outside 0..<\(wStar.count)")
    let nBeta = config.resolvedNBeta(sampleCount: objective.sampleCount)
    let center = wStar.map { O.Scalar($0) }
    let initialLoss = objective.loss(at: center, batch: nil)
    let store = ChainStore(count: config.chains)
    let workerCount = max(1, min(workers, config.chains))
    let blasThreads = currentBLASThreads()
    if workerCount > 1 { setBLASThreads(1) }
    DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
        for c in stride(from: worker, to: config.chains, by: workerCount) {
            store.set(c, runSGLDChain(objective: objective, wStar: center, free: free, config: config, nBeta: nBeta,
                                      seed: RandomGenerator.streamSeed(config.seed, index: c), initialLoss: initialLoss))
        }
    }
    if workerCount > 1 { setBLASThreads(blasThreads) }
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
/// times d/2 (d the number of coordinates that move). At equilibrium nβ·(L − L(w*)) averages
/// λ ≤ d/2 (Watanabe; for a quadratic it is half a χ² with d degrees of freedom), and a χ²_d
/// exceeds 100·d with probability below e^(−47d) (Chernoff: (k·e^(1−k))^(d/2) at k = 100), so a
/// chain past the bound is not sampling the posterior: ε is too large or γ too small. (ε = 1000 on
/// a quadratic gave λ̂ = 2.8e122.)
public let sgldDivergenceFactor = 100.0

/// With minibatches the MALA diagnostic costs an extra loss and gradient, so it is taken at every
/// `minibatchAcceptanceStride`-th recorded draw (the first, the fifth, …): the mean over a quarter
/// of the draws estimates the same stationary acceptance, at a quarter of the cost (a fifth of the
/// chain's work instead of nearly half).
public let minibatchAcceptanceStride = 4

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

    mutating func next(_ rng: inout RandomGenerator) -> [Int]? {
        guard let size else { return nil }
        if order.isEmpty || position + size > n {
            order = rng.permutation(n)
            position = 0
        }
        defer { position += size }
        return Array(order[position..<(position + size)])
    }
}

/// One chain (see `estimateLLC`). Coordinates outside `free` are never written, so they stay at w*.
func runSGLDChain<O: Objective>(objective: O, wStar: [O.Scalar], free: [Range<Int>], config: LLCConfig,
                                nBeta: Double, seed: UInt64, initialLoss: Double) -> ChainResult {
    typealias S = O.Scalar
    let moving = free.reduce(0) { $0 + $1.count }
    let divergenceBound = sgldDivergenceFactor * max(1, Double(moving) / 2)
    var rng = RandomGenerator(seed: seed)
    var sampler = BatchSampler(n: objective.sampleCount, size: config.batchSize)
    let eps = config.epsilon
    let halfEps = S(0.5 * eps), noiseScale = S(eps.squareRoot()), nB = S(nBeta), gamma = S(config.gamma)
    let box = config.boundingBox.map { S($0) }
    var w = wStar, wNew = wStar
    var gradU = [S](repeating: 0, count: wStar.count)
    var noise = [S](repeating: 0, count: moving)
    var batch = sampler.next(&rng)
    var current = objective.lossAndGradient(at: w, batch: batch)
    var trace: [Double] = [], acceptance: [Double] = []
    trace.reserveCapacity(config.draws)
    acceptance.reserveCapacity(config.draws)
    for step in 0..<(config.burnIn + config.draws) {
        let record = step >= config.burnIn
        if record { trace.append(current.loss) }
        noise.withUnsafeMutableBufferPointer { rng.fillNormals($0) }
        // ∇U(w) = nβ·∇L_B(w) + γ(w − w*); U(w) = nβ·L_B(w) + (γ/2)‖w − w*‖².
        let distance2 = sgldProposal(w: w, wStar: wStar, gradient: current.gradient, noise: noise, free: free,
                                     nBeta: nB, gamma: gamma, halfEps: halfEps, noiseScale: noiseScale, box: box,
                                     gradU: &gradU, wNew: &wNew)
        let nextBatch = sampler.next(&rng)
        let next = objective.lossAndGradient(at: wNew, batch: nextBatch)
        if !next.loss.isFinite || !(nBeta * (next.loss - initialLoss) <= divergenceBound) {
            return ChainResult(trace: trace, acceptance: acceptance, divergence: (step + 1, next.loss))
        }
        if record && (batch == nil || (step - config.burnIn) % minibatchAcceptanceStride == 0) {
            // The proposal's target is exp(−U_B) for this step's batch B, so U and ∇U at w' are
            // taken on B too (one more evaluation when B is a minibatch).
            let atNew = batch == nil ? next : objective.lossAndGradient(at: wNew, batch: batch)
            let (newDistance2, forward, backward) = malaTerms(w: w, wNew: wNew, wStar: wStar, gradU: gradU,
                                                              gradientNew: atNew.gradient, free: free,
                                                              nBeta: nB, gamma: gamma, halfEps: halfEps)
            let u = nBeta * current.loss + 0.5 * config.gamma * distance2
            let uNew = nBeta * atNew.loss + 0.5 * config.gamma * newDistance2
            let logRatio = (u - uNew) + (-backward / (2 * eps)) - (-forward / (2 * eps))
            acceptance.append(logRatio >= 0 ? 1 : exp(logRatio))
        }
        swap(&w, &wNew)
        current = next
        batch = nextBatch
    }
    return ChainResult(trace: trace, acceptance: acceptance)
}

/// The SGLD proposal on the free coordinates: gradU = nβ·g + γ(w − w*),
/// wNew = w − (ε/2)·gradU + √ε·ξ (clamped to the bounding box when set); returns ‖w − w*‖²
/// (summed in Double).
@_specialize(where S == Float) @_specialize(where S == Double)
private func sgldProposal<S: BLASScalar>(w: [S], wStar: [S], gradient: [S], noise: [S], free: [Range<Int>],
                                         nBeta: S, gamma: S, halfEps: S, noiseScale: S, box: S?,
                                         gradU: inout [S], wNew: inout [S]) -> Double {
    var distance2 = 0.0
    w.withUnsafeBufferPointer { w in wStar.withUnsafeBufferPointer { c in gradient.withUnsafeBufferPointer { g in
        noise.withUnsafeBufferPointer { xi in gradU.withUnsafeMutableBufferPointer { gu in
            wNew.withUnsafeMutableBufferPointer { out in
                var k = 0
                for range in free {
                    var sum = 0.0
                    for i in range {
                        let delta = w[i] - c[i]
                        sum += Double(delta) * Double(delta)
                        let u = nBeta * g[i] + gamma * delta
                        gu[i] = u
                        out[i] = w[i] - halfEps * u + noiseScale * xi[k]
                        k += 1
                    }
                    distance2 += sum
                    if let box {
                        for i in range { out[i] = min(max(out[i], c[i] - box), c[i] + box) }
                    }
                }
            }
        } }
    } } }
    return distance2
}

/// ‖w' − w*‖², ‖w' − w + (ε/2)∇U(w)‖² (log q(w'|w)) and ‖w − w' + (ε/2)∇U(w')‖² (log q(w|w'))
/// over the free coordinates. Each term is formed in `S` and summed in Double: the log ratio is a
/// difference of two sums of order d·ε divided by 2ε, which Float sums of 10⁵ terms would blur by
/// more than 1.
@_specialize(where S == Float) @_specialize(where S == Double)
private func malaTerms<S: BLASScalar>(w: [S], wNew: [S], wStar: [S], gradU: [S], gradientNew: [S], free: [Range<Int>],
                                      nBeta: S, gamma: S, halfEps: S) -> (Double, Double, Double) {
    var distance2 = 0.0, forward = 0.0, backward = 0.0
    w.withUnsafeBufferPointer { w in wNew.withUnsafeBufferPointer { x in wStar.withUnsafeBufferPointer { c in
        gradU.withUnsafeBufferPointer { gu in gradientNew.withUnsafeBufferPointer { g in
            for range in free {
                var d2 = 0.0, f2 = 0.0, b2 = 0.0
                for i in range {
                    let delta = x[i] - c[i]
                    let gradUNew = nBeta * g[i] + gamma * delta
                    let f = Double(x[i] - w[i] + halfEps * gu[i]), b = Double(w[i] - x[i] + halfEps * gradUNew)
                    d2 += Double(delta) * Double(delta)
                    f2 += f * f
                    b2 += b * b
                }
                distance2 += d2; forward += f2; backward += b2
            }
        } }
    } } }
    return (distance2, forward, backward)
}

@inline(__always) func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
