import XCTest
import Notebooks
@testable import Runner

final class CrossReferenceTests: XCTestCase {
    private let source = """
    As @fig-sq shows (and @tbl-d lists), see also @eq-id; me@fig-not.org is an address.

    $$\\lambda = \\frac{d}{2} \\label{eq-id}$$

    ```{data}
    id: d
    columns: {x: [1, 2, 3]}
    show: true
    ```

    ```{table}
    label: tbl-d
    from: d
    ```

    ```{plot}
    label: fig-sq
    series: [{y: =d.x}]
    ```
    """

    func testFiguresTablesAndEquationsAreNumberedInDocumentOrder() throws {
        let checked = try checkNotebook(source)
        XCTAssertEqual(checked.references.labels["fig-sq"], .init(kind: .figure, number: 1))
        XCTAssertEqual(checked.references.labels["tbl-d"], .init(kind: .table, number: 2), "the shown data cell is table 1")
        XCTAssertEqual(checked.references.labels["eq-id"], .init(kind: .equation, number: 1))
        XCTAssertEqual(checked.references.labels["eq-id"]?.text, "Equation (1)")
    }

    /// An analysis of a sweep shows a table, so it takes a table number before anything runs, and
    /// a labelled table after it is numbered after it.
    func testAnAnalysisOfASweepIsNumberedAsATable() throws {
        let checked = try checkNotebook("""
        ```{train}
        id: s
        task: {kind: modular, modulus: 5, train_fraction: 0.6}
        model: {kind: onehot_mlp, hidden: 4}
        steps: 1
        sweep: {seed: [0, 1]}
        ```

        ```{hessian}
        id: h
        model: s
        ```

        ```{table}
        label: tbl-after
        from: h
        ```
        """)
        XCTAssertEqual(checked.references.numbers["h"]?.tables, [1])
        XCTAssertEqual(checked.references.labels["tbl-after"], .init(kind: .table, number: 2))
    }

    /// A cell that shows several figures and a table takes consecutive numbers, and each figure
    /// an id of its own; the next cell's figure continues the count.
    func testACellWithSeveralFiguresTakesANumberAndAnIdForEach() throws {
        let checked = try checkNotebook("""
        ```{train}
        id: s
        task: {kind: modular, modulus: 5, train_fraction: 0.6}
        model: {kind: onehot_mlp, hidden: 4}
        steps: 1
        ```

        ```{llc_calibration}
        id: c
        model: s
        epsilons: [0.0001, 0.001]
        ```

        ```{plot}
        label: fig-after
        series: [{y: [1, 2]}]
        ```
        """)
        XCTAssertEqual(checked.references.numbers["c"], CrossReferences.Numbers(figures: [1, 2, 3], tables: [1]))
        XCTAssertEqual(checked.references.figureIDs["c"], ["fig-c", "fig-c-2", "fig-c-3"])
        XCTAssertEqual(checked.references.labels["fig-after"], .init(kind: .figure, number: 4))
    }

    /// `show: false` hides an analysis's table or a figure, so it takes no number.
    func testAHiddenTableOrFigureTakesNoNumber() throws {
        let checked = try checkNotebook("""
        ```{train}
        id: s
        task: {kind: modular, modulus: 5, train_fraction: 0.6}
        model: {kind: onehot_mlp, hidden: 4}
        steps: 1
        sweep: {seed: [0, 1]}
        ```

        ```{hessian}
        id: h
        model: s
        show: false
        ```

        ```{plot}
        show: false
        series: [{y: [1, 2]}]
        ```

        ```{table}
        label: tbl-after
        from: h
        ```

        ```{plot}
        label: fig-after
        series: [{y: [1, 2]}]
        ```
        """)
        XCTAssertNil(checked.references.numbers["h"])
        XCTAssertEqual(checked.references.labels["tbl-after"], .init(kind: .table, number: 1))
        XCTAssertEqual(checked.references.labels["fig-after"], .init(kind: .figure, number: 1))
    }

    func testUnknownLabelIsAnErrorWithSuggestion() {
        let found = problems("See @fig-sqq.\n\n```{plot}\nlabel: fig-sq\nseries: [{y: [1]}]\n```\n")
        XCTAssertEqual(found.first?.message, "unknown label '@fig-sqq'")
        XCTAssertEqual(found.first?.note, "did you mean '@fig-sq'?")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "nb.md", line: 1, column: 5))
    }

    func testLabelPrefixMustMatchTheKind() {
        let found = problems("```{plot}\nlabel: tbl-x\nseries: [{y: [1]}]\n```\n")
        XCTAssertEqual(found.first?.message, "a figure's label must start with 'fig-'")
    }
}
