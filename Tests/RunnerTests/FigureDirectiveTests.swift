import XCTest
import Notebooks
@testable import Runner

final class FigureDirectiveTests: XCTestCase {
    private func figure(_ source: String, cell: Int = 1) throws -> FigureContent {
        let run = try runNotebook(source)
        switch run.cells[cell].status {
        case .succeeded(let output):
            guard case .figure(let f)? = output.display.first else { throw Diagnostic(at: .init(file: "", line: 0, column: 0), "no figure") }
            return f
        case .failed(let d): throw d
        case .skipped: throw Diagnostic(at: .init(file: "", line: 0, column: 0), "skipped")
        }
    }

    private let data = """
    ```{data}
    id: d
    range: {name: x, from: 1, to: 5}
    columns: {y: =x^2, name: [a, b, c, d, e]}
    ```

    """

    func testPlotDrawsSeriesWithLabelsAndCSV() throws {
        let f = try figure(data + """
        ```{plot}
        label: fig-squares
        caption: Squares.
        x_label: x
        series:
          - {x: =d.x, y: =d.y, label: square}
          - {x: =d.x, y: =d.x, label: identity, mark: scatter}
        rules: [{y: 10, label: ten}]
        ```
        """)
        XCTAssertTrue(f.svg.hasPrefix("<svg"))
        XCTAssertTrue(f.svg.contains("fig-squares"))
        XCTAssertTrue(f.svg.contains(">square<"))
        XCTAssertEqual(f.caption, "Squares.")
        XCTAssertEqual(f.label, "fig-squares")
        XCTAssertTrue(f.csv.contains("25"))
    }

    func testPlotRejectsMismatchedLengths() {
        XCTAssertThrowsError(try figure(data + "```{plot}\nseries:\n  - {x: [1, 2], y: =d.y}\n```\n")) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "x has 2 values but y has 5")
        }
    }

    func testBarsOverCategoriesHeatmapAndHistogram() throws {
        let bars = try figure(data + "```{plot}\nseries:\n  - {x: =d.name, y: =d.y, mark: bar}\n```\n")
        XCTAssertTrue(bars.svg.contains(">c<"))
        let heat = try figure(data + "```{heatmap}\nvalues: =[d.x, d.y]\ncolour_map: diverging\n```\n")
        XCTAssertTrue(heat.svg.contains("<svg"))
        let hist = try figure(data + "```{histogram}\nvalues: =d.y\nbins: 2\n```\n")
        XCTAssertTrue(hist.svg.contains("count"))
    }

    func testHeatmapRowAndColumnNames() throws {
        let named = try figure(data + "```{heatmap}\nvalues: [[1, 2], [3, 4]]\ncolumn_labels:\n  - left\n  - =d.name[1]\nrow_labels: [1, 2]\n```\n")
        XCTAssertTrue(named.svg.contains(">left</text>") && named.svg.contains(">b</text>"))
        XCTAssertThrowsError(try figure(data + "```{heatmap}\nvalues: [[1, 2], [3, 4]]\ncolumn_labels: [only]\n```\n")) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "'column_labels' has 1 name but the matrix has 2 columns")
        }
    }

    func testNonNumbersInASeriesAreLocated() {
        XCTAssertThrowsError(try figure(data + "```{plot}\nseries:\n  - {y: =d.name}\n```\n")) { error in
            let d = error as? Diagnostic
            XCTAssertEqual(d?.message, "'y' must be a list of numbers, found string a in it")
            XCTAssertEqual(d?.location.line, 8)
        }
    }
}
