/// Which data to train on (YAML keys in snake_case). Keys that a kind does not use are ignored.
///
/// | kind | keys |
/// |---|---|
/// | `modular` | op (add, sub, mul, div, x2_plus_y2, x2_plus_xy_plus_y2, x3_plus_xy), modulus, train_fraction, label_noise |
/// | `parity` | bits n, degree k (the first k bits are relevant), train_size, test_size |
/// | `staircase` | bits n, degree k: y = sign(x₁ + x₁x₂ + … + x₁⋯x_k) on ±1 inputs |
/// | `boolean` | truth_table (a string of 0/1 of length 2ⁿ, lexicographic order), train_fraction |
/// | `teacher` | teacher (linear, deep_linear, relu), widths [d_in, …, d_out], rank, noise, input_std, whiten, train_size, test_size |
/// | `compositional` | inputs d (a power of two), train_size, test_size, noise |
/// | `generic` | inputs d, train_size, test_size, noise |
///
/// Every kind takes `seed` (default: the run's seed) and `label_noise` (classification tasks: the
/// fraction of training labels replaced by uniformly random labels).
public struct TaskConfig: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case modular, parity, staircase, boolean, teacher, compositional, generic

        /// Teacher, compositional and generic tasks have real targets; the others have classes.
        public var isRegression: Bool { [.teacher, .compositional, .generic].contains(self) }
        /// The loss a task is trained with when the cell names none: MSE for real targets,
        /// cross-entropy for classes.
        public var defaultLoss: LossKind { isRegression ? .mse : .crossEntropy }
    }

    public var kind: Kind
    public var op: ModularOperation?
    public var modulus: Int?
    public var trainFraction: Double?
    public var seed: UInt64?
    public var labelNoise: Double?
    public var bits: Int?
    public var degree: Int?
    public var trainSize: Int?
    public var testSize: Int?
    public var truthTable: String?
    public var teacher: TeacherKind?
    public var widths: [Int]?
    public var rank: Int?
    public var noise: Double?
    public var inputs: Int?
    public var inputStd: Double?
    public var whiten: Bool?

    public init(kind: Kind, op: ModularOperation? = nil, modulus: Int? = nil, trainFraction: Double? = nil, seed: UInt64? = nil,
                labelNoise: Double? = nil, bits: Int? = nil, degree: Int? = nil, trainSize: Int? = nil, testSize: Int? = nil,
                truthTable: String? = nil, teacher: TeacherKind? = nil, widths: [Int]? = nil, rank: Int? = nil,
                noise: Double? = nil, inputs: Int? = nil, inputStd: Double? = nil, whiten: Bool? = nil) {
        self.kind = kind; self.op = op; self.modulus = modulus; self.trainFraction = trainFraction; self.seed = seed
        self.labelNoise = labelNoise; self.bits = bits; self.degree = degree; self.trainSize = trainSize
        self.testSize = testSize; self.truthTable = truthTable; self.teacher = teacher; self.widths = widths
        self.rank = rank; self.noise = noise; self.inputs = inputs; self.inputStd = inputStd; self.whiten = whiten
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, op, modulus, seed, bits, degree, teacher, widths, rank, noise, inputs
        case trainFraction = "train_fraction", labelNoise = "label_noise", trainSize = "train_size"
        case testSize = "test_size", truthTable = "truth_table", inputStd = "input_std", whiten
    }

    /// Defaults of the keys a task leaves out (`makeDataset` reads them; `keys` documents them).
    public static let defaultOperation = ModularOperation.add, defaultModularTrainFraction = 0.5, defaultBooleanTrainFraction = 1.0
    public static let defaultLabelNoise = 0.0, defaultNoise = 0.0, defaultSampleSize = 1000, defaultDegree = 3, defaultInputs = 8
    public static let defaultInputStd = 1.0
    public static let defaultTeacher = TeacherKind.linear

    /// Every key a notebook may give, with its meaning.
    public static let keys: [ConfigKey] = [
        ConfigKey(CodingKeys.kind, ConfigKey.word(Kind.self), required: true, "The task."),
        ConfigKey(CodingKeys.op, ConfigKey.word(ModularOperation.self), "modular: the operation.", default: .word(defaultOperation.rawValue)),
        ConfigKey(CodingKeys.modulus, .wholeNumber, "modular: the prime p."),
        ConfigKey(CodingKeys.trainFraction, .number, "modular, boolean: fraction of all inputs used for training.",
                  default: .perKind([("modular", defaultModularTrainFraction), ("boolean", defaultBooleanTrainFraction)])),
        ConfigKey(CodingKeys.seed, .wholeNumber, "Seed of the data split.", default: .text("the run's seed")),
        ConfigKey(CodingKeys.labelNoise, .number, "Classification: fraction of training labels replaced by random ones.",
                  default: .number(defaultLabelNoise)),
        ConfigKey(CodingKeys.bits, .wholeNumber, "parity, staircase: input bits n."),
        ConfigKey(CodingKeys.degree, .wholeNumber, "parity, staircase: the number k of relevant bits.", default: .text("min(\(defaultDegree), bits)")),
        ConfigKey(CodingKeys.trainSize, .wholeNumber, "Sampled tasks: training examples.", default: .number(Double(defaultSampleSize))),
        ConfigKey(CodingKeys.testSize, .wholeNumber, "Sampled tasks: test examples.", default: .number(Double(defaultSampleSize))),
        ConfigKey(CodingKeys.truthTable, .text, "boolean: 2ⁿ characters 0/1 in lexicographic input order."),
        ConfigKey(CodingKeys.teacher, ConfigKey.word(TeacherKind.self), "teacher: the teacher network.", default: .word(defaultTeacher.rawValue)),
        ConfigKey(CodingKeys.widths, .list(.wholeNumber), "teacher: layer widths [d_in, ..., d_out]."),
        ConfigKey(CodingKeys.rank, .wholeNumber, "teacher: rank of the teacher's product.", default: .text("full")),
        ConfigKey(CodingKeys.noise, .number, "Regression: standard deviation of label noise.", default: .number(defaultNoise)),
        ConfigKey(CodingKeys.inputStd, .number, "teacher: inputs are N(0, input_std²·I).", default: .number(defaultInputStd)),
        ConfigKey(CodingKeys.whiten, .flag, "teacher: transform the training inputs so that their second moment (1/n)·Σ x xᵀ is exactly input_std²·I (then the MSE of a linear map to one output is exactly quadratic, with Hessian 2·input_std²·I).",
                  default: .flag(false)),
        ConfigKey(CodingKeys.inputs, .wholeNumber, "compositional, generic: input size d.", default: .number(Double(defaultInputs))),
    ]

    /// The modular-addition task of the grokking notebooks.
    public static func modular(_ op: ModularOperation = .add, modulus: Int, trainFraction: Double, seed: UInt64? = nil,
                               labelNoise: Double? = nil) -> TaskConfig {
        TaskConfig(kind: .modular, op: op, modulus: modulus, trainFraction: trainFraction, seed: seed, labelNoise: labelNoise)
    }
}

/// The teacher network of a teacher–student regression task.
public enum TeacherKind: String, Sendable, Codable, CaseIterable {
    case linear
    case deepLinear = "deep_linear"
    case relu
}

