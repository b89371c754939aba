import Notebooks
import XCTest
@testable import Runner

/// A figure directive defined in this test target (`StemDirective`) behaves like the shipped
/// ones once it is in a registry: the recipe in docs/architecture.md in action.
final class NewDirectiveTests: XCTestCase {
    let registry = DirectiveRegistry(DirectiveRegistry.standard.directives + [StemDirective.self])

    func check(_ source: String) throws -> CheckedNotebook {
        try NotebookChecker(registry: registry).check(try NotebookParser.parse(source: source, file: "nb.md"))
    }

    func testAStemCellIsNumberedLabelledDrawnAndReferenced() throws {
        let source = """
        # Stems

        See @fig-stems.

        ```{plot}
        series: [{x: [0, 1], y: [1, 2]}]
        ```

        ```{stem}
        values: [1, 3, 2]
        label: fig-stems
        caption: Three stems.
        ```
        """
        let checked = try check(source)
        XCTAssertEqual(checked.references.labels["fig-stems"], CrossReferences.Target(kind: .figure, number: 2))
        XCTAssertEqual(checked.references.figureIDs["#2"], ["fig-stems"])
        let run = NotebookExecutor().run(checked)
        guard case .succeeded(let output) = run.cells[1].status, case .figure(let figure)? = output.display.first else {
            return XCTFail("the stem cell drew no figure: \(run.cells[1].status)")
        }
        XCTAssertTrue(figure.svg.contains(#"id="fig-stems-plot""#))
        XCTAssertEqual(figure.caption, "Three stems.")
        XCTAssertTrue(figure.csv.contains("scatter,value"))
    }

    func testItsOptionsAreCheckedAndDocumentedFromTheirDeclarations() throws {
        let typo = "```{stem}\nvalues: [1]\nbaseine: 2\n```\n"
        XCTAssertThrowsError(try check(typo)) { error in
            let message = (error as? DiagnosticList)?.diagnostics.first?.description ?? ""
            XCTAssertTrue(message.contains("did you mean 'baseline'?"), message)
        }
        XCTAssertThrowsError(try check("```{stem}\nlabel: fig-x\n```\n"))
        let reference = DirectiveReference.markdown(registry)
        XCTAssertTrue(reference.contains("### `{stem}`"))
        XCTAssertTrue(reference.contains("| `baseline` | a number |  | `0` | Where the stems start. |"), reference)
    }
}
