import Foundation
import XCTest
import Learning
import Notebooks
@testable import Runner

/// Mistakes a researcher writing a new notebook makes, caught by `folio check` at the key.
final class ResearcherCheckTests: XCTestCase {
    private func teacher(loss: String?) -> String {
        """
        ```{train}
        id: fit
        task: {kind: teacher, teacher: linear, widths: [3, 1], train_size: 16, test_size: 16}
        model: {kind: mlp, hidden: 4}
        \(loss.map { "loss: \($0)\n" } ?? "")steps: 3
        ```
        """
    }

    func testCrossEntropyOnARegressionTaskIsRefusedAtTheLossKey() {
        let found = problems(teacher(loss: "cross_entropy"))
        XCTAssertEqual(found.map(\.location.description), ["nb.md:5:7"])
        XCTAssertEqual(found.first?.message, "cross_entropy needs classes, but a 'teacher' task has real-valued targets")
        XCTAssertEqual(found.first?.note, "use 'loss: mse', the default for regression tasks (or leave 'loss' out)")
        // Decided at run time when the task is computed: still located at the key.
        let computed = teacher(loss: "cross_entropy").replacingOccurrences(of: "kind: teacher,", with: "kind: '=\"teacher\"',")
        let run = try? runNotebook(computed)
        guard case .failed(let d)? = run?.cells.first?.status else { return XCTFail("the cell should fail") }
        XCTAssertEqual(d.location.description, "nb.md:5:7")
    }

    func testTheLossDefaultsByTaskKind() throws {
        let run = try runNotebook(teacher(loss: nil))
        guard case .succeeded(let output) = run.cells[0].status, let trained = output.artifact as? TrainingRun else {
            return XCTFail("\(run.cells[0].status)")
        }
        XCTAssertEqual(trained.config.loss, .mse)
        XCTAssertEqual(TaskConfig.Kind.modular.defaultLoss, .crossEntropy)
        // Regression has no accuracy, so a sweep shows no accuracy columns (not NaN ones).
        let sweep = try runNotebook(teacher(loss: nil).replacingOccurrences(of: "steps: 3", with: "steps: 3\nsweep: {seed: [0, 1]}"))
        guard case .succeeded(let s) = sweep.cells[0].status, case .record(let table)? = s.value else { return XCTFail() }
        XCTAssertFalse(table.keys.contains { $0.contains("accuracy") }, "\(table.keys)")
        XCTAssertEqual(table["grouped"]?.record?.keys, ["runs", "mean_train_loss", "std_train_loss", "mean_test_loss", "std_test_loss",
                                                        "mean_weight_norm", "std_weight_norm"])
    }

    func testAValueWithAColonGetsAQuotingHint() {
        let found = problems("```{claim}\nthat: 1 < 2\nsays: Ratio: it holds\n```\n")
        XCTAssertEqual(found.first?.location.description, "nb.md:3:12")
        XCTAssertEqual(found.first?.note, "a value that contains ': ' must be quoted: says: 'Ratio: it holds'")
    }

    func testCaptionAndShowAreAcceptedByEveryDirective() {
        for directive in DirectiveRegistry.standard.directives {
            let names = (CommonKeys.added(to: directive) + directive.keys).map(\.name)
            XCTAssertTrue(names.contains("caption") && names.contains("show"), "{\(directive.kind)}: \(names)")
        }
    }
}

extension ResearcherCheckTests {
    /// `map(xs, it * scale)` reads the cell `scale` by a plain name: it must be a dependency, so
    /// that changing `scale` re-runs the cell that maps with it.
    func testAPlainNameInsideMapThatIsACellIsADependency() throws {
        let checked = try checkNotebook("""
        ```{data}
        id: scale
        columns: {x: [1, 2]}
        ```

        ```{data}
        id: scaled
        columns:
          y: =map([1, 2], it * len(scale))
        ```
        """)
        XCTAssertEqual(checked.cells[1].dependencies, ["scale"])
        let run = NotebookExecutor().run(checked)
        guard case .succeeded(let output) = run.cells[1].status else { return XCTFail("\(run.cells[1].status)") }
        XCTAssertEqual(output.value?.record?["y"], .numbers([2, 4] as [Int]))
    }
}

extension ResearcherCheckTests {
    /// Every column a classification sweep's table and its `grouped` table have is named, as it
    /// is, in the `{train}` reference and in docs/notebooks.md (which once promised
    /// `mean_final_test_loss`).
    func testTheSweepColumnsAreDocumentedAsNamed() throws {
        let run = try runNotebook("""
        ```{train}
        id: s
        task: {kind: modular, modulus: 5, train_fraction: 0.6}
        model: {kind: onehot_mlp, hidden: 4}
        steps: 2
        sweep: {model.hidden: [2, 4], seed: [0, 1]}
        ```
        """)
        guard case .succeeded(let output) = run.cells[0].status, case .record(let table)? = output.value,
              case .record(let grouped)? = table["grouped"] else { return XCTFail("\(run.cells[0].status)") }
        let docs = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/notebooks.md").path, encoding: .utf8)
        let sweepSection = try XCTUnwrap(docs.range(of: "### Sweeps")).upperBound
        for name in (table.keys + grouped.keys) where !["model_hidden", "seed"].contains(name) {
            XCTAssertTrue(TrainDirective.result.contains("`\(name)`"), "{train}'s result does not name `\(name)`")
            XCTAssertTrue(docs[sweepSection...].contains("`\(name)`"), "docs/notebooks.md's Sweeps section does not name `\(name)`")
        }
        XCTAssertTrue(grouped.keys.contains("mean_test_accuracy"))
        XCTAssertFalse(docs.contains("mean_final_"))
    }
}

extension ResearcherCheckTests {
    /// A misspelled sweep path was only found at run time, as "missing key 'optimizer.kind'" at the fence.
    func testASweepPathMustNameAnOption() {
        let cell = { (sweep: String) in "```{train}\ntask: {kind: modular, modulus: 5}\nmodel: {kind: mlp, hidden: 4}\nsteps: 2\n\(sweep)\n```\n" }
        let typo = problems(cell("optimizer: {kind: adam}\nsweep: {optimizer.weight_decy: [1, 2]}"))
        XCTAssertEqual(typo.map(\.description), ["nb.md:6:9: error: {train} has no option 'optimizer.weight_decy' to sweep\n  note: did you mean 'optimizer.weight_decay'?"])
        let missing = problems(cell("sweep: {optimizer.lr: [0.1, 0.01]}"))
        XCTAssertEqual(missing.first?.message, "sweeping 'optimizer.lr' needs the mapping 'optimizer' in the cell")
        XCTAssertEqual(problems(cell("optimizer: {kind: adam}\nsweep: {optimizer.lr: [0.1], seed: [0, 1], model.hidden: [2]}")), [])
    }
}
