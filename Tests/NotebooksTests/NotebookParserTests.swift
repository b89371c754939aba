import XCTest
@testable import Notebooks

final class NotebookParserTests: XCTestCase {
    private func parse(_ source: String) throws -> Notebook {
        try NotebookParser.parse(source: source, file: "t.md")
    }

    private func diagnostics(_ source: String) -> [Diagnostic] {
        do {
            _ = try parse(source)
            return []
        } catch {
            return (error as? DiagnosticList)?.diagnostics ?? []
        }
    }

    func testTreeDumpKeepsSourcePositions() throws {
        let notebook = try parse("""
        # Title

        Some *emphasis* and `code`.

        - one
        - two
        """)
        let dump = notebook.blocks.map { block -> String in
            guard case .markdown(let node) = block else { return "cell" }
            return node.dump()
        }.joined(separator: "\n")
        XCTAssertEqual(dump, """
        heading(level: 1) @1:1
          text("Title") @1:3
        paragraph @3:1
          text("Some ") @3:1
          emphasis @3:6
            text("emphasis") @3:7
          text(" and ") @3:16
          code("code") @3:22
          text(".") @3:27
        list(ordered: false, start: 0, tight: true) @5:1
          item @5:1
            paragraph @5:3
              text("one") @5:3
          item @6:1
            paragraph @6:3
              text("two") @6:3
        """)
    }

    func testFrontMatterAndCells() throws {
        let notebook = try parse("""
        ---
        title: Grokking
        description: A test.
        params:
          modulus: 97
          name: add
        ---

        Prose.

        ```{train}
        id: grok
        steps: =params.steps
        ```

        ```python
        print(1)
        ```
        """)
        XCTAssertEqual(notebook.frontMatter.title, "Grokking")
        XCTAssertEqual(notebook.frontMatter.description, "A test.")
        XCTAssertEqual(notebook.frontMatter.params.map(\.name), ["modulus", "name"])
        XCTAssertEqual(notebook.frontMatter.params[0].value, .number(97))
        XCTAssertEqual(notebook.frontMatter.params[1].value, .string("add"))
        XCTAssertEqual(notebook.frontMatter.params[0].location, SourceLocation(file: "t.md", line: 5, column: 3))
        XCTAssertEqual(notebook.cells.count, 1)
        let cell = notebook.cells[0]
        XCTAssertEqual(cell.kind, "train")
        XCTAssertEqual(cell.id, "grok")
        XCTAssertEqual(cell.location.line, 11)
        // Option values point into the file: `=params.steps` is on line 13, column 8.
        XCTAssertEqual(cell.options["steps"]?.location, SourceLocation(file: "t.md", line: 13, column: 8))
        XCTAssertEqual(cell.options["steps"]?.expressionText?.location, SourceLocation(file: "t.md", line: 13, column: 9))
        // The python block stays ordinary Markdown.
        XCTAssertEqual(notebook.blocks.count, 3)
    }

    func testYAMLErrorPointsAtTheLineInTheFile() {
        let found = diagnostics("""
        Intro.

        ```{data}
        id: x
        columns: [1, 2
        ```
        """)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.location.file, "t.md")
        XCTAssertEqual(found.first?.location.line, 5)
        XCTAssertTrue(found.first?.message.hasPrefix("invalid YAML") ?? false, found.first?.message ?? "")
    }

    func testUnterminatedFrontMatter() {
        let found = diagnostics("---\ntitle: x\n\nBody.\n")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "t.md", line: 1, column: 1))
        XCTAssertEqual(found.first?.message, "front matter opened here is never closed")
    }

    func testUnknownFrontMatterKeySuggestsTheKnownOne() {
        let found = diagnostics("---\ntitel: x\n---\n")
        XCTAssertEqual(found.first?.message, "unknown front matter key 'titel'")
        XCTAssertEqual(found.first?.note, "did you mean 'title'?")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "t.md", line: 2, column: 1))
    }

    func testCellBodyMustBeAMapping() {
        let found = diagnostics("```{claim}\n- a\n- b\n```\n")
        XCTAssertEqual(found.first?.location.line, 2)
        XCTAssertTrue(found.first?.message.contains("must be a YAML mapping") ?? false)
    }

    func testDuplicateYAMLKey() {
        let found = diagnostics("```{data}\nid: a\nid: b\n```\n")
        XCTAssertEqual(found.first?.message, "duplicate key 'id'")
        XCTAssertEqual(found.first?.location, SourceLocation(file: "t.md", line: 3, column: 1))
    }

    func testScalarValuesFollowYAMLCoreSchema() {
        let at = SourceLocation(file: "f", line: 1, column: 1)
        XCTAssertEqual(OptionNode.scalar("12", quoted: false, at: at).scalarValue, .number(12))
        XCTAssertEqual(OptionNode.scalar("12", quoted: true, at: at).scalarValue, .string("12"))
        XCTAssertEqual(OptionNode.scalar("true", quoted: false, at: at).scalarValue, .bool(true))
        XCTAssertEqual(OptionNode.scalar("1e-3", quoted: false, at: at).scalarValue, .number(0.001))
        XCTAssertEqual(OptionNode.scalar("adamw", quoted: false, at: at).scalarValue, .string("adamw"))
        XCTAssertEqual(OptionNode.scalar("", quoted: false, at: at).scalarValue, .null)
    }

    func testDiagnosticFormatterShowsLineAndCaret() {
        let d = Diagnostic(at: SourceLocation(file: "n.md", line: 2, column: 3), "unknown key 'stpes'", note: "did you mean 'steps'?")
        let text = DiagnosticFormatter(sources: ["n.md": "a\nid stpes: 3\n"]).format(d)
        XCTAssertEqual(text, """
        n.md:2:3: error: unknown key 'stpes'
         2 | id stpes: 3
           |   ^
        note: did you mean 'steps'?
        """)
    }

    func testClosestMatch() {
        XCTAssertEqual(closestMatch(to: "stpes", in: ["steps", "seed"]), "steps")
        XCTAssertNil(closestMatch(to: "zzzzzz", in: ["steps", "seed"]))
        XCTAssertEqual(editDistance("kitten", "sitting"), 3)
    }
}
