import XCTest
import Notebooks
import Analysis
@testable import Runner

/// `{llc_calibration}` at the directive level, the list of validated LLC settings, and notebook
/// 03's cells that validate them.
final class LLCCalibrationDirectiveTests: XCTestCase {
    private let train = """
    ```{train}
    id: net
    task: {kind: teacher, teacher: relu, widths: [2, 4, 1], train_size: 60, test_size: 50, seed: 7}
    model: {kind: mlp, hidden: 8, activation: relu}
    loss: mse
    optimizer: {kind: adam, lr: 0.05}
    steps: 200
    seed: 1
    checkpoints: [0, 200]
    ```


    """

    private func value(_ run: NotebookRun, _ index: Int) throws -> Record {
        guard case .succeeded(let o) = run.cells[index].status else { throw XCTSkip("cell \(index) did not succeed: \(run.cells[index].status)") }
        return try XCTUnwrap(o.value?.record)
    }

    /// The grid runs in the order nβ, γ, ε; the verdicts are the rule applied to the table's own
    /// columns (recomputed here through `LLCCalibration.judge`), and the choice is `choose`'s.
    func testGridTableAndChoiceFollowTheRule() throws {
        let run = try runNotebook(train + """
        ```{llc_calibration}
        id: cal
        model: net
        epsilons: [0.00001, 0.0001, 0.001]
        n_betas: [20, 60]
        gammas: [100]
        chains: 2
        draws: 200
        burn_in: 100
        seed: 3
        ```
        """)
        let r = try value(run, 1)
        XCTAssertEqual(r["epsilon"]?.numbers, [1e-5, 1e-4, 1e-3, 1e-5, 1e-4, 1e-3])
        XCTAssertEqual(r["n_beta"]?.numbers, [20, 20, 20, 60, 60, 60])
        let llc = try XCTUnwrap(r["llc"]?.numbers), drift = try XCTUnwrap(r["drift"]?.numbers)
        let acceptance = try XCTUnwrap(r["acceptance"]?.numbers)
        let points = (0..<6).map { i in
            (LLCCalibration.Setting(epsilon: r["epsilon"]!.numbers![i], nBeta: r["n_beta"]!.numbers![i], gamma: 100),
             LLCCalibration.Measurement(llc: llc[i], drift: drift[i], acceptance: acceptance[i], diverged: false))
        }
        let verdicts = LLCCalibration.judge(points)
        XCTAssertEqual(r["stable"], .list(verdicts.map { .bool($0.stable) }))
        if let chosen = LLCCalibration.choose(verdicts) {
            XCTAssertEqual(r["chosen_epsilon"]?.number, verdicts[chosen].setting.epsilon)
            XCTAssertEqual(r["chosen_n_beta"]?.number, verdicts[chosen].setting.nBeta)
        } else {
            XCTAssertEqual(r["chosen_epsilon"], .null)
        }
        guard case .succeeded(let output) = run.cells[1].status else { return XCTFail() }
        let figures = output.display.filter { if case .figure = $0 { true } else { false } }
        XCTAssertEqual(figures.count, 3, "λ̂ against ε, acceptance against ε, loss traces")
    }

    /// A bad grid is an error located at the offending key.
    func testBadGridsAreLocatedErrors() throws {
        let tooFew = problems(train + "```{llc_calibration}\nmodel: net\nepsilons: [0.0001]\n```\n")
        XCTAssertEqual(tooFew.map(\.location.line), [14], "refused when checked, at the list")
        XCTAssertTrue(tooFew.first?.message.contains("at least 2 values") ?? false)
        for (grid, message) in [("epsilons: [0.0001, -1]", "positive"),
                                ("epsilons: [0.0001, 0.0001]", "twice"),
                                ("epsilons: [0.0001, 0.001]\nn_betas: [0]", "positive"),
                                ("epsilons: [0.0001, 0.001]\ngammas: [-1]", "non-negative")] {
            let run = try runNotebook(train + "```{llc_calibration}\nmodel: net\nchains: 1\ndraws: 2\n\(grid)\n```\n")
            guard case .failed(let d) = run.cells[1].status else { XCTFail("\(grid) ran"); continue }
            XCTAssertTrue(d.message.contains(message), "\(grid): \(d.message)")
            // The {train} cell takes lines 1–10, the calibration cell starts at 12; the grid's last
            // key is on line 16 or 17.
            XCTAssertEqual(d.location.line, 16 + (grid.contains("\n") ? 1 : 0), grid)
        }
    }

    /// `validated` is true exactly for a listed setting.
    func testValidatedFlag() throws {
        let listed = try XCTUnwrap(LLCValidatedSettings.all.first)
        func flag(_ settings: String) throws -> Value? {
            let run = try runNotebook(train + "```{llc}\nmodel: net\nchains: 1\ndraws: 5\n\(settings)\n```\n")
            return try value(run, 1)["validated"]
        }
        XCTAssertEqual(try flag("epsilon: \(listed.epsilon)\nn_beta: \(listed.nBeta)\ngamma: \(listed.gamma)"), .bool(true))
        XCTAssertEqual(try flag("epsilon: \(listed.epsilon * 2)\nn_beta: \(listed.nBeta)\ngamma: \(listed.gamma)"), .bool(false))
        XCTAssertEqual(try flag("epsilon: \(listed.epsilon)\ngamma: \(listed.gamma)"), .bool(false), "default nβ = n/ln n is not listed")
    }

    /// Notebook 03 validates every listed setting: for each, an {llc} cell on a quadratic, a
    /// reduced-rank and a deep linear model at exactly that ε, nβ and γ.
    func testNotebook03ValidatesEveryListedSetting() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let notebook = try NotebookParser.parse(file: root.appendingPathComponent("notebooks/03-llc-validation.md").path)
        func number(_ node: OptionNode?) -> Double? { node?.scalarValue?.number }
        for setting in LLCValidatedSettings.all {
            let kinds = notebook.cells.filter { cell in
                cell.kind == "llc" && number(cell.options["epsilon"]) == setting.epsilon
                    && number(cell.options["n_beta"]) == setting.nBeta && number(cell.options["gamma"]) == setting.gamma
            }.compactMap { cell -> String? in
                if case .scalar(let kind, _, _)? = cell.options["objective"]?["kind"] { kind } else { nil }
            }
            XCTAssertTrue(Set(kinds).isSuperset(of: ["quadratic", "reduced_rank", "deep_linear"]),
                          "03 validates \(setting) on \(kinds)")
        }
    }
}
