import XCTest
import Foundation

/// Runs the built `folio` executable as a user would and checks exit codes and messages.
final class CommandLineTests: XCTestCase {
    private var repositoryRoot: URL { FolioProcess.repositoryRoot }

    private func run(_ arguments: [String]) throws -> FolioProcess.Result { try FolioProcess.run(arguments) }

    func testVersionAndHelp() throws {
        XCTAssertEqual(try run(["--version"]).code, 0)
        let help = try run(["render", "--help"])
        XCTAssertEqual(help.code, 0)
        XCTAssertTrue(help.stdout.contains("--allow-failing-claims"))
    }

    func testBadUsageExits2() throws {
        XCTAssertEqual(try run(["render", "--no-such-flag"]).code, 2)
        XCTAssertEqual(try run(["check", "/no/such/notebook.md"]).code, 2)
    }

    func testGoodNotebookRendersAndExits0() throws {
        let dir = try temporaryDirectory()
        let path = try write("---\ntitle: Fine\n---\n```{claim}\nthat: 2 > 1\nsays: two exceeds one\n```\n", to: "fine.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        let result = try run(["render", path, "--output", out, "--quiet"])
        XCTAssertEqual(result.code, 0, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/fine.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    func testFailingClaimExits1AndTheReportShowsIt() throws {
        let dir = try temporaryDirectory()
        let path = try write("```{claim}\nthat: 1 > 2\nsays: one exceeds two\n```\n", to: "bad.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        let result = try run(["render", path, "--output", out, "--quiet"])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.stderr.contains("claim fails: one exceeds two"))
        let html = try String(contentsOfFile: out + "/bad.html", encoding: .utf8)
        XCTAssertTrue(html.contains("Claim fails"))
        XCTAssertEqual(try run(["render", path, "--output", out, "--quiet", "--allow-failing-claims"]).code, 0)
    }

    func testInvalidNotebookExits2PointsAtTheLineAndKeepsTheOldReport() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("out").path
        let path = try write("# Good\n\n```{claim}\nthat: 2 > 1\nsays: fine\n```\n", to: "nb.md", in: dir)
        XCTAssertEqual(try run(["render", path, "--output", out, "--quiet"]).code, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/nb.html"))

        _ = try write("# Good\n\n```{claim}\nthat: 2 > 1\nsays: [unclosed\n```\n", to: "nb.md", in: dir)
        let result = try run(["render", path, "--output", out])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.stderr.contains("nb.md:5:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("invalid YAML"), result.stderr)
        XCTAssertTrue(result.stderr.contains(" 5 | says: [unclosed"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/nb.html")), before)
    }

    func testCheckReportsTypoWithSuggestion() throws {
        let dir = try temporaryDirectory()
        let path = try write("```{claim}\nthat: 2 > 1\nsyas: fine\n```\n", to: "typo.md", in: dir)
        let result = try run(["check", path])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.stderr.contains("typo.md:3:1: error: unknown key 'syas' in {claim}"), result.stderr)
        XCTAssertTrue(result.stderr.contains("note: did you mean 'says'?"), result.stderr)
    }

    func testRunBlockDateComesFromSourceDateEpoch() throws {
        let dir = try temporaryDirectory()
        let tour = repositoryRoot.appendingPathComponent("notebooks/00-tour.md").path
        setenv("SOURCE_DATE_EPOCH", "86400", 1)
        defer { unsetenv("SOURCE_DATE_EPOCH") }
        XCTAssertEqual(try run(["render", tour, "--output", dir.path, "--quiet"]).code, 0)
        let html = try String(contentsOfFile: dir.path + "/00-tour.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<dt>Rendered</dt><dd>1970-01-02</dd>"), "one day after the epoch, in UTC")
    }

    func testRenderingTwiceIsByteIdentical() throws {
        let dir = try temporaryDirectory()
        let tour = repositoryRoot.appendingPathComponent("notebooks/00-tour.md").path
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        XCTAssertEqual(try run(["render", tour, "--output", a, "--quiet"]).code, 0)
        XCTAssertEqual(try run(["render", tour, "--output", b, "--quiet"]).code, 0)
        for name in ["00-tour.html", "index.html", "00-tour.json"] {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a + "/" + name)),
                           try Data(contentsOf: URL(fileURLWithPath: b + "/" + name)), name)
        }
    }
}

/// What a researcher sees on the command line: a failing claim with its values and line, and an
/// index page headed by the folder's `folio.yml`.
final class ResearcherCommandLineTests: XCTestCase {
    func testAFailingClaimPrintsItsLineAndValues() throws {
        let dir = try temporaryDirectory()
        let source = "---\nparams: {seed: 0}\nseeds: [0, 1]\n---\n\n```{data}\nid: d\ncolumns:\n  x: =[1, params.seed]\n```\n\n```{claim}\nthat: d.x.last > 0.5\nsays: the last item is positive\n```\n"
        let path = try write(source, to: "nb.md", in: dir)
        let result = try FolioProcess.run(["render", path, "--output", dir.appendingPathComponent("out").path, "--quiet", "--no-cache"])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.stderr.contains("nb.md:13:7: claim fails: the last item is positive (holds at 1/2 seeds; fails at seed 0)\n"
                                             + "  that: d.x.last > 0.5\n  seed 0: d.x.last > 0.5  (0 > 0.5)"), result.stderr)
    }

    func testTheIndexHeadingComesFromFolioYML() throws {
        let dir = try temporaryDirectory()
        _ = try write("```{claim}\nthat: 2 > 1\nsays: fine\n```\n", to: "nb.md", in: dir)
        _ = try write("title: Sweeps of my lab\ndescription: 'Widths & decays: computed.'\n", to: "folio.yml", in: dir)
        let out = dir.appendingPathComponent("out").path
        XCTAssertEqual(try FolioProcess.run(["render", dir.path, "--output", out, "--quiet", "--no-cache"]).code, 0)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("<h1>Sweeps of my lab</h1>\n<p class=\"description\">Widths &amp; decays: computed.</p>"), index)
        XCTAssertFalse(index.contains("Zach Furman"))
        // Rendering one notebook of the folder keeps the folder's heading.
        let single = dir.appendingPathComponent("single").path
        XCTAssertEqual(try FolioProcess.run(["render", dir.appendingPathComponent("nb.md").path, "--output", single, "--quiet", "--no-cache"]).code, 0)
        XCTAssertTrue(try String(contentsOfFile: single + "/index.html", encoding: .utf8).contains("<h1>Sweeps of my lab</h1>"))
        _ = try write("titel: X\n", to: "folio.yml", in: dir)
        let bad = try FolioProcess.run(["check", dir.path])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("folio.yml:1:1: error: unknown key 'titel' in folio.yml"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("did you mean 'title'?"), bad.stderr)
    }
}
