import XCTest
@testable import Learning

/// The keys a notebook may give are the keys the configurations decode: one list each.
final class ConfigKeyTests: XCTestCase {
    func testEveryDecodedKeyIsDeclaredOnce() {
        func names(_ keys: [ConfigKey]) -> [String] { keys.map(\.name) }
        XCTAssertEqual(Set(names(TaskConfig.keys)), Set(TaskConfig.CodingKeys.allCases.map(\.rawValue)))
        XCTAssertEqual(Set(names(ModelConfig.keys)), Set(ModelConfig.CodingKeys.allCases.map(\.rawValue)))
        XCTAssertEqual(Set(names(OptimizerConfig.keys)), Set(OptimizerConfig.CodingKeys.allCases.map(\.rawValue)))
        // `threads` is set by the runner, not written in a notebook.
        XCTAssertEqual(Set(names(TrainingConfig.keys)), Set(TrainingConfig.CodingKeys.allCases.map(\.rawValue)).subtracting(["threads"]))
        for keys in [TaskConfig.keys, ModelConfig.keys, OptimizerConfig.keys, TrainingConfig.keys, StopCondition.keys] {
            XCTAssertEqual(names(keys).count, Set(names(keys)).count)
        }
    }

    /// What the keys document as defaults is what a configuration without them gets.
    func testDocumentedDefaultsAreTheDecodedOnes() throws {
        let json = #"{"task": {"kind": "modular", "modulus": 5}, "model": {"kind": "mlp"}, "steps": 1}"#
        let config = try JSONDecoder().decode(TrainingConfig.self, from: Data(json.utf8))
        func documented(_ keys: [ConfigKey], _ name: String) -> ConfigKey.Default? { keys.first { $0.name == name }?.defaultValue }
        guard case .number(let record)? = documented(TrainingConfig.keys, "record_every"),
              case .word(let precision)? = documented(TrainingConfig.keys, "precision"),
              case .number(let lr)? = documented(OptimizerConfig.keys, "lr"), case .numbers(let betas)? = documented(OptimizerConfig.keys, "betas")
        else { return XCTFail("a documented default is missing") }
        XCTAssertEqual(config.loss, config.task.kind.defaultLoss)
        XCTAssertEqual(Double(config.recordEvery), record)
        XCTAssertEqual(config.precision.rawValue, precision)
        XCTAssertEqual(config.optimizer.lr, lr)
        XCTAssertEqual(config.optimizer.betas, betas)
    }
}
