import XCTest
import Foundation
import Notebooks
import Runner
@testable import Reports

/// How a report presents results: named result boxes, captions, subsets, numbers, the run block.
final class ReportPresentationTests: XCTestCase {
    private func render(_ source: String, date: String? = nil) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var renderer = ReportRenderer(templates: try TemplateSet(directory: root.appendingPathComponent("templates").path), version: "9.9")
        renderer.date = date
        let notebook = try NotebookParser.parse(source: source, file: "nb.md")
        return renderer.report(NotebookExecutor().run(try NotebookChecker().check(notebook)))
    }

    private let decay = """
        ---
        params: {seed: 3}
        ---
        ```{data}
        id: decay
        range: {name: n, from: 1, to: 12}
        columns: {value: =0.5 ^ n}
        ```

        """

    func testTablesSayWhenTheyShowASubsetAndUseDisplayHeaders() throws {
        let html = try render(decay + """
            ```{table}
            from: decay
            headers: {value: 2⁻ⁿ}
            caption: Powers of a half.
            max_rows: 6
            ```
            """)
        XCTAssertTrue(html.contains("Powers of a half. 6 of 12 rows shown, evenly spaced, with the first and the last."))
        XCTAssertTrue(html.contains("<th scope=\"col\" class=\"num\">2⁻ⁿ</th>"))
        XCTAssertFalse(html.contains(">value</th>"))
    }

    func testAnUnknownHeaderIsALocatedError() throws {
        let html = try render(decay + "```{table}\nfrom: decay\nheaders: {valu: v}\n```\n")
        XCTAssertTrue(html.contains("nb.md:11:17: error: the table has no column &#39;valu&#39;"), html)
    }

    func testATableWithoutCaptionNamesItsCell() throws {
        let html = try render(decay.replacingOccurrences(of: "columns:", with: "show: true\ncolumns:"))
        XCTAssertTrue(html.contains("<span class=\"label\">Table 1.</span> The values of <code>decay</code>.</figcaption>"))
    }

    func testFigureIdIsNotTheSVGIdAndThePhoneRenderingIsThere() throws {
        let html = try render(decay + "```{plot}\nlabel: fig-decay\nseries:\n  - {x: =decay.n, y: =decay.value}\n```\n")
        XCTAssertEqual(html.components(separatedBy: "id=\"fig-decay\"").count - 1, 1)
        XCTAssertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"fig-decay-plot\""))
        XCTAssertTrue(html.contains("<div class=\"fig-narrow\"><svg xmlns=\"http://www.w3.org/2000/svg\" id=\"fig-decay-plot-narrow\""))
        XCTAssertTrue(html.contains("viewBox=\"0 0 340 280\""), "narrow rendering 340 px wide")
    }

    func testInlineListsReadAsProseAndNumbersDoNotBreak() throws {
        let html = try render(decay + "Values `=[1, 2, 3]` and `=decay.value[0] | sci(1)`.\n")
        XCTAssertTrue(html.contains(">1, 2 and 3</span>"), html)
        XCTAssertEqual(HTML.value("1.87e-2 after 3 steps"), "<span class=\"nb\">1.87e-2</span> after 3 steps")
    }

    func testRunBlockNamesVersionsParametersSeedsAndDate() throws {
        let html = try render(decay + "```{plot}\nseries:\n  - {x: =decay.n, y: =decay.value}\n```\n", date: "2026-11-30")
        let block = try XCTUnwrap(html.range(of: "<section class=\"run-block\"")).lowerBound
        let text = String(html[block...])
        XCTAssertTrue(text.contains("<dt>Folio</dt><dd>9.9</dd>"))
        XCTAssertTrue(text.contains(CellKeys.engineVersion) && text.contains(CellKeys.presentationVersion))
        XCTAssertTrue(text.contains("<code>seed = 3</code>"))
        XCTAssertTrue(text.contains("<dt>Rendered</dt><dd>2026-11-30</dd>"))
        XCTAssertFalse(try render(decay).contains("<dt>Rendered</dt>"), "no date unless the renderer is given one")
    }

    func testSourceHighlightingKeepsTheText() {
        let source = "id: grok\nseries:\n  - {x: =grok.step, y: '=a[0, 1]', label: train}  # note"
        let html = SourceHighlighter.html(source)
        XCTAssertTrue(html.contains("<span class=\"k\">id</span>: grok"))
        XCTAssertTrue(html.contains("{<span class=\"k\">x</span>: <span class=\"x\">=grok.step</span>, "), html)
        XCTAssertTrue(html.contains("<span class=\"x\">&#39;=a[0, 1]&#39;</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"c\"># note</span>"))
        let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        XCTAssertEqual(text.replacingOccurrences(of: "&#39;", with: "'"), source)
    }
}
