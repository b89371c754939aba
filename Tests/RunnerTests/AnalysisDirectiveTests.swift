import XCTest
import Notebooks
import Learning
import Analysis
import Tensors
@testable import Runner

/// {cka}, {prune} and {llc}'s n_beta and batch_size at the directive level, each against an oracle
/// computed outside the directive: CKA and dead units recomputed from the trained models the
/// {train} cells hand on, λ̂ against the exact SGLD expectation and the published λ.
final class AnalysisDirectiveTests: XCTestCase {
    private func trainingRun(_ run: NotebookRun, _ index: Int) throws -> TrainingRun {
        try XCTUnwrap(try output(run, index).artifact as? TrainingRun)
    }

    private func student(_ id: String, seed: Int, lr: Double = 0.1) -> String {
        """
        ```{train}
        id: \(id)
        task: {kind: teacher, teacher: relu, widths: [2, 4, 1], train_size: 60, test_size: 50, seed: 7}
        model: {kind: mlp, hidden: 24, activation: relu}
        loss: mse
        optimizer: {kind: adam, lr: \(lr)}
        steps: 60
        seed: \(seed)
        ```


        """
    }

    /// Every entry of the {cka} matrix against linear CKA recomputed from the hidden activations of
    /// the trained models on the shared test inputs (with `linearCKA`, itself checked against the
    /// Gram-matrix form and a closed form in CKATests): the directive must pick the right layer,
    /// inputs and order. A run repeated with the same seed is the same model: CKA 1.
    func testCKAMatrixMatchesCKARecomputedFromTheModels() throws {
        let source = student("a", seed: 1) + student("a_again", seed: 1) + student("b", seed: 2)
            + "```{cka}\nid: similarity\nmodels: [a, a_again, b]\n```\n"
        let run = try runNotebook(source)
        let record = try XCTUnwrap(try output(run, 3).value?.record)
        XCTAssertEqual(record["names"], .strings(["a", "a_again", "b"]))
        let matrix = try XCTUnwrap(record["matrix"]?.list?.map { try XCTUnwrap($0.numbers) })
        let models = try (0..<3).map { try trainingRun(run, $0).model }
        let inputs = models[0].dataset.test
        let hidden = models.map { $0.hiddenActivations(input: ModelInput(inputs))[0] }
        for i in 0..<3 {
            for j in 0..<3 {
                XCTAssertEqual(matrix[i][j], linearCKA(hidden[i], hidden[j]), accuracy: 1e-10, "entry (\(i), \(j))")
            }
        }
        XCTAssertEqual(matrix[0][1], 1, accuracy: 1e-12)
        XCTAssertLessThan(matrix[0][2], 0.999, "different seeds give different representations")
        let offDiagonal = [matrix[0][1], matrix[0][2], matrix[1][0], matrix[1][2], matrix[2][0], matrix[2][1]]
        XCTAssertEqual(try XCTUnwrap(record["mean_off_diagonal"]?.number), offDiagonal.reduce(0, +) / 6, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(record["min_off_diagonal"]?.number), offDiagonal.min()!, accuracy: 1e-12)
    }

    /// {prune}'s dead units against the definition applied to the trained network: a unit whose
    /// ReLU output is 0 on every training input. A large step (lr 0.3) kills some units, so the
    /// check is not vacuous; the parameter counts follow from the count (in + 1 + out per unit).
    func testPruneFindsExactlyTheUnitsThatNeverFire() throws {
        let run = try runNotebook(student("net", seed: 0, lr: 0.3) + "```{prune}\nid: pruned\nmodel: net\n```\n")
        let record = try XCTUnwrap(try output(run, 1).value?.record)
        let model = try trainingRun(run, 0).model
        let hidden = model.hiddenActivations(input: ModelInput(model.dataset.train))[0]
        let dead = (0..<hidden.shape[1]).filter { k in (0..<hidden.shape[0]).allSatisfy { hidden[$0, k] == 0 } }
        XCTAssertFalse(dead.isEmpty, "the large step should kill at least one unit; the test would be vacuous")
        XCTAssertEqual(record["dead_units"]?.numbers, dead.map(Double.init))
        XCTAssertEqual(record["dead"]?.number, Double(dead.count))
        XCTAssertEqual(record["hidden"]?.number, 24)
        let nominal = 2 * 24 + 24 + 24 + 1
        XCTAssertEqual(record["nominal_parameters"]?.number, Double(nominal))
        XCTAssertEqual(record["effective_parameters"]?.number, Double(nominal - dead.count * (2 + 1 + 1)))
        XCTAssertLessThanOrEqual(try XCTUnwrap(record["max_abs_difference"]?.number), 1e-12)
    }

    /// `n_beta` reaches the sampler: on the quadratic with strong localization (γ = 100) the exact
    /// expectation d·nβ·a/(2h(1 − εh/4)), h = nβ·a + γ, is 0.86 at nβ = 20 but 3.15 at the default
    /// nβ = n/ln n, so a dropped option cannot pass. Tolerance: 4 standard errors over the chains
    /// (SE = llc_std/√chains).
    func testNBetaAtTheDirectiveLevelMatchesTheExactExpectation() throws {
        let run = try runNotebook("""
        ```{llc}
        id: l
        objective: {kind: quadratic, dimension: 10, curvature: 1, samples: 1000}
        n_beta: 20
        gamma: 100
        epsilon: 0.001
        chains: 8
        draws: 2000
        burn_in: 200
        seed: 3
        ```
        """)
        let record = try XCTUnwrap(try output(run, 0).value?.record)
        XCTAssertEqual(record["n_beta"]?.number, 20)
        let h = 20.0 + 100, exact = 10 * 20 / (2 * h * (1 - 1e-3 * h / 4))
        let llc = try XCTUnwrap(record["llc"]?.number), se = try XCTUnwrap(record["llc_std"]?.number) / 8.0.squareRoot()
        XCTAssertEqual(llc, exact, accuracy: 4 * se)
        XCTAssertLessThan(4 * se, 1, "the band must exclude the default nβ's 3.15")
    }

    /// `batch_size` at the directive level: minibatch SGLD (100 of n = 1000) on reduced-rank
    /// regression (5, 3, 5) lands within devinterp's published relative tolerance 0.4 of the true
    /// λ = 6.5 (Aoyagi & Watanabe 2005), and the draws differ from full-batch ones with the same
    /// seed (the option reached the sampler).
    func testMinibatchLLCAtTheDirectiveLevel() throws {
        func llc(_ extra: String) throws -> Double {
            let run = try runNotebook("""
            ```{llc}
            objective: {kind: reduced_rank, inputs: 5, hidden: 3, outputs: 5, samples: 1000, seed: 42}
            epsilon: 0.0006
            chains: 3
            draws: 1200
            seed: 5
            \(extra)
            ```
            """)
            return try XCTUnwrap(try output(run, 0).value?.record?["llc"]?.number)
        }
        let minibatch = try llc("batch_size: 100"), full = try llc("")
        XCTAssertEqual(minibatch, 6.5, accuracy: 0.4 * 6.5)
        XCTAssertNotEqual(minibatch, full)
    }
}
