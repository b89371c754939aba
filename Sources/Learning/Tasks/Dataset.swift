/// Examples of one split. Inputs are either integer tokens (`tokens`, count × inputWidth, each in
/// 0..<vocabulary) or real features (`features`, count × inputWidth); targets are either class
/// labels (`labels`) or real vectors (`targets`, count × outputWidth).
public struct Examples: Sendable, Equatable {
    public var count: Int
    public var inputWidth: Int
    public var tokens: [Int]
    public var features: [Double]
    public var labels: [Int]
    public var targets: [Double]

    public init(count: Int, inputWidth: Int, tokens: [Int] = [], features: [Double] = [], labels: [Int] = [], targets: [Double] = []) {
        precondition(tokens.isEmpty || tokens.count == count * inputWidth, "Examples: \(tokens.count) tokens for \(count)×\(inputWidth)")
        precondition(features.isEmpty || features.count == count * inputWidth, "Examples: \(features.count) features for \(count)×\(inputWidth)")
        precondition(labels.isEmpty || labels.count == count, "Examples: \(labels.count) labels for \(count) examples")
        self.count = count; self.inputWidth = inputWidth
        self.tokens = tokens; self.features = features; self.labels = labels; self.targets = targets
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Examples {
        let w = inputWidth
        let ow = count == 0 ? 0 : targets.count / count
        return Examples(
            count: indices.count, inputWidth: w,
            tokens: tokens.isEmpty ? [] : indices.flatMap { tokens[($0 * w)..<($0 * w + w)] },
            features: features.isEmpty ? [] : indices.flatMap { features[($0 * w)..<($0 * w + w)] },
            labels: labels.isEmpty ? [] : indices.map { labels[$0] },
            targets: targets.isEmpty ? [] : indices.flatMap { targets[($0 * ow)..<($0 * ow + ow)] })
    }
}

/// A task's data: a training split and a test split, generated from a seed.
public struct Dataset: Sendable, Equatable {
    /// A short description, e.g. "a + b mod 97".
    public var name: String
    /// Tokens take values 0..<vocabulary; nil when inputs are real features.
    public var vocabulary: Int?
    public var inputWidth: Int
    /// The number of classes; nil for regression.
    public var classes: Int?
    /// Outputs a model must produce: `classes`, or the target dimension for regression.
    public var outputWidth: Int
    public var train: Examples
    public var test: Examples
    /// Positions in `train` whose labels were replaced by random ones (label corruption).
    public var corruptedTrainIndices: [Int]

    public init(name: String, vocabulary: Int?, inputWidth: Int, classes: Int?, outputWidth: Int,
                train: Examples, test: Examples, corruptedTrainIndices: [Int] = []) {
        self.name = name; self.vocabulary = vocabulary; self.inputWidth = inputWidth
        self.classes = classes; self.outputWidth = outputWidth
        self.train = train; self.test = test; self.corruptedTrainIndices = corruptedTrainIndices
    }

    public var isClassification: Bool { classes != nil }
}
