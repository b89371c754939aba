import XCTest
import Learning
import Notebooks
@testable import Runner

/// `prune:`, `freeze:` and learning-rate schedules in `{train}` cells: results, rewinding, the
/// dependency on the pruned run, and located errors.
final class PruningDirectiveTests: XCTestCase {
    private let dense = """
    ```{train}
    id: dense
    task: {kind: teacher, teacher: relu, widths: [4, 3, 1], train_size: 48, test_size: 16, seed: 1}
    model: {kind: mlp, hidden: 12}
    loss: mse
    optimizer: {kind: adam, lr: 0.01, schedule: cosine}
    steps: 8
    checkpoints: [0, 3]
    ```

    """

    private func cell(_ source: String, _ prune: String, id: String = "ticket", steps: Int = 5) -> String {
        source + """
        ```{train}
        id: \(id)
        task: {kind: teacher, teacher: relu, widths: [4, 3, 1], train_size: 48, test_size: 16, seed: 1}
        model: {kind: mlp, hidden: 12}
        loss: mse
        optimizer: {kind: adam, lr: 0.01, schedule: cosine}
        steps: \(steps)
        checkpoints: [0]
        \(prune)
        ```

        """
    }

    func testTicketRewindsToTheCheckpointAndTheControlRedraws() throws {
        let source = cell(cell(dense, "prune: {model: dense, keep: 0.25, rewind_to: 3}"),
                          "prune: {model: dense, keep: 0.25, start: random}", id: "control")
        let run = try runNotebook(source)
        let denseRun = try XCTUnwrap(try output(run, 0).artifact as? TrainingRun)
        let ticket = try output(run, 1), control = try output(run, 2)
        let ticketRun = try XCTUnwrap(ticket.artifact as? TrainingRun), controlRun = try XCTUnwrap(control.artifact as? TrainingRun)
        // 12·4 + 1·12 = 60 prunable weights; per layer round(0.25·48) + round(0.25·12) = 15 kept.
        XCTAssertEqual(ticket.value?.record?["kept_weights"], .number(15))
        XCTAssertEqual(ticket.value?.record?["prunable_weights"], .number(60))
        let mask = PruningMask.magnitude(of: denseRun.model.parameters, keep: 0.25, scope: .layer)
        var rewound = denseRun.model.parameters
        rewound.setFlattened(denseRun.checkpoints[1].parameters)
        mask.apply(to: &rewound)
        XCTAssertEqual(ticketRun.checkpoints[0].parameters, rewound.flattened(), "the ticket starts at dense's step 3, masked")
        // The control has the same zeros but unrelated kept weights.
        var start = controlRun.model.parameters
        start.setFlattened(controlRun.checkpoints[0].parameters)
        for (name, f) in mask.factors {
            for i in f.indices { XCTAssertEqual(start[name].scalars[i] == 0, f[i] == 0, "\(name)[\(i)]") }
        }
        XCTAssertNotEqual(controlRun.checkpoints[0].parameters, rewound.flattened())
    }

    func testThePrunedRunIsADependency() throws {
        let source = cell(dense, "prune: {model: dense, keep: 0.5}")
        let keys = CellKeys(try checkNotebook(source))
        XCTAssertEqual(keys["ticket"]?.inputs.map(\.id), ["dense"])
        let changed = CellKeys(try checkNotebook(source.replacingOccurrences(of: "steps: 8", with: "steps: 9")))
        XCTAssertNotEqual(keys["ticket"]?.key, changed["ticket"]?.key)
    }

    func testBadValuesAreLocatedBeforeAnythingRuns() {
        var found = problems(cell(dense, "prune: {model: dense, keep: 1.5}"))
        XCTAssertEqual(found.map(\.message), ["'prune.keep' must be a fraction in (0, 1], found 1.5"])
        XCTAssertEqual(found.first?.location, SourceLocation(file: "nb.md", line: 18, column: 29))
        found = problems(cell(dense, "prune: {model: dense, keep: 0.5, start: random, rewind_to: 3}"))
        XCTAssertEqual(found.map(\.message), ["'prune.rewind_to' has no effect with 'start: random'"])
        found = problems(cell(dense, "prune: {model: dens, keep: 0.5}"))
        XCTAssertEqual(found.first?.message, "unknown name 'dens'")
        XCTAssertEqual(found.first?.note, "did you mean 'dense'?")
        found = problems(cell(dense, "prune: {model: dense, keep: 0.5, scope: layers}"))
        XCTAssertEqual(found.first?.note, "did you mean 'layer'?")
        found = problems(dense.replacingOccurrences(of: "schedule: cosine", with: "schedule: step"))
        XCTAssertEqual(found.first?.message, "schedule: step needs 'step_every', the updates between drops")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "nb.md", line: 6, column: 45))
    }

    func testRunTimeProblemsAreLocatedAtTheirKey() throws {
        var run = try runNotebook(cell(dense, "prune: {model: dense, keep: 0.5, rewind_to: 4}"))
        guard case .failed(let missing) = run.cells[1].status else { return XCTFail("expected a failure") }
        XCTAssertEqual(missing.message, "'dense' kept no checkpoint at step 4")
        XCTAssertEqual(missing.location, SourceLocation(file: "nb.md", line: 18, column: 45))

        run = try runNotebook(cell(dense, "freeze: [hidden]", id: "frozen"))
        guard case .failed(let frozen) = run.cells[1].status else { return XCTFail("expected a failure") }
        XCTAssertEqual(frozen.location, SourceLocation(file: "nb.md", line: 18, column: 9))
        XCTAssertTrue(frozen.message.contains("no layer 'hidden'; its layers are layer0, layer1"), frozen.message)

        let other = cell(dense, "prune: {model: dense, keep: 0.5}").replacingOccurrences(of: "hidden: 12}\nloss: mse\noptimizer: {kind: adam, lr: 0.01, schedule: cosine}\nsteps: 5", with: "hidden: 10}\nloss: mse\noptimizer: {kind: adam, lr: 0.01, schedule: cosine}\nsteps: 5")
        run = try runNotebook(other)
        guard case .failed(let mismatch) = run.cells[1].status else { return XCTFail("expected a failure") }
        XCTAssertEqual(mismatch.location, SourceLocation(file: "nb.md", line: 18, column: 16))
        XCTAssertTrue(mismatch.message.hasPrefix("{train} prune: "), mismatch.message)
    }

    func testFrozenFirstLayerIsARandomFeaturesModel() throws {
        let run = try runNotebook(cell(dense, "freeze: [layer0]", id: "features", steps: 6))
        let trained = try XCTUnwrap(try output(run, 1).artifact as? TrainingRun)
        var initial = trained.model.parameters
        initial.setFlattened(trained.checkpoints[0].parameters)
        XCTAssertEqual(trained.model.parameters["layer0.weight"], initial["layer0.weight"])
        XCTAssertEqual(trained.model.parameters["layer0.bias"], initial["layer0.bias"])
        XCTAssertNotEqual(trained.model.parameters["layer1.weight"], initial["layer1.weight"])
    }

    func testASweepOverTheKeptFraction() throws {
        let run = try runNotebook(cell(dense, "prune: {model: dense, keep: 0.5}\nsweep: {prune.keep: [0.5, 0.25]}", id: "tickets"))
        let runs = try XCTUnwrap(try output(run, 1).artifact as? [TrainingRun])
        let zeros = runs.map { r in r.model.parameters.tensors.filter { $0.rank == 2 }.reduce(0) { $0 + $1.scalars.filter { $0 == 0 }.count } }
        XCTAssertEqual(zeros, [30, 45], "60 prunable weights: half, then three quarters, held at zero")
    }
}
