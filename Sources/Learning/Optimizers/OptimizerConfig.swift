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

    public init(kind: Kind, lr: Double, momentum: Double = 0, weightDecay: Double? = nil, betas: [Double] = [0.9, 0.999],
                eps: Double = 1e-8, warmupSteps: Int = 0) {
        self.kind = kind; self.lr = lr; self.momentum = momentum
        self.weightDecay = weightDecay ?? (kind == .adamw ? 0.01 : 0)
        self.betas = betas; self.eps = eps; self.warmupSteps = warmupSteps
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, lr, momentum, betas, eps
        case weightDecay = "weight_decay", warmupSteps = "warmup_steps"
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
                  warmupSteps: try c.decodeIfPresent(Int.self, forKey: .warmupSteps) ?? 0)
        guard betas.count == 2 else {
            throw DecodingError.dataCorruptedError(forKey: .betas, in: c, debugDescription: "betas must have two values")
        }
    }

    /// The learning rate of update number t (1-based).
    public func learningRate(atUpdate t: Int) -> Double {
        warmupSteps > 0 ? lr * Swift.min(1, Double(t) / Double(warmupSteps)) : lr
    }
}
