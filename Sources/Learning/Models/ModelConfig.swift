/// Which network to train (YAML keys in snake_case). Input and output sizes come from the task.
///
/// | kind | keys |
/// |---|---|
/// | `mlp` | widths (hidden widths) or hidden + depth (number of hidden layers, default 1), activation, bias (default true) |
/// | `deep_linear` | widths or hidden + depth; identity activation, no biases |
/// | `onehot_mlp` | hidden, activation (token tasks only) |
/// | `transformer` | d_model, heads, d_mlp, activation (default relu) (token tasks only) |
///
/// Initialization for every kind: `init: default` (PyTorch's defaults, times `init_scale`),
/// `init: normal` with `init_std` (every weight N(0, init_std²), zero biases; giving `init_std`
/// alone implies it), or `init: gromov` (N(0, (0.5/(2N)^{1/3})²), docs/references.md).
public struct ModelConfig: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case mlp
        case onehotMLP = "onehot_mlp"
        case deepLinear = "deep_linear"
        case transformer
    }

    public var kind: Kind
    public var hidden: Int?
    public var widths: [Int]?
    public var depth: Int?
    public var activation: Activation?
    public var bias: Bool?
    public var initialization: String?
    public var initScale: Double?
    public var initStd: Double?
    public var dModel: Int?
    public var heads: Int?
    public var dMLP: Int?

    public init(kind: Kind, hidden: Int? = nil, widths: [Int]? = nil, depth: Int? = nil, activation: Activation? = nil,
                bias: Bool? = nil, initialization: String? = nil, initScale: Double? = nil, initStd: Double? = nil,
                dModel: Int? = nil, heads: Int? = nil, dMLP: Int? = nil) {
        self.kind = kind; self.hidden = hidden; self.widths = widths; self.depth = depth; self.activation = activation
        self.bias = bias; self.initialization = initialization; self.initScale = initScale; self.initStd = initStd
        self.dModel = dModel; self.heads = heads; self.dMLP = dMLP
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, hidden, widths, depth, activation, bias, heads
        case initialization = "init", initScale = "init_scale", initStd = "init_std"
        case dModel = "d_model", dMLP = "d_mlp"
    }

    /// Every YAML key this configuration reads (for validation and "did you mean" suggestions).
    public static var allowedKeys: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// The weight initialization these keys select.
    public func weightInit() throws -> WeightInit {
        switch initialization?.lowercased() {
        case nil, "default", "framework", "pytorch":
            if let std = initStd, initialization == nil { return .normal(std: std) }
            return .framework(scale: initScale ?? 1)
        case "normal":
            guard let std = initStd else { throw TaskError("init: normal needs init_std") }
            return .normal(std: std)
        case "gromov": return .gromov
        case let other?: throw TaskError("unknown init '\(other)'; expected default, normal or gromov")
        }
    }

    /// The architecture for `dataset`'s input and output sizes.
    public func architecture(for dataset: Dataset) throws -> any Architecture {
        let initialization = try weightInit()
        let hiddenWidths = widths ?? Array(repeating: hidden ?? 64, count: depth ?? 1)
        guard hiddenWidths.allSatisfy({ $0 >= 1 }), (depth ?? 1) >= 0 else {
            throw TaskError("hidden widths must be at least 1, got \(hiddenWidths)")
        }
        let inputWidth = dataset.vocabulary.map { $0 * dataset.inputWidth } ?? dataset.inputWidth
        switch kind {
        case .mlp:
            return MLP(widths: [inputWidth] + hiddenWidths + [dataset.outputWidth], activation: activation ?? .relu,
                       bias: bias ?? true, initialization: initialization, inputVocabulary: dataset.vocabulary)
        case .deepLinear:
            return MLP(widths: [inputWidth] + hiddenWidths + [dataset.outputWidth], activation: .identity,
                       bias: false, initialization: initialization, inputVocabulary: dataset.vocabulary)
        case .onehotMLP:
            guard let v = dataset.vocabulary else { throw TaskError("onehot_mlp needs a token task (e.g. modular)") }
            return OneHotMLP(vocabulary: v, inputs: dataset.inputWidth, hidden: hidden ?? 128, outputs: dataset.outputWidth,
                             activation: activation ?? .relu, initialization: initialization)
        case .transformer:
            guard let v = dataset.vocabulary else { throw TaskError("transformer needs a token task (e.g. modular)") }
            let d = dModel ?? 128, h = heads ?? 4
            guard h >= 1, d >= 1 else { throw TaskError("heads (\(h)) and d_model (\(d)) must be at least 1") }
            guard d % h == 0 else { throw TaskError("d_model \(d) is not divisible by heads \(h)") }
            return Transformer(vocabulary: v, sequenceLength: dataset.inputWidth, dModel: d, heads: h, dMLP: dMLP ?? 4 * d,
                               outputs: dataset.outputWidth, activation: activation ?? .relu, initialization: initialization)
        }
    }
}
