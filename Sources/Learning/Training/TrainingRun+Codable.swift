import Foundation
import Tensors

/// A `TrainingRun` as stored data (Folio's cell cache keeps trained models this way).
///
/// Stored: `config`, `history`, `final_step`, the trained model's flat Double parameter vector
/// (`parameters`) and the checkpoints. Every Double array is stored as the little-endian IEEE-754
/// bit patterns of its elements (`Data`, base64 in JSON), so NaN, ±∞ and −0 survive and the
/// round trip is exact. Not stored: the architecture and the dataset, which are functions of the
/// configuration — decoding rebuilds them with `makeDataset(config.task, defaultSeed: config.seed)`
/// and `config.model.architecture(for:)`, then writes the stored parameters into the rebuilt
/// parameter layout. Losses of the decoded model are therefore bit-identical to the original's.
extension TrainingRun: Codable {
    enum CodingKeys: String, CodingKey {
        case config, history, parameters, checkpoints
        case finalStep = "final_step"
    }

    enum StoredHistoryKeys: String, CodingKey {
        case step, trainLoss = "train_loss", testLoss = "test_loss", trainAccuracy = "train_accuracy"
        case testAccuracy = "test_accuracy", weightNorm = "weight_norm", wallTime = "wall_time"
    }

    enum StoredCheckpointKeys: String, CodingKey { case step, parameters }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(config, forKey: .config)
        try c.encode(finalStep, forKey: .finalStep)
        try c.encode(DoubleBits.data(model.flatParameters()), forKey: .parameters)
        var h = c.nestedContainer(keyedBy: StoredHistoryKeys.self, forKey: .history)
        try h.encode(DoubleBits.data(history.step), forKey: .step)
        try h.encode(DoubleBits.data(history.trainLoss), forKey: .trainLoss)
        try h.encode(DoubleBits.data(history.testLoss), forKey: .testLoss)
        try h.encode(DoubleBits.data(history.trainAccuracy), forKey: .trainAccuracy)
        try h.encode(DoubleBits.data(history.testAccuracy), forKey: .testAccuracy)
        try h.encode(DoubleBits.data(history.weightNorm), forKey: .weightNorm)
        try h.encode(DoubleBits.data(history.wallTime), forKey: .wallTime)
        var list = c.nestedUnkeyedContainer(forKey: .checkpoints)
        for checkpoint in checkpoints {
            var k = list.nestedContainer(keyedBy: StoredCheckpointKeys.self)
            try k.encode(checkpoint.step, forKey: .step)
            try k.encode(DoubleBits.data(checkpoint.parameters), forKey: .parameters)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let config = try c.decode(TrainingConfig.self, forKey: .config)
        let h = try c.nestedContainer(keyedBy: StoredHistoryKeys.self, forKey: .history)
        var history = TrainingHistory()
        func column(_ key: StoredHistoryKeys) throws -> [Double] {
            try DoubleBits.doubles(h.decode(Data.self, forKey: key), key: key, in: h)
        }
        history.step = try column(.step)
        history.trainLoss = try column(.trainLoss)
        history.testLoss = try column(.testLoss)
        history.trainAccuracy = try column(.trainAccuracy)
        history.testAccuracy = try column(.testAccuracy)
        history.weightNorm = try column(.weightNorm)
        history.wallTime = try column(.wallTime)

        var checkpoints: [Checkpoint] = []
        var list = try c.nestedUnkeyedContainer(forKey: .checkpoints)
        while !list.isAtEnd {
            let k = try list.nestedContainer(keyedBy: StoredCheckpointKeys.self)
            let flat = try DoubleBits.doubles(k.decode(Data.self, forKey: .parameters), key: .parameters, in: k)
            checkpoints.append(Checkpoint(step: try k.decode(Int.self, forKey: .step), parameters: flat))
        }

        let flat = try DoubleBits.doubles(c.decode(Data.self, forKey: .parameters), key: .parameters, in: c)
        let dataset = try makeDataset(config.task, defaultSeed: config.seed)
        let architecture = try config.model.architecture(for: dataset)
        // The initial values are overwritten below; only the names and shapes matter.
        var rng = RandomGenerator(seed: 0)
        var parameters = architecture.makeParameters(using: &rng, as: Double.self)
        guard parameters.count == flat.count,
              checkpoints.allSatisfy({ $0.parameters.count == flat.count }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .parameters, in: c,
                debugDescription: "\(flat.count) stored parameters for an architecture with \(parameters.count)")
        }
        parameters.setFlattened(flat)
        self.init(config: config, history: history,
                  model: TrainedModel(architecture: architecture, parameters: parameters, loss: config.loss, dataset: dataset),
                  checkpoints: checkpoints, finalStep: try c.decode(Int.self, forKey: .finalStep))
    }
}

/// Double arrays as little-endian IEEE-754 bit patterns, 8 bytes per element.
enum DoubleBits {
    static func data(_ xs: [Double]) -> Data {
        var out = Data(count: xs.count * 8)
        out.withUnsafeMutableBytes { raw in
            for (i, x) in xs.enumerated() { raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: i * 8, as: UInt64.self) }
        }
        return out
    }

    static func doubles<K: CodingKey>(_ data: Data, key: K, in container: KeyedDecodingContainer<K>) throws -> [Double] {
        guard data.count % 8 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(data.count) bytes is not a whole number of Doubles")
        }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }
}
