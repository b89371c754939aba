import Foundation

/// Everything that defines a training run, buildable from the `{train}` cell's YAML (snake_case keys):
/// task, model, loss, optimizer, steps, batch_size (absent = full batch), record_every,
/// checkpoints, seed, precision (float or double), threads, stop_when, freeze.
public struct TrainingConfig: Sendable, Codable, Equatable {
    public enum Precision: String, Sendable, Codable, CaseIterable { case float, double }

    public var task: TaskConfig
    public var model: ModelConfig
    public var loss: LossKind
    public var optimizer: OptimizerConfig
    public var steps: Int
    /// Examples per step, drawn without replacement from a fresh permutation each epoch; nil = full batch.
    public var batchSize: Int?
    /// History rows are recorded at step 0, every `record_every` steps, and at the last step.
    public var recordEvery: Int
    /// Steps at which the flat parameter vector is kept.
    public var checkpoints: [Int]
    /// Seeds initialization and minibatch order (and the task when it has no seed of its own).
    public var seed: UInt64
    public var precision: Precision
    /// BLAS threads (set explicitly; default 1).
    public var threads: Int
    /// Stop at the first recorded step where the condition holds.
    public var stopWhen: StopCondition?
    /// Layers (parameter names or their prefixes before a dot) whose parameters are never updated.
    public var freeze: [String]

    /// Defaults of the keys a `{train}` cell leaves out (`keys` documents them from here).
    static let defaultRecordEvery = 1, defaultSeed: UInt64 = 0
    static let defaultPrecision = Precision.float, defaultThreads = 1

    public init(task: TaskConfig, model: ModelConfig, loss: LossKind? = nil, optimizer: OptimizerConfig? = nil, steps: Int,
                batchSize: Int? = nil, recordEvery: Int? = nil, checkpoints: [Int] = [], seed: UInt64? = nil,
                precision: Precision? = nil, threads: Int? = nil, stopWhen: StopCondition? = nil, freeze: [String] = []) {
        self.task = task; self.model = model; self.loss = loss ?? task.kind.defaultLoss
        self.optimizer = optimizer ?? OptimizerConfig(kind: OptimizerConfig.defaultKind); self.steps = steps
        self.batchSize = batchSize; self.recordEvery = recordEvery ?? Self.defaultRecordEvery; self.checkpoints = checkpoints
        self.seed = seed ?? Self.defaultSeed; self.precision = precision ?? Self.defaultPrecision
        self.threads = threads ?? Self.defaultThreads; self.stopWhen = stopWhen; self.freeze = freeze
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case task, model, loss, optimizer, steps, checkpoints, seed, precision, threads, freeze
        case batchSize = "batch_size", recordEvery = "record_every", stopWhen = "stop_when"
    }

    /// Every key a notebook may give, with its meaning (`threads` is the runner's to set).
    public static let keys: [ConfigKey] = [
        ConfigKey(CodingKeys.task, .keys(TaskConfig.keys), required: true, "What to learn."),
        ConfigKey(CodingKeys.model, .keys(ModelConfig.keys), required: true, "The network."),
        ConfigKey(CodingKeys.loss, ConfigKey.word(LossKind.self), "The loss; cross-entropy on a regression task is refused.",
                  default: .text(LossKind.allCases.map { loss in
                      "`\(loss.rawValue)` (" + TaskConfig.Kind.allCases.filter { $0.defaultLoss == loss }.map(\.rawValue).joined(separator: ", ") + ")"
                  }.joined(separator: ", "))),
        ConfigKey(CodingKeys.optimizer, .keys(OptimizerConfig.keys), "The optimizer.",
                  default: .text("`\(OptimizerConfig.defaultKind.rawValue)` with its defaults")),
        ConfigKey(CodingKeys.steps, .wholeNumber, required: true, "Optimizer updates."),
        ConfigKey(CodingKeys.batchSize, .wholeNumber, "Examples per step.", default: .text("full batch")),
        ConfigKey(CodingKeys.recordEvery, .wholeNumber, "Record the history every this many steps.", default: .number(Double(defaultRecordEvery))),
        ConfigKey(CodingKeys.checkpoints, .free, "Steps at which to keep the parameters (for analysis over training): a list of steps, `{every: N}` (0, N, 2N, … and the last step) or `{log_spaced: N}` (N steps evenly spaced in log(1 + step), dense early). Only these steps' parameters are stored."),
        ConfigKey(CodingKeys.seed, .wholeNumber, "Seeds initialization, minibatches and (unless the task has its own) the task.", default: .number(Double(defaultSeed))),
        ConfigKey(CodingKeys.precision, ConfigKey.word(Precision.self), "Arithmetic of training.", default: .word(defaultPrecision.rawValue)),
        ConfigKey(CodingKeys.stopWhen, .keys(StopCondition.keys), "Stop early at the first recorded step where the condition holds."),
        ConfigKey(CodingKeys.freeze, .list(.text), "Layers whose parameters are never updated, by name: a parameter is frozen when its name is the entry or starts with it and a dot (`layer0` is an MLP's first layer, weight and bias; one-hot MLP: `input`, `output`). An MLP with every layer but the last frozen is a random-features model.",
                  default: .text("none")),
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let task = try c.decode(TaskConfig.self, forKey: .task)
        self.init(task: task,
                  model: try c.decode(ModelConfig.self, forKey: .model),
                  loss: try c.decodeIfPresent(LossKind.self, forKey: .loss),
                  optimizer: try c.decodeIfPresent(OptimizerConfig.self, forKey: .optimizer),
                  steps: try c.decode(Int.self, forKey: .steps),
                  batchSize: try c.decodeIfPresent(Int.self, forKey: .batchSize),
                  recordEvery: try c.decodeIfPresent(Int.self, forKey: .recordEvery),
                  checkpoints: try c.decodeIfPresent(CheckpointSchedule.self, forKey: .checkpoints)?.steps(through: c.decode(Int.self, forKey: .steps)) ?? [],
                  seed: try c.decodeIfPresent(UInt64.self, forKey: .seed),
                  precision: try c.decodeIfPresent(Precision.self, forKey: .precision),
                  threads: try c.decodeIfPresent(Int.self, forKey: .threads),
                  stopWhen: try c.decodeIfPresent(StopCondition.self, forKey: .stopWhen),
                  freeze: try c.decodeIfPresent([String].self, forKey: .freeze) ?? [])
    }
}

/// Which steps keep their parameters, as a `{train}` cell writes it: a list of steps
/// (`[0, 500, 1000]`), every N steps from 0 (`{every: 100}`, the last step included), or N steps
/// spaced evenly in log(1 + step) from 0 to the last step (`{log_spaced: 30}`, dense early where
/// training changes fastest; rounding can merge a few, so at most N). Only these steps' parameters
/// are stored, whatever the schedule.
public enum CheckpointSchedule: Sendable, Equatable, Decodable {
    case steps([Int])
    case every(Int)
    case logSpaced(Int)

    enum CodingKeys: String, CodingKey, CaseIterable { case every, logSpaced = "log_spaced" }

    /// The YAML keys of the mapping form.
    public static var allowedKeys: [String] { CodingKeys.allCases.map(\.rawValue) }

    public init(from decoder: Decoder) throws {
        if let list = try? decoder.singleValueContainer().decode([Int].self) { self = .steps(list); return }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch (try c.decodeIfPresent(Int.self, forKey: .every), try c.decodeIfPresent(Int.self, forKey: .logSpaced)) {
        case let (n?, nil) where n >= 1: self = .every(n)
        case let (nil, n?) where n >= 2: self = .logSpaced(n)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "checkpoints: expected a list of steps, {every: N} with N ≥ 1, or {log_spaced: N} with N ≥ 2"))
        }
    }

    /// The steps of a run of `last` steps, ascending and distinct.
    public func steps(through last: Int) -> [Int] {
        switch self {
        case let .steps(list): return Array(Set(list)).sorted()
        case let .every(n): return Array(Set(Array(stride(from: 0, through: last, by: n)) + [last])).sorted()
        case let .logSpaced(n):
            let top = log(1 + Double(last))
            return Array(Set((0..<n).map { i in Int((exp(top * Double(i) / Double(n - 1)) - 1).rounded()) })).sorted()
        }
    }
}

/// A history column.
public enum Metric: String, Sendable, Codable, CaseIterable {
    case step
    case trainLoss = "train_loss", testLoss = "test_loss"
    case trainAccuracy = "train_accuracy", testAccuracy = "test_accuracy"
    case weightNorm = "weight_norm", wallTime = "wall_time"
}

/// Stop training at the first recorded step where `metric` is ≥ `above` (or ≤ `below`).
public struct StopCondition: Sendable, Codable, Equatable {
    enum CodingKeys: String, CodingKey { case metric, above, below }

    /// The keys of `stop_when`.
    public static let keys: [ConfigKey] = [
        ConfigKey(CodingKeys.metric, ConfigKey.word(Metric.self), required: true, "A history column."),
        ConfigKey(CodingKeys.above, .number, "Stop once the metric is at least this."),
        ConfigKey(CodingKeys.below, .number, "Stop once the metric is at most this."),
    ]

    public var metric: Metric
    public var above: Double?
    public var below: Double?

    public init(metric: Metric, above: Double? = nil, below: Double? = nil) {
        self.metric = metric; self.above = above; self.below = below
    }

    public func isMet(by value: Double) -> Bool {
        if let a = above, value >= a { return true }
        if let b = below, value <= b { return true }
        return false
    }
}
