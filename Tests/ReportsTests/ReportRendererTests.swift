import XCTest
import Foundation
import Notebooks
import Runner
@testable import Reports

final class ReportRendererTests: XCTestCase {
    private var templates: TemplateSet {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            return try TemplateSet(directory: root.appendingPathComponent("templates").path)
        }
    }

    private func render(_ source: String) throws -> String {
        let notebook = try NotebookParser.parse(source: source, file: "nb.md")
        let run = NotebookExecutor().run(try NotebookChecker().check(notebook))
        return ReportRenderer(templates: try templates, version: "test").report(run)
    }

    /// `caption:` captions an analysis's table over a sweep (or follows a summary box); `show:
    /// false` hides what a cell shows but keeps its source and its result.
    func testCaptionAndShowOnAnyDirective() throws {
        let sweep = """
        ```{train}
        id: s
        task: {kind: modular, modulus: 5, train_fraction: 0.6}
        model: {kind: onehot_mlp, hidden: 4}
        steps: 1
        sweep: {seed: [0, 1]}
        caption: Two seeds & one width.
        ```

        ```{hessian}
        id: h
        model: s
        caption: Curvature <of> each run.
        ```

        """
        let html = try render(sweep + "The largest: `=h.largest.max | fixed(3)`.\n")
        XCTAssertTrue(html.contains("<p class=\"cell-caption\">Two seeds &amp; one width.</p>"), html)
        XCTAssertTrue(html.contains("Curvature &lt;of&gt; each run."), html)
        XCTAssertFalse(html.contains("of each run of 's'"), "the caption replaces the generic one")
        let hidden = try render(sweep.replacingOccurrences(of: "caption: Curvature <of> each run.", with: "show: false")
                                + "The largest: `=h.largest.max | fixed(3)`.\n")
        XCTAssertFalse(hidden.contains("<table"), "the hidden analysis shows no table")
        XCTAssertTrue(hidden.contains("{hessian} h"), "its source is still there")
        XCTAssertFalse(hidden.contains("class=\"callout error"), "its result is still readable")
    }

    func testHostileTitleIsEscaped() throws {
        let html = try render("---\ntitle: <script>alert(1)</script>\ndescription: a & \"b\"\n---\nHi.\n")
        XCTAssertFalse(html.contains("<script>alert(1)</script>"))
        XCTAssertTrue(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
        XCTAssertTrue(html.contains("a &amp; &quot;b&quot;"))
    }

    func testRawHTMLInProseIsDroppedUnlessAllowed() throws {
        let unsafe = "Text <b onclick=\"x()\">bold</b>.\n\n<div>block</div>\n"
        let html = try render(unsafe)
        XCTAssertFalse(html.contains("onclick"))
        XCTAssertFalse(html.contains("<div>block</div>"))
        let allowed = try render("---\nraw_html: true\n---\n" + unsafe)
        XCTAssertTrue(allowed.contains("<div>block</div>"))
    }

    func testJavascriptLinksAreNeutralised() throws {
        let html = try render("[x](javascript:alert(1)) and [y](https://example.org)\n")
        XCTAssertTrue(html.contains("<a href=\"#\">x</a>"))
        XCTAssertTrue(html.contains("<a href=\"https://example.org\">y</a>"))
    }

    func testHeadingsGetAnchorsAndTableOfContents() throws {
        let html = try render("## First part\n\ntext\n\n## First part\n")
        XCTAssertTrue(html.contains("<h2 id=\"first-part\">"))
        XCTAssertTrue(html.contains("<h2 id=\"first-part-2\">"))
        XCTAssertTrue(html.contains("<a href=\"#first-part\">First part</a>"))
    }

    func testTableCellsAndClaimsAreRenderedAndEscaped() throws {
        let html = try render("""
        ```{data}
        id: d
        columns: {name: ["<i>x</i>", "b"], v: [1, 2]}
        ```

        ```{table}
        from: d
        caption: A <table>
        ```

        ```{claim}
        that: d.v.last == 2
        says: Two is <last>.
        ```
        """)
        XCTAssertTrue(html.contains("<td>&lt;i&gt;x&lt;/i&gt;</td>"))
        XCTAssertTrue(html.contains("<span class=\"label\">Table 1.</span> A &lt;table&gt;"))
        XCTAssertTrue(html.contains("<span class=\"badge\">Claim holds</span> Two is &lt;last&gt;."))
        XCTAssertTrue(html.contains("1 of 1 claims hold."))
    }

    func testReportIsSelfContainedAndDeterministic() throws {
        let source = "---\ntitle: T\n---\n## A\n\n```{data}\nid: d\ncolumns: {x: [1, 2]}\nshow: true\n```\n"
        let first = try render(source)
        let second = try render(source)
        XCTAssertEqual(first, second)
        XCTAssertFalse(first.contains("<link"))
        XCTAssertFalse(first.contains("<script"))
        XCTAssertFalse(first.contains("src=\"http"))
    }

    func testFailedCellShowsAnErrorBoxAndSkippedDependents() throws {
        let html = try render("""
        ```{data}
        id: bad
        columns: {a: [1, 2], b: [1]}
        ```

        ```{claim}
        that: bad.a.count == 2
        says: never checked
        ```
        """)
        XCTAssertTrue(html.contains("Cell <code>bad</code> failed"))
        XCTAssertTrue(html.contains("was not run"))
        XCTAssertTrue(html.contains("0 of 1 claims hold (1 could not be checked)."))
    }
}

final class CrossReferenceRenderingTests: XCTestCase {
    func testReferencesBecomeNumberedLinksAndEquationsGetNumbers() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let templates = try TemplateSet(directory: root.appendingPathComponent("templates").path)
        let source = "See @fig-a and @eq-b.\n\n$$x = 1 \\label{eq-b}$$\n\n```{plot}\nlabel: fig-a\nseries: [{y: [1, 2]}]\n```\n"
        let notebook = try NotebookParser.parse(source: source, file: "nb.md")
        let html = ReportRenderer(templates: templates, version: "t").report(NotebookExecutor().run(try NotebookChecker().check(notebook)))
        XCTAssertTrue(html.contains("<a class=\"xref\" href=\"#fig-a\">Figure 1</a>"))
        XCTAssertTrue(html.contains("<a class=\"xref\" href=\"#eq-b\">Equation (1)</a>"))
        XCTAssertTrue(html.contains("<span class=\"equation\" id=\"eq-b\">"))
        XCTAssertTrue(html.contains("<span class=\"eqno\">(1)</span>"))
        XCTAssertTrue(html.contains("<figure id=\"fig-a\">"))
    }
}
