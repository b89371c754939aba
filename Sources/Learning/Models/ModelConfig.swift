/// Which network to train (YAML keys in snake_case). Input and output sizes come from the task.
///
/// | kind | keys |
/// |---|---|
/// | `mlp` | widths (hidden widths) or hidden + depth (number of hidden layers, default 1), activation, bias (default true) |
/// | `deep_linear` | widths or hidden + depth; identity activation, no biases |
/// | `onehot_mlp` | hidden, activation (token tasks only) |
/// | `transformer` | d_model, heads, d_mlp, activation (default relu) (token tasks only) |
/// | `monomial` | powers: f(x) = x·Π w_i^{p_i} (one real input, one output; `Monomial`) |
///
/// Initialization for every kind: `init: default` (PyTorch's defaults, times `init_scale`),
/// `init: normal` with `init_std` (every weight N(0, init_std²), zero biases; giving `init_std`
/// alone implies it), or `init: gromov` (N(0, (0.5/(2N)^{1/3})²), docs/references.md).
///
/// Adding an architecture: its model file (`Architecture`) and a case of `Kind` with its
/// branch in `architecture(for:)`; keys it needs beyond these go in `CodingKeys` and `keys`.
public struct ModelConfig: Sendable, Codable, Equatable {
    /// The `init:` schemes.
    public enum InitScheme: String, Sendable, Codable, CaseIterable {
        case framework = "default", normal, gromov
    }

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case mlp
        case onehotMLP = "onehot_mlp"
        case deepLinear = "deep_linear"
        case transformer
        case monomial
    }

    public var kind: Kind
    public var hidden: Int?
    public var widths: [Int]?
    public var depth: Int?
    public var activation: Activation?
    public var bias: Bool?
    public var initialization: InitScheme?
    public var initScale: Double?
    public var initStd: Double?
    public var dModel: Int?
    public var heads: Int?
    public var dMLP: Int?
    public var powers: [Int]?

    public init(kind: Kind, hidden: Int? = nil, widths: [Int]? = nil, depth: Int? = nil, activation: Activation? = nil,
                bias: Bool? = nil, initialization: InitScheme? = nil, initScale: Double? = nil, initStd: Double? = nil,
                dModel: Int? = nil, heads: Int? = nil, dMLP: Int? = nil, powers: [Int]? = nil) {
        self.kind = kind; self.hidden = hidden; self.widths = widths; self.depth = depth; self.activation = activation
        self.bias = bias; self.initialization = initialization; self.initScale = initScale; self.initStd = initStd
        self.dModel = dModel; self.heads = heads; self.dMLP = dMLP; self.powers = powers
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, hidden, widths, depth, activation, bias, heads, powers
        case initialization = "init", initScale = "init_scale", initStd = "init_std"
        case dModel = "d_model", dMLP = "d_mlp"
    }

    /// Defaults of the keys a model leaves out (`keys` documents them from here).
    public static let defaultHidden = 64, defaultOneHotHidden = 128, defaultDepth = 1, defaultInitScale = 1.0
    public static let defaultActivation = Activation.relu
    public static let defaultDModel = 128, defaultHeads = 4, defaultMLPRatio = 4

    /// Every key a notebook may give, with its meaning.
    public static let keys: [ConfigKey] = [
        ConfigKey(CodingKeys.kind, ConfigKey.word(Kind.self), required: true, "The architecture."),
        ConfigKey(CodingKeys.hidden, .wholeNumber, "Hidden width.",
                  default: .perKind([("mlp", Double(defaultHidden)), ("onehot_mlp", Double(defaultOneHotHidden))])),
        ConfigKey(CodingKeys.widths, .list(.wholeNumber), "Hidden widths, one per hidden layer (`[]` with `deep_linear`: a linear map)."),
        ConfigKey(CodingKeys.depth, .wholeNumber, "Number of hidden layers of width `hidden`.", default: .number(Double(defaultDepth))),
        ConfigKey(CodingKeys.activation, ConfigKey.word(Activation.self), "Nonlinearity.", default: .word(defaultActivation.rawValue)),
        ConfigKey(CodingKeys.bias, .flag, "Whether layers have biases (mlp).", default: .flag(true)),
        ConfigKey(CodingKeys.initialization, ConfigKey.word(InitScheme.self), "Initialization scheme.",
                  default: .text("`default`, or `normal` when `init_std` is given")),
        ConfigKey(CodingKeys.initScale, .number, "With `init: default`, multiplies PyTorch's initialization.", default: .number(defaultInitScale)),
        ConfigKey(CodingKeys.initStd, .number, "Standard deviation for init: normal."),
        ConfigKey(CodingKeys.dModel, .wholeNumber, "transformer: residual width.", default: .number(Double(defaultDModel))),
        ConfigKey(CodingKeys.heads, .wholeNumber, "transformer: attention heads.", default: .number(Double(defaultHeads))),
        ConfigKey(CodingKeys.dMLP, .wholeNumber, "transformer: MLP width.", default: .text("\(defaultMLPRatio) × d_model")),
        ConfigKey(CodingKeys.powers, .list(.wholeNumber), "monomial: the powers p_i of f(x) = x·Π w_i^{p_i}, \(Monomial.powersRule)."),
    ]

    /// The weight initialization these keys select.
    public func weightInit() throws(ConfigurationError) -> WeightInit {
        switch initialization {
        case nil, .framework?:
            if let std = initStd, initialization == nil { return .normal(std: std) }
            return .framework(scale: initScale ?? Self.defaultInitScale)
        case .normal?:
            guard let std = initStd else { throw ConfigurationError(["model", "init"], "init: normal needs init_std") }
            return .normal(std: std)
        case .gromov?: return .gromov
        }
    }

    /// The architecture for `dataset`'s input and output sizes.
    public func architecture(for dataset: Dataset) throws(ConfigurationError) -> any Architecture {
        let initialization = try weightInit()
        let hiddenWidths = widths ?? Array(repeating: hidden ?? Self.defaultHidden, count: depth ?? Self.defaultDepth)
        guard hiddenWidths.allSatisfy({ $0 >= 1 }), (depth ?? Self.defaultDepth) >= 0 else {
            throw ConfigurationError(["model", widths != nil ? "widths" : (depth ?? 0) < 0 ? "depth" : "hidden"],
                                     "hidden widths must be at least 1, got \(hiddenWidths)")
        }
        let inputWidth = dataset.vocabulary.map { $0 * dataset.inputWidth } ?? dataset.inputWidth
        switch kind {
        case .mlp:
            return MLP(widths: [inputWidth] + hiddenWidths + [dataset.outputWidth], activation: activation ?? Self.defaultActivation,
                       bias: bias ?? true, initialization: initialization, inputVocabulary: dataset.vocabulary)
        case .deepLinear:
            return MLP(widths: [inputWidth] + hiddenWidths + [dataset.outputWidth], activation: .identity,
                       bias: false, initialization: initialization, inputVocabulary: dataset.vocabulary)
        case .onehotMLP:
            guard let v = dataset.vocabulary else { throw ConfigurationError(["model", "kind"], "onehot_mlp needs a token task (e.g. modular)") }
            return OneHotMLP(vocabulary: v, inputs: dataset.inputWidth, hidden: hidden ?? Self.defaultOneHotHidden, outputs: dataset.outputWidth,
                             activation: activation ?? Self.defaultActivation, initialization: initialization)
        case .transformer:
            guard let v = dataset.vocabulary else { throw ConfigurationError(["model", "kind"], "transformer needs a token task (e.g. modular)") }
            let d = dModel ?? Self.defaultDModel, h = heads ?? Self.defaultHeads
            guard h >= 1 else { throw ConfigurationError(["model", "heads"], "heads must be at least 1, got \(h)") }
            guard d >= 1 else { throw ConfigurationError(["model", "d_model"], "d_model must be at least 1, got \(d)") }
            guard d % h == 0 else { throw ConfigurationError(["model", "heads"], "d_model \(d) is not divisible by heads \(h)") }
            return Transformer(vocabulary: v, sequenceLength: dataset.inputWidth, dModel: d, heads: h, dMLP: dMLP ?? Self.defaultMLPRatio * d,
                               outputs: dataset.outputWidth, activation: activation ?? Self.defaultActivation, initialization: initialization)
        case .monomial:
            guard dataset.vocabulary == nil, dataset.inputWidth == 1, dataset.outputWidth == 1 else {
                throw ConfigurationError(["model", "kind"], "monomial needs a task with one real input and one output (e.g. teacher with widths [1, 1])")
            }
            guard let p = powers, Monomial.accepts(p) else {
                throw ConfigurationError(["model", "powers"], "monomial needs 'powers' \(Monomial.powersRule)")
            }
            return Monomial(powers: p, initialization: initialization)
        }
    }
}
