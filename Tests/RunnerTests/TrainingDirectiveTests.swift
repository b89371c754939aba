import XCTest
import Notebooks
@testable import Runner

/// {train}, sweeps and the analysis directives, end to end on tiny models.
final class TrainingDirectiveTests: XCTestCase {
    private let tiny = """
    ```{train}
    id: run
    task: {kind: modular, op: add, modulus: 7, train_fraction: 0.6, seed: 0}
    model: {kind: onehot_mlp, hidden: 16, activation: quadratic, init: gromov}
    loss: mse
    optimizer: {kind: adamw, lr: 0.01, weight_decay: 1.0, betas: [0.9, 0.98]}
    steps: 6
    checkpoints: [0, 6]
    ```
    """

    func testTrainExposesTheHistoryAsATable() throws {
        let run = try runNotebook(tiny)
        let record = try XCTUnwrap(try output(run, 0).value?.record)
        XCTAssertEqual(record["step"]?.numbers, [0, 1, 2, 3, 4, 5, 6])
        for column in ["train_loss", "test_loss", "train_accuracy", "test_accuracy", "weight_norm"] {
            XCTAssertEqual(record[column]?.list?.count, 7, column)
        }
        XCTAssertNil(record["wall_time"], "wall time would make reports irreproducible")
        XCTAssertEqual(record["parameters"], .number(16 * 14 + 7 * 16))
    }

    func testTrainingTwiceGivesIdenticalResults() throws {
        let a = try output(try runNotebook(tiny), 0).value
        let b = try output(try runNotebook(tiny), 0).value
        XCTAssertEqual(a, b)
    }

    func testBadTrainingOptionIsLocated() {
        let found = problems("```{train}\ntask: {kind: modular, modulus: 7}\nmodel: {kind: onehot_mlp}\nsteps: 3\noptimizer: {kind: adamw, lr: fast}\n```\n")
        XCTAssertEqual(found.first?.message, "'lr' must be a number, found string 'fast'")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "nb.md", line: 5, column: 30))
    }

    func testRuntimeDecodingErrorIsLocated() throws {
        let run = try runNotebook("""
        ---
        params: {p: 7}
        ---
        ```{train}
        task: {kind: modular, modulus: =params.p, train_fraction: 0.5}
        model: {kind: onehot_mlp, hidden: 4}
        steps: =params.p / 2
        ```
        """)
        guard case .failed(let d) = run.cells[0].status else { return XCTFail("expected a failure") }
        XCTAssertEqual(d.location, SourceLocation(file: "nb.md", line: 7, column: 8))
        XCTAssertEqual(d.message, "'steps' must be a whole number, but its expression gives number 3.5")
    }

    /// A configuration the trainer rejects is reported at the key it is about, not at `task:`.
    func testConfigurationErrorsPointAtTheirKey() throws {
        let run = try runNotebook("""
        ```{train}
        task: {kind: modular, modulus: 7, train_fraction: 0.5}
        model:
          kind: transformer
          d_model: 8
          heads: 3
        steps: 1
        ```
        """)
        guard case .failed(let d) = run.cells[0].status else { return XCTFail("expected a failure") }
        XCTAssertEqual(d.location.line, 6)
        XCTAssertEqual(d.message, "{train} model.heads: d_model 8 is not divisible by heads 3")
    }

    /// Spellings Learning once accepted beside the documented ones are refused by the check phase
    /// (one way to say each thing); the documented ones are accepted.
    func testOnlyTheDocumentedSpellingsAreAccepted() {
        let base = "```{train}\ntask: {kind: modular, modulus: 7}\nsteps: 1\nmodel: {kind: onehot_mlp, "
        XCTAssertEqual(problems(base + "activation: quadratic, init: default}\n```\n").count, 0)
        XCTAssertEqual(problems(base + "activation: quad}\n```\n").first?.message, "'quad' is not a valid activation")
        XCTAssertEqual(problems(base + "init: pytorch}\n```\n").first?.message, "'pytorch' is not a valid init")
    }

    /// The same check holds for every directive and for nested mappings, not only {train}.
    func testComputedValuesOfEveryDirectiveAreCheckedAtTheirKey() throws {
        let run = try runNotebook("""
        ---
        params: {p: 5}
        ---
        ```{llc}
        objective: {kind: quadratic, dimension: =params.p / 2}
        chains: 1
        draws: 2
        ```

        ```{llc}
        objective: {kind: quadratic, dimension: 2}
        chains: =params.p / 2
        ```
        """)
        guard case .failed(let nested) = run.cells[0].status, case .failed(let top) = run.cells[1].status else {
            return XCTFail("expected two failures")
        }
        XCTAssertEqual(nested.message, "'objective.dimension' must be a whole number, but its expression gives number 2.5")
        XCTAssertEqual(nested.location, SourceLocation(file: "nb.md", line: 5, column: 41))
        XCTAssertEqual(top.message, "'chains' must be a whole number, but its expression gives number 2.5")
        XCTAssertEqual(top.location, SourceLocation(file: "nb.md", line: 12, column: 9))
    }

    func testSweepRunsTheProductAndAggregatesSeeds() throws {
        let run = try runNotebook("""
        ```{train}
        id: s
        task: {kind: modular, op: add, modulus: 5, train_fraction: 0.6, seed: 0}
        model: {kind: onehot_mlp, hidden: 4, activation: relu}
        steps: 2
        sweep: {seed: [0, 1], model.hidden: [4, 8]}
        ```
        """)
        let record = try XCTUnwrap(try output(run, 0).value?.record)
        XCTAssertEqual(record["seed"]?.numbers, [0, 0, 1, 1])
        XCTAssertEqual(record["model_hidden"]?.numbers, [4, 8, 4, 8])
        XCTAssertEqual(record["final_test_accuracy"]?.list?.count, 4)
        let grouped = try XCTUnwrap(record["grouped"]?.record)
        XCTAssertEqual(grouped["model_hidden"]?.numbers, [4, 8])
        XCTAssertEqual(grouped["runs"]?.numbers, [2, 2])
        let finals = try XCTUnwrap(record["final_train_loss"]?.numbers)
        let means = try XCTUnwrap(grouped["mean_train_loss"]?.numbers)
        XCTAssertEqual(means[0], (finals[0] + finals[2]) / 2, accuracy: 1e-12)
    }

    func testFourierAndProgramExtractionReadATrainedModel() throws {
        let run = try runNotebook(tiny + """

        ```{fourier}
        id: f
        model: run
        step: 0
        ```

        ```{extract_program}
        id: prog
        model: run
        ```
        """)
        let f = try XCTUnwrap(try output(run, 1).value?.record)
        XCTAssertEqual(f["frequency"]?.numbers, [1, 2, 3])
        let shares = try XCTUnwrap(f["share"]?.numbers)
        XCTAssertEqual(shares.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertEqual(f["step"], .number(0))
        let program = try XCTUnwrap(try output(run, 2).value?.record)
        let accuracy = try XCTUnwrap(program["accuracy"]?.number)
        XCTAssertTrue((0...1).contains(accuracy))
    }

    /// A transformer with `checkpoints: {every: 2}`: {fourier} and {extract_program} give one row per
    /// kept step, along the final parameters' key frequencies.
    func testTransformerAnalysesOverAScheduleOfCheckpoints() throws {
        let run = try runNotebook("""
        ```{train}
        id: t
        task: {kind: modular, op: add, modulus: 7, train_fraction: 0.5, seed: 0}
        model: {kind: transformer, d_model: 8, heads: 2, d_mlp: 16}
        steps: 5
        checkpoints: {every: 2}
        ```

        ```{fourier}
        id: f
        model: t
        checkpoints: all
        ```

        ```{extract_program}
        id: prog
        model: t
        checkpoints: [0, 5]
        ```
        """)
        let f = try XCTUnwrap(try output(run, 1).value?.record)
        XCTAssertEqual(f["step"]?.numbers, [0, 2, 4, 5])
        for column in ["key_fraction", "embedding_gini", "neuron_gini", "restricted_loss", "excluded_loss", "full_loss", "logit_share"] {
            let values = try XCTUnwrap(f[column]?.numbers, column)
            XCTAssertEqual(values.count, 4, column)
            XCTAssertTrue(values.allSatisfy(\.isFinite), column)
        }
        let keys = try XCTUnwrap(f["key_frequencies"]?.numbers)
        XCTAssertFalse(keys.isEmpty)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(f["key_fraction"]?.numbers).last!, 0.9 - 1e-12, "the final key set holds 90% by definition")
        let program = try XCTUnwrap(try output(run, 2).value?.record)
        XCTAssertEqual(program["step"]?.numbers, [0, 5])
        XCTAssertEqual(program["frequencies"]?.numbers, keys)
    }

    func testBadCheckpointScheduleIsLocated() {
        let found = problems("```{train}\ntask: {kind: modular, modulus: 7}\nmodel: {kind: onehot_mlp}\nsteps: 3\ncheckpoints: {evry: 2}\n```\n")
        XCTAssertEqual(found.first?.location.line, 5)
        XCTAssertEqual(found.first?.note, "did you mean 'every'?")
    }

    func testFourierNamesAMissingCheckpoint() throws {
        let run = try runNotebook(tiny + "\n\n```{fourier}\nmodel: run\nstep: 3\n```\n")
        guard case .failed(let d) = run.cells[1].status else { return XCTFail("expected a failure") }
        XCTAssertEqual(d.message, "'run' kept no checkpoint at step 3")
        XCTAssertEqual(d.location.line, 13)
    }

    func testLLCOnAKnownModelAndOverCheckpoints() throws {
        let run = try runNotebook(tiny + """

        ```{llc}
        id: q
        objective: {kind: quadratic, dimension: 4, samples: 1000}
        chains: 2
        draws: 400
        burn_in: 100
        epsilon: 0.001
        ```

        ```{llc}
        id: over
        model: run
        checkpoints: all
        chains: 1
        draws: 5
        ```
        """)
        let q = try XCTUnwrap(try output(run, 1).value?.record)
        XCTAssertEqual(q["true_lambda"], .number(2))
        XCTAssertEqual(try XCTUnwrap(q["llc"]?.number), 2, accuracy: 0.6)
        let over = try XCTUnwrap(try output(run, 2).value?.record)
        XCTAssertEqual(over["step"]?.numbers, [0, 6])
        XCTAssertEqual(over["llc"]?.list?.count, 2)
    }

    /// An analysis of a sweep runs once per run: one row per run, the swept values first, and
    /// each row equal to the analysis of that run alone.
    func testAnalysingASweepGivesOneRowPerRun() throws {
        let sweep = """
        ```{train}
        id: s
        task: {kind: modular, modulus: 5, train_fraction: 0.6}
        model: {kind: onehot_mlp, hidden: 4}
        steps: 3
        sweep: {model.hidden: [3, 5], seed: [0, 1]}
        ```

        ```{hessian}
        id: h
        model: s
        ```
        """
        let run = try runNotebook(sweep)
        guard case .succeeded(let output) = run.cells[1].status else { return XCTFail("\(run.cells[1].status)") }
        let table = try XCTUnwrap(output.value?.record)
        XCTAssertEqual(Array(table.keys.prefix(2)), ["model_hidden", "seed"])
        XCTAssertEqual(table["model_hidden"]?.numbers, [3, 3, 5, 5])
        XCTAssertEqual(table["seed"]?.numbers, [0, 1, 0, 1])
        // One-hot MLP, vocabulary 5, two inputs, 5 outputs: 2·5·hidden + 5·hidden parameters.
        let counts: [Double] = [45, 45, 75, 75]
        XCTAssertEqual(table["parameters"]?.numbers, counts)
        XCTAssertEqual(table["results"]?.list?.count, 4)
        // The third run alone (hidden 5, seed 0) gives the third row.
        let alone = try runNotebook("""
        ```{train}
        id: s
        task: {kind: modular, modulus: 5, train_fraction: 0.6}
        model: {kind: onehot_mlp, hidden: 5}
        steps: 3
        seed: 0
        ```

        ```{hessian}
        model: s
        ```
        """)
        guard case .succeeded(let single) = alone.cells[1].status else { return XCTFail("\(alone.cells[1].status)") }
        let largest = try XCTUnwrap(single.value?.record?["largest"]?.number)
        XCTAssertEqual(try XCTUnwrap(table["largest"]?.numbers)[2], largest)
        guard case .table(let shown)? = output.display.first else { return XCTFail("expected a table") }
        XCTAssertEqual(shown.rows.count, 4)
        XCTAssertEqual(shown.headers.prefix(2), ["model_hidden", "seed"])
    }

    /// Chains still climbing from w* (100 draws of ε = 1e-4, no burn-in, relaxation time ≈ 70
    /// steps) get a note in the report; settled chains do not.
    func testLLCNotesChainsThatHadNotSettled() throws {
        func llc(_ settings: String) throws -> CellOutput {
            let run = try runNotebook("```{llc}\nobjective: {kind: quadratic, dimension: 10, samples: 1000}\n\(settings)\n```\n")
            return try output(run, 0)
        }
        func notes(_ o: CellOutput) -> [String] { o.display.compactMap { if case .note(let text) = $0 { text } else { nil } } }
        let climbing = try llc("draws: 100\nepsilon: 0.0001")
        XCTAssertEqual(notes(climbing).count, 1)
        XCTAssertTrue(notes(climbing)[0].hasPrefix("The chains had not settled"), notes(climbing)[0])
        let drift = try XCTUnwrap(climbing.value?.record?["drift"]?.number)
        XCTAssertGreaterThan(drift, 0.5 * (try XCTUnwrap(climbing.value?.record?["llc"]?.number)))
        XCTAssertEqual(notes(try llc("draws: 2000\nburn_in: 1000\nepsilon: 0.0001")), [])
    }

    func testLLCNeedsExactlyOneSource() {
        XCTAssertEqual(problems("```{llc}\nchains: 2\n```\n").first?.message,
                       "{llc} needs exactly one of 'model' (a {train} cell) and 'objective' (a model with known λ)")
    }

    /// A known-λ model that cannot be built is a located error at the key at fault.
    func testImpossibleKnownModelsAreLocatedErrors() throws {
        let cases: [(String, line: Int, column: Int, message: String)] = [
            ("{kind: quadratic, dimension: 20, samples: 10}", 2, 54, "quadratic needs 'samples' at least 'dimension' (20), found 10"),
            ("{kind: reduced_rank, inputs: 3, hidden: 2, outputs: 3, rank: 3}", 2, 73, "'rank' 3 exceeds the narrowest of inputs, hidden and outputs (2)"),
            ("{kind: deep_linear, widths: [4, 1, 4], rank: 2}", 2, 57, "'rank' 2 exceeds the narrowest width (1)"),
            ("{kind: polynomial, powers: [0, 0]}", 2, 39, "polynomial needs 'powers' from 0 to 1000, at least one of them positive"),
        ]
        for (objective, line, column, message) in cases {
            let run = try runNotebook("```{llc}\nobjective: \(objective)\n```\n")
            guard case .failed(let d) = run.cells[0].status else { XCTFail("expected a failure for \(objective)"); continue }
            XCTAssertEqual(d.message, message)
            XCTAssertEqual([d.location.line, d.location.column], [line, column], objective)
        }
    }

    func testAnalysisOfTheWrongModelKindSaysSo() throws {
        let run = try runNotebook(tiny + "\n\n```{prune}\nmodel: run\n```\n")
        guard case .failed(let d) = run.cells[1].status else { return XCTFail("expected a failure") }
        XCTAssertTrue(d.message.hasPrefix("'run' must be an MLP with one hidden ReLU layer and biases (its activation is"), d.message)
    }

    func testSimplicityOfRandomNetworks() throws {
        let run = try runNotebook("```{simplicity}\nid: s\nlayers: [3, 8, 1]\nsamples: 2000\n```\n")
        let s = try XCTUnwrap(try output(run, 0).value?.record)
        let p = try XCTUnwrap(s["probability"]?.numbers)
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertEqual(p, p.sorted(by: >), "functions come most probable first")
        XCTAssertLessThanOrEqual(s["distinct"]?.number ?? 0, 256)
    }
}
