/// An optimizer's kind and hyperparameters (YAML keys: kind, lr, momentum, weight_decay, betas,
/// eps, warmup_steps).
public struct OptimizerConfig: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case sgd, adam, adamw }

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

    /// Missing hyperparameters take PyTorch's defaults (written once, here; `keys` documents them).
    static let defaultLR = 1e-3, defaultMomentum = 0.0, defaultBetas = [0.9, 0.999], defaultEps = 1e-8, defaultWarmup = 0
    static let defaultAdamWDecay = 0.01, defaultDecay = 0.0
    /// The optimizer of a `{train}` cell without `optimizer:`.
    public static let defaultKind = Kind.adamw

    public init(kind: Kind, lr: Double? = nil, momentum: Double? = nil, weightDecay: Double? = nil, betas: [Double]? = nil,
                eps: Double? = nil, warmupSteps: Int? = nil) {
        self.kind = kind; self.lr = lr ?? Self.defaultLR; self.momentum = momentum ?? Self.defaultMomentum
        self.weightDecay = weightDecay ?? (kind == .adamw ? Self.defaultAdamWDecay : Self.defaultDecay)
        self.betas = betas ?? Self.defaultBetas; self.eps = eps ?? Self.defaultEps; self.warmupSteps = warmupSteps ?? Self.defaultWarmup
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, lr, momentum, betas, eps
        case weightDecay = "weight_decay", warmupSteps = "warmup_steps"
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
        ConfigKey(CodingKeys.warmupSteps, .wholeNumber, "Linear learning-rate warm-up.", default: .number(Double(defaultWarmup))),
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(Kind.self, forKey: .kind),
                  lr: try c.decodeIfPresent(Double.self, forKey: .lr),
                  momentum: try c.decodeIfPresent(Double.self, forKey: .momentum),
                  weightDecay: try c.decodeIfPresent(Double.self, forKey: .weightDecay),
                  betas: try c.decodeIfPresent([Double].self, forKey: .betas),
                  eps: try c.decodeIfPresent(Double.self, forKey: .eps),
                  warmupSteps: try c.decodeIfPresent(Int.self, forKey: .warmupSteps))
        guard betas.count == 2 else {
            throw DecodingError.dataCorruptedError(forKey: .betas, in: c, debugDescription: "betas must have two values")
        }
    }

    /// The learning rate of update number t (1-based).
    public func learningRate(atUpdate t: Int) -> Double {
        warmupSteps > 0 ? lr * Swift.min(1, Double(t) / Double(warmupSteps)) : lr
    }
}
