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
    /// The decay after the warm-up.
    public var schedule: Schedule
    /// cosine, linear: the learning rate the decay approaches at the last update.
    public var minLR: Double
    /// step: updates between two drops of the learning rate.
    public var stepEvery: Int?
    /// step: each drop multiplies the learning rate by this.
    public var stepFactor: Double

    /// Missing hyperparameters take PyTorch's defaults (written once, here; `keys` documents them).
    static let defaultLR = 1e-3, defaultMomentum = 0.0, defaultBetas = [0.9, 0.999], defaultEps = 1e-8, defaultWarmup = 0
    static let defaultAdamWDecay = 0.01, defaultDecay = 0.0
    static let defaultSchedule = Schedule.constant, defaultMinLR = 0.0, defaultStepFactor = 0.1
    /// The optimizer of a `{train}` cell without `optimizer:`.
    public static let defaultKind = Kind.adamw

    public init(kind: Kind, lr: Double? = nil, momentum: Double? = nil, weightDecay: Double? = nil, betas: [Double]? = nil,
                eps: Double? = nil, warmupSteps: Int? = nil, schedule: Schedule? = nil, minLR: Double? = nil,
                stepEvery: Int? = nil, stepFactor: Double? = nil) {
        self.kind = kind; self.lr = lr ?? Self.defaultLR; self.momentum = momentum ?? Self.defaultMomentum
        self.weightDecay = weightDecay ?? (kind == .adamw ? Self.defaultAdamWDecay : Self.defaultDecay)
        self.betas = betas ?? Self.defaultBetas; self.eps = eps ?? Self.defaultEps; self.warmupSteps = warmupSteps ?? Self.defaultWarmup
        self.schedule = schedule ?? Self.defaultSchedule; self.minLR = minLR ?? Self.defaultMinLR
        self.stepEvery = stepEvery; self.stepFactor = stepFactor ?? Self.defaultStepFactor
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, lr, momentum, betas, eps, schedule
        case weightDecay = "weight_decay", warmupSteps = "warmup_steps", minLR = "min_lr"
        case stepEvery = "step_every", stepFactor = "step_factor"
    }

    /// Every key a notebook may give, with its meaning.
    public static let keys: [ConfigKey] = [
        ConfigKey(CodingKeys.kind, ConfigKey.word(Kind.self), required: true, "The optimizer."),
        ConfigKey(CodingKeys.lr, .number, "Learning rate.", default: .number(defaultLR)),
        ConfigKey(CodingKeys.momentum, .number, "sgd: momentum.", default: .number(defaultMomentum)),
        ConfigKey(CodingKeys.weightDecay, .number, "L2 (sgd, adam) or decoupled (adamw) weight decay.",
                  default: .perKind([("adamw", defaultAdamWDecay), ("sgd, adam", defaultDecay)])),
        ConfigKey(CodingKeys.betas, .list(.number), "adam, adamw: (β₁, β₂).", default: .numbers(defaultBetas)),
        ConfigKey(CodingKeys.eps, .number, "adam, adamw: ε.", default: .number(defaultEps)),
        ConfigKey(CodingKeys.warmupSteps, .wholeNumber, "Linear learning-rate warm-up: update t ≤ W uses lr·t/W.", default: .number(Double(defaultWarmup))),
        ConfigKey(CodingKeys.schedule, ConfigKey.word(Schedule.self), "Decay after the warm-up, over the remaining D updates, e counting from 0: `constant`; `cosine`, min_lr + (lr − min_lr)·½(1 + cos(πe/D)); `linear`, lr + (min_lr − lr)·e/D; `step`, lr·step_factor^⌊e/step_every⌋.",
                  default: .word(defaultSchedule.rawValue)),
        ConfigKey(CodingKeys.minLR, .number, "cosine, linear: the learning rate approached at the end.", default: .number(defaultMinLR)),
        ConfigKey(CodingKeys.stepEvery, .wholeNumber, "step: updates between drops (required for `schedule: step`)."),
        ConfigKey(CodingKeys.stepFactor, .number, "step: factor of each drop.", default: .number(defaultStepFactor)),
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(Kind.self, forKey: .kind),
                  lr: try c.decodeIfPresent(Double.self, forKey: .lr),
                  momentum: try c.decodeIfPresent(Double.self, forKey: .momentum),
                  weightDecay: try c.decodeIfPresent(Double.self, forKey: .weightDecay),
                  betas: try c.decodeIfPresent([Double].self, forKey: .betas),
                  eps: try c.decodeIfPresent(Double.self, forKey: .eps),
                  warmupSteps: try c.decodeIfPresent(Int.self, forKey: .warmupSteps),
                  schedule: try c.decodeIfPresent(Schedule.self, forKey: .schedule),
                  minLR: try c.decodeIfPresent(Double.self, forKey: .minLR),
                  stepEvery: try c.decodeIfPresent(Int.self, forKey: .stepEvery),
                  stepFactor: try c.decodeIfPresent(Double.self, forKey: .stepFactor))
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
