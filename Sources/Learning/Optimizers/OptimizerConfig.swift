import Foundation

/// An optimizer's kind and hyperparameters (YAML keys: kind, lr, momentum, weight_decay, betas,
/// eps, warmup_steps, schedule, min_lr, step_every, step_factor).
public struct OptimizerConfig: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case sgd, adam, adamw }

    /// How the learning rate decays after the warm-up (`learningRate(atUpdate:of:)`).
    public enum Schedule: String, Sendable, Codable, CaseIterable { case constant, cosine, linear, step }

    public var kind: Kind
    public var lr: Double
    /// SGD momentum μ (0 = plain SGD).
    public var momentum: Double
    /// SGD and Adam: L2 penalty added to the gradient; AdamW: decoupled decay θ ← θ(1 − lr·wd).
    public var weightDecay: Double
    public var betas: [Double]
    public var eps: Double
    /// Linear warm-up: update t (t = 1, 2, …) uses lr·min(1, t/warmup_steps); 0 = none.
    public var warmupSteps: Int
    /// The decay after the warm-up (default constant).
    public var schedule: Schedule
    /// cosine, linear: the learning rate the decay approaches at the last update (default 0).
    public var minLR: Double
    /// step: updates between two drops of the learning rate.
    public var stepEvery: Int?
    /// step: each drop multiplies the learning rate by this (default 0.1).
    public var stepFactor: Double

    public init(kind: Kind, lr: Double, momentum: Double = 0, weightDecay: Double? = nil, betas: [Double] = [0.9, 0.999],
                eps: Double = 1e-8, warmupSteps: Int = 0, schedule: Schedule = .constant, minLR: Double = 0,
                stepEvery: Int? = nil, stepFactor: Double = 0.1) {
        self.kind = kind; self.lr = lr; self.momentum = momentum
        self.weightDecay = weightDecay ?? (kind == .adamw ? 0.01 : 0)
        self.betas = betas; self.eps = eps; self.warmupSteps = warmupSteps
        self.schedule = schedule; self.minLR = minLR; self.stepEvery = stepEvery; self.stepFactor = stepFactor
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, lr, momentum, betas, eps, schedule
        case weightDecay = "weight_decay", warmupSteps = "warmup_steps", minLR = "min_lr"
        case stepEvery = "step_every", stepFactor = "step_factor"
    }

    /// Every YAML key this configuration reads (for validation and "did you mean" suggestions).
    public static var allowedKeys: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// Missing keys take PyTorch's defaults: momentum 0, betas (0.9, 0.999), eps 1e-8, weight decay
    /// 0.01 for AdamW and 0 otherwise, lr 1e-3.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kindName = try c.decode(String.self, forKey: .kind)
        guard let kind = Kind(rawValue: kindName.lowercased()) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c,
                debugDescription: "unknown optimizer '\(kindName)'; expected sgd, adam or adamw")
        }
        self.init(kind: kind,
                  lr: try c.decodeIfPresent(Double.self, forKey: .lr) ?? 1e-3,
                  momentum: try c.decodeIfPresent(Double.self, forKey: .momentum) ?? 0,
                  weightDecay: try c.decodeIfPresent(Double.self, forKey: .weightDecay),
                  betas: try c.decodeIfPresent([Double].self, forKey: .betas) ?? [0.9, 0.999],
                  eps: try c.decodeIfPresent(Double.self, forKey: .eps) ?? 1e-8,
                  warmupSteps: try c.decodeIfPresent(Int.self, forKey: .warmupSteps) ?? 0,
                  schedule: try c.decodeIfPresent(Schedule.self, forKey: .schedule) ?? .constant,
                  minLR: try c.decodeIfPresent(Double.self, forKey: .minLR) ?? 0,
                  stepEvery: try c.decodeIfPresent(Int.self, forKey: .stepEvery),
                  stepFactor: try c.decodeIfPresent(Double.self, forKey: .stepFactor) ?? 0.1)
        guard betas.count == 2 else {
            throw DecodingError.dataCorruptedError(forKey: .betas, in: c, debugDescription: "betas must have two values")
        }
        guard warmupSteps >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .warmupSteps, in: c, debugDescription: "must be at least 0")
        }
        if schedule == .step, (stepEvery ?? 0) < 1 {
            throw DecodingError.dataCorruptedError(forKey: c.contains(.stepEvery) ? .stepEvery : .schedule, in: c,
                debugDescription: "schedule: step needs step_every, a whole number of updates ≥ 1")
        }
    }

    /// The learning rate of update number t (1-based) of a run of `total` updates.
    ///
    /// Warm-up: t ≤ W (W = warmup_steps) uses lr·t/W. After it, with e = t − 1 − W updates past the
    /// warm-up and D = total − W the updates the decay spans (PyTorch's schedulers at epoch e,
    /// `torch.optim.lr_scheduler`):
    /// - constant: lr;
    /// - cosine: min_lr + (lr − min_lr)·½(1 + cos(π·e/D)) (`CosineAnnealingLR` with T_max = D);
    /// - linear: lr + (min_lr − lr)·e/D;
    /// - step: lr·step_factor^⌊e/step_every⌋ (`StepLR`).
    /// So the first update after the warm-up uses lr, and cosine and linear reach min_lr one
    /// update past the last.
    public func learningRate(atUpdate t: Int, of total: Int) -> Double {
        if warmupSteps > 0 && t <= warmupSteps { return lr * (Double(t) / Double(warmupSteps)) }
        let e = Double(t - 1 - warmupSteps), span = Double(Swift.max(1, total - warmupSteps))
        switch schedule {
        case .constant: return lr
        case .cosine: return minLR + (lr - minLR) * 0.5 * (1 + cos(Double.pi * e / span))
        case .linear: return lr + (minLR - lr) * e / span
        case .step: return lr * Foundation.pow(stepFactor, (e / Double(stepEvery ?? 1)).rounded(.down))
        }
    }
}
