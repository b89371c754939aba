import XCTest
import Foundation
import Notebooks
import Runner
@testable import Reports

/// Citations from a BibTeX file: author–year links, the References list, located errors.
final class CitationTests: XCTestCase {
    private let bib = """
        % three papers
        @article{nanda2023,
          author = {Nanda, Neel and Chan, Lawrence and Lieberum, Tom},
          title = {Progress measures for grokking},
          year = 2023, journal = "ICLR",
        }
        @book{watanabe2009, author = {Sumio Watanabe}, title = {Algebraic Geometry and Statistical Learning Theory},
          publisher = {Cambridge University Press}, year = {2009}}
        @misc{kornblith2019, author = {Kornblith, Simon and Hinton, Geoffrey}, title = {Similarity {CKA}}, year = {2019},
          doi = {10.1000/xyz}}
        """

    private func folder(_ notebook: String, bib: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("folio-cite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try (bib ?? self.bib).write(to: dir.appendingPathComponent("refs.bib"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("nb.md").path
        try notebook.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func check(_ path: String) throws -> CheckedNotebook {
        let source = try String(contentsOfFile: path, encoding: .utf8)
        return try NotebookChecker().check(try NotebookParser.parse(source: source, file: path))
    }

    private func render(_ path: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let templates = try TemplateSet(directory: root.appendingPathComponent("templates").path)
        return ReportRenderer(templates: templates, version: "test").report(NotebookExecutor().run(try check(path)))
    }

    func testThreeCitedPapersAreLinkedAndListed() throws {
        let path = try folder("""
            ---
            bibliography: refs.bib
            ---
            Grokking [@nanda2023] has a theory [@watanabe2009; @kornblith2019, sec. 2], as @nanda2023 show.
            """)
        let html = try render(path)
        XCTAssertTrue(html.contains("<span class=\"citation\">(<a href=\"#ref-nanda2023\">Nanda et al., 2023</a>)</span>"))
        XCTAssertTrue(html.contains("(<a href=\"#ref-watanabe2009\">Watanabe, 2009</a>; <a href=\"#ref-kornblith2019\">Kornblith and Hinton, 2019</a>, sec. 2)"))
        XCTAssertTrue(html.contains("<a class=\"citation\" href=\"#ref-nanda2023\">Nanda et al. (2023)</a> show."))
        // The list is sorted by family name, each entry with the id its citations link to.
        let list = try XCTUnwrap(html.range(of: "<h2 id=\"references-title\">References</h2>"))
        let after = String(html[list.upperBound...])
        let order = ["ref-kornblith2019", "ref-nanda2023", "ref-watanabe2009"].map { after.range(of: "id=\"\($0)\"")!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        XCTAssertTrue(after.contains("Neel Nanda, Lawrence Chan and Tom Lieberum (2023). Progress measures for grokking. <em>ICLR</em>."))
        XCTAssertTrue(after.contains("<a href=\"https://doi.org/10.1000/xyz\">doi:10.1000/xyz</a>"))
        XCTAssertTrue(after.contains("Similarity CKA."), "braces are dropped from titles")
    }

    func testAMissingKeyIsALocatedError() throws {
        let path = try folder("---\nbibliography: refs.bib\n---\nSee [@nanda2024] here.\n")
        XCTAssertThrowsError(try check(path)) { error in
            let found = (error as? DiagnosticList)?.diagnostics ?? []
            XCTAssertEqual(found.map(\.message), ["unknown citation key '@nanda2024'"])
            XCTAssertEqual(found.first?.note, "did you mean '@nanda2023'?")
            XCTAssertEqual(found.first?.location, SourceLocation(file: path, line: 4, column: 5))
        }
    }

    func testCitationWithoutBibliographyAndMalformedFileAreErrors() throws {
        let none = try folder("Text [@nanda2023].\n")
        XCTAssertThrowsError(try check(none)) { error in
            XCTAssertEqual((error as? DiagnosticList)?.diagnostics.map(\.message), ["a citation needs a bibliography"])
        }
        let broken = try folder("---\nbibliography: refs.bib\n---\nText [@a].\n", bib: "@article{a,\n  title = {unclosed\n")
        XCTAssertThrowsError(try check(broken)) { error in
            let found = (error as? DiagnosticList)?.diagnostics ?? []
            XCTAssertEqual(found.map(\.message), ["unbalanced '{': the file ends before it is closed"])
            XCTAssertEqual(found.first?.location.line, 2)
            XCTAssertTrue(found.first?.location.file.hasSuffix("refs.bib") ?? false)
        }
    }

    func testFootnotesAreNumberedLinkedAndListed() throws {
        let path = try folder("Grokking[^why] is late[^one].\n\n[^one]: A one-word note.\n\n[^why]: Because of *weight decay*.\n\nAgain[^why].\n")
        let html = try render(path)
        XCTAssertTrue(html.contains("Grokking<sup class=\"fnref\"><a href=\"#fn-why\" id=\"fnref-why\" aria-label=\"Note 1\">1</a></sup> is late"))
        XCTAssertTrue(html.contains("Again<sup class=\"fnref\"><a href=\"#fn-why\" aria-label=\"Note 1\">1</a></sup>"), "a second reference has no id")
        XCTAssertTrue(html.contains("<li id=\"fn-why\">Because of <em>weight decay</em>. <a class=\"fnback\" href=\"#fnref-why\""))
        XCTAssertTrue(html.contains("<li id=\"fn-one\">A one-word note."), "a one-word note is not taken for a link definition")
        XCTAssertFalse(html.contains("<p>[^"), "notes are not printed where they are written")
    }

    func testFootnoteWithoutNoteOrReferenceIsALocatedError() throws {
        let path = try folder("Text[^a] and [^b].\n\n[^a]: A.\n\n[^c]: C.\n")
        XCTAssertThrowsError(try check(path)) { error in
            let found = (error as? DiagnosticList)?.diagnostics ?? []
            XCTAssertEqual(found.map(\.message), ["footnote '[^b]' has no note", "footnote '[^c]' is never referred to"])
            XCTAssertEqual(found.map(\.location.line), [1, 5])
            XCTAssertEqual(found.first?.location.column, 14)
        }
    }

    func testCrossReferencesAndAddressesAreNotCitations() {
        XCTAssertTrue(Citations.find(in: "see [@fig-loss] and mail a@b.org").isEmpty)
        XCTAssertEqual(Citations.narrative(in: "mail a@nanda2023 or @nanda2023.", keys: ["nanda2023"]).map(\.key), ["nanda2023"])
    }

    func testBibTeXNamesAndAccents() throws {
        let entries = try BibTeX.parse(#"@article{k, author = {Valle-P{\'e}rez, Guillermo and {OpenAI} and Ard A. Louis}, title = "A -- B", year = 2019}"#, file: "x.bib")
        XCTAssertEqual(entries.first?.familyNames, ["Valle-Pérez", "OpenAI", "Louis"])
        XCTAssertEqual(entries.first?.fullNames, ["Guillermo Valle-Pérez", "OpenAI", "Ard A. Louis"])
        XCTAssertEqual(entries.first?["title"], "A – B")
        XCTAssertEqual(entries.first?.authorsShort, "Valle-Pérez et al.")
    }
}
