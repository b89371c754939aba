/// The recorded metrics, one entry per recorded step, as columns. Accuracy columns are empty for
/// regression tasks; test columns are empty when the test split is.
public struct TrainingHistory: Sendable, Codable, Equatable {
    public var step: [Double] = []
    public var trainLoss: [Double] = []
    public var testLoss: [Double] = []
    public var trainAccuracy: [Double] = []
    public var testAccuracy: [Double] = []
    public var weightNorm: [Double] = []
    /// Seconds since training started (not reproducible, unlike every other column).
    public var wallTime: [Double] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case step
        case trainLoss = "train_loss", testLoss = "test_loss", trainAccuracy = "train_accuracy"
        case testAccuracy = "test_accuracy", weightNorm = "weight_norm", wallTime = "wall_time"
    }

    /// The column of `metric`.
    public subscript(metric: Metric) -> [Double] {
        switch metric {
        case .step: step
        case .trainLoss: trainLoss
        case .testLoss: testLoss
        case .trainAccuracy: trainAccuracy
        case .testAccuracy: testAccuracy
        case .weightNorm: weightNorm
        case .wallTime: wallTime
        }
    }

    /// The non-empty columns by snake_case name (`train_accuracy`, …).
    public var columns: [String: [Double]] {
        var out: [String: [Double]] = [:]
        for m in Metric.allCases where !self[m].isEmpty { out[m.rawValue] = self[m] }
        return out
    }

    /// The number of recorded rows.
    public var count: Int { step.count }

    /// The first recorded step at which `metric` satisfies `condition`, or nil.
    public func firstStep(where metric: Metric, _ condition: (Double) -> Bool) -> Int? {
        let column = self[metric]
        guard let i = column.firstIndex(where: condition) else { return nil }
        return Int(step[i])
    }
}

/// The flat parameter vector at a step.
public struct Checkpoint: Sendable, Codable, Equatable {
    public var step: Int
    public var parameters: [Double]
}

/// Why a run failed.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The training loss became NaN or infinite at `step` (the update that would follow is not applied).
    case nonFiniteLoss(step: Int, value: Double)
    /// The starting weights or mask (`TrainingStart`) do not fit the model.
    case incompatibleStart(String)

    public var description: String {
        switch self {
        case let .nonFiniteLoss(step, value): "training loss became \(value) at step \(step)"
        case let .incompatibleStart(m): m
        }
    }
}
