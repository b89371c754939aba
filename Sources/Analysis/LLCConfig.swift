/// Settings of the SGLD estimator of the local learning coefficient (Lau, Furman, Wang, Murfet,
/// Wei 2023, arXiv 2308.12108; the devinterp library's `llc`/`SGLD`).
///
/// The sampled distribution is the localized tempered posterior
///   p(w) ∝ exp(−nβ·L_n(w) − (γ/2)‖w − w*‖²).
public struct LLCConfig: Sendable, Equatable {
    /// Inverse temperature times sample size, nβ. `nil` means the default n / ln n, with n the
    /// full training-set size (`Objective.sampleCount`).
    public var nBeta: Double?
    /// Localization strength γ (devinterp's `localization`).
    public var gamma: Double
    /// SGLD step size ε (devinterp's `lr`).
    public var epsilon: Double
    /// Number of independent chains; chain c draws from its own stream,
    /// `RandomGenerator.streamSeed(seed, index: c)`.
    public var chains: Int
    /// Number of recorded draws per chain (after burn-in).
    public var draws: Int
    /// Number of SGLD steps per chain before recording starts.
    public var burnIn: Int
    /// Minibatch size; `nil` means full batch.
    public var batchSize: Int?
    /// Base seed of the chains' random number generators.
    public var seed: UInt64
    /// devinterp's `bounding_box_size`: when set, every coordinate is clamped to
    /// [w*_i − box, w*_i + box] after each step (used by devinterp's polynomial-model tests).
    public var boundingBox: Double?
    /// The weight-refined LLC of Wang, Hoogland, van Wingerden, Furman, Murfet (2024): when set,
    /// SGLD moves only the coordinates in these ranges of the flat parameter vector and holds the
    /// rest at w*, so λ̂ measures the learning coefficient of that block with the others fixed.
    /// `nil` means every parameter.
    public var parameterRanges: [Range<Int>]?

    public init(nBeta: Double? = nil, gamma: Double = 1.0, epsilon: Double = 1e-4, chains: Int = 4,
                draws: Int = 200, burnIn: Int = 0, batchSize: Int? = nil, seed: UInt64 = 0,
                boundingBox: Double? = nil, parameterRanges: [Range<Int>]? = nil) {
        self.nBeta = nBeta
        self.gamma = gamma
        self.epsilon = epsilon
        self.chains = chains
        self.draws = draws
        self.burnIn = burnIn
        self.batchSize = batchSize
        self.seed = seed
        self.boundingBox = boundingBox
        self.parameterRanges = parameterRanges
    }

    /// nβ for a training set of n examples: the configured value or n / ln n.
    public func resolvedNBeta(sampleCount n: Int) -> Double {
        if let nBeta { return nBeta }
        precondition(n > 1, "LLCConfig: default nβ = n/ln n needs n > 1")
        return Double(n) / Foundation.log(Double(n))
    }
}

import Foundation
