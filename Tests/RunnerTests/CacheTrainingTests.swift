import Foundation
import XCTest
import Learning
import Notebooks
@testable import Runner

/// Trained models through the cache: the decoded model gives bit-identical losses.
final class CacheTrainingTests: XCTestCase {
    static let trainNotebook = """
    ```{train}
    id: run
    task: {kind: modular, modulus: 7, train_fraction: 0.5, seed: 3}
    model: {kind: mlp, hidden: 8}
    optimizer: {kind: adamw, lr: 0.01}
    steps: 5
    checkpoints: [0, 5]
    seed: 1
    ```

    ```{claim}
    id: trained
    that: run.final_step == 5
    says: it trained
    ```
    """

    func testTrainingRunRoundTripsWithBitIdenticalLosses() throws {
        let config = TrainingConfig(
            task: try JSONDecoder().decode(TaskConfig.self, from: Data(#"{"kind":"modular","modulus":7,"seed":3}"#.utf8)),
            model: try JSONDecoder().decode(ModelConfig.self, from: Data(#"{"kind":"mlp","hidden":8}"#.utf8)),
            loss: .crossEntropy, optimizer: OptimizerConfig(kind: .adamw, lr: 0.01), steps: 5, checkpoints: [0, 3], seed: 1)
        let run = try train(config)
        let codec = try XCTUnwrap(ArtifactCodecs.standard.codec(named: "TrainingRun"))
        let data = try XCTUnwrap(try codec.encode(run))
        let back = try XCTUnwrap(try codec.decode(data) as? TrainingRun)
        XCTAssertEqual(back.config, run.config)
        XCTAssertEqual(back.history, run.history)
        XCTAssertEqual(back.checkpoints, run.checkpoints)
        XCTAssertEqual(back.finalStep, run.finalStep)
        XCTAssertEqual(back.model.flatParameters(), run.model.flatParameters())
        XCTAssertEqual(back.model.parameterLayout.map(\.shape), run.model.parameterLayout.map(\.shape))
        XCTAssertEqual(back.model.loss().bitPattern, run.model.loss().bitPattern)
        XCTAssertEqual(back.model.loss(on: back.dataset.test).bitPattern, run.model.loss(on: run.dataset.test).bitPattern)
        XCTAssertEqual(back.model.loss(at: run.checkpoints[0].parameters).bitPattern, run.model.loss(at: run.checkpoints[0].parameters).bitPattern)
        XCTAssertEqual(back.dataset, run.dataset)
        // Truncated parameters are rejected, not silently padded.
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["parameters"] = Data(count: 8).base64EncodedString()
        XCTAssertThrowsError(try codec.decode(try JSONSerialization.data(withJSONObject: object)))
    }

    func testATrainCellIsReusedWithItsArtifact() throws {
        let cache = temporaryCache(self)
        let first = try runCached(Self.trainNotebook, cache: cache)
        XCTAssertEqual(first.cache.computed, ["run", "trained"])
        let second = try runCached(Self.trainNotebook, cache: cache)
        XCTAssertEqual(second.cache.computed, [])
        guard case .succeeded(let a) = first.run.cells[0].status, case .succeeded(let b) = second.run.cells[0].status else { return XCTFail() }
        XCTAssertEqual(a.value, b.value)
        let original = try XCTUnwrap(a.artifact as? TrainingRun), reused = try XCTUnwrap(b.artifact as? TrainingRun)
        XCTAssertEqual(reused.model.loss().bitPattern, original.model.loss().bitPattern)
        // A changed step count re-runs the training and its claim, with the claim's new answer.
        let third = try runCached(Self.trainNotebook.replacingOccurrences(of: "steps: 5", with: "steps: 4"), cache: cache)
        XCTAssertEqual(third.cache.computed, ["run", "trained"])
        XCTAssertEqual(third.run.claims.first?.holds, false)
    }

    func testACellWhoseArtifactHasNoCodecIsNotCached() throws {
        let cache = temporaryCache(self, codecs: ArtifactCodecs([]))
        let first = try runCached(Self.trainNotebook, cache: cache)
        guard case .notCacheable(let why) = first.cache.status["run"] else { return XCTFail("\(String(describing: first.cache.status["run"]))") }
        XCTAssertTrue(why.contains("TrainingRun"), why)
        let second = try runCached(Self.trainNotebook, cache: cache)
        XCTAssertEqual(second.cache.computed, ["run"])
        XCTAssertEqual(second.cache.reused, ["trained"])
        XCTAssertEqual(cache.probe(try XCTUnwrap(second.cache.keys["run"]), notebook: "nb", cell: "run"), .uncacheable(why))
    }

    func testAShardRunsItsCellsAndTheirDependencies() throws {
        let cache = temporaryCache(self)
        let checked = try checkNotebook(Self.trainNotebook)
        let keys = CellKeys(checked)
        let owner = Shard(index: 1, count: 2).owners(of: checked, keys: keys)["trained"]!
        XCTAssertEqual(owner, Shard(index: 1, count: 2).owner(of: keys["run"]!.key), "the claim is in its run's component")
        let wanted = Shard(index: owner, count: 2).cells(of: checked, keys: keys)
        XCTAssertEqual(wanted, ["run", "trained"])
        XCTAssertEqual(Shard(index: 3 - owner, count: 2).cells(of: checked, keys: keys), [])
        let part = try runCached(Self.trainNotebook, cache: cache, only: wanted)
        XCTAssertEqual(part.run.cells.map(\.cell.id), ["run", "trained"])
        XCTAssertEqual(try runCached(Self.trainNotebook, cache: cache).cache.computed, [])
    }

    func testASweepIsReusedWithItsRuns() throws {
        let cache = temporaryCache(self)
        let source = Self.trainNotebook.replacingOccurrences(of: "seed: 1\n", with: "seed: 1\nsweep: {seed: [1, 2]}\n")
            .replacingOccurrences(of: "run.final_step == 5", with: "run.final_train_loss.count == 2")
        let first = try runCached(source, cache: cache)
        XCTAssertEqual(first.run.failedCells.count, 0, "\(first.run.failedCells.map(\.status))")
        let second = try runCached(source, cache: cache)
        XCTAssertEqual(second.cache.computed, [])
        guard case .succeeded(let a) = first.run.cells[0].status, case .succeeded(let b) = second.run.cells[0].status else { return XCTFail() }
        let original = try XCTUnwrap(a.artifact as? [TrainingRun]), reused = try XCTUnwrap(b.artifact as? [TrainingRun])
        XCTAssertEqual(reused.map { $0.model.loss().bitPattern }, original.map { $0.model.loss().bitPattern })
        XCTAssertEqual(a.value, b.value)
    }
}
