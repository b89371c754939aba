import XCTest
import Foundation

/// The exit status and message of `folio render` for what goes wrong: a failed cell, a failing
/// claim (and `--allow-failing-claims`), `--check` against a missing report, bad `-P` syntax, an
/// output folder that cannot be created. Exit codes: 0 success, 1 the notebooks ran but something
/// failed, 2 nothing was run (bad usage or invalid input).
final class ExitStatusTests: XCTestCase {
    private func run(_ arguments: [String]) throws -> FolioProcess.Result { try FolioProcess.run(arguments) }

    /// A {data} cell whose columns have unequal lengths fails at run time.
    static let failingCell = "```{data}\nid: bad\ncolumns:\n  a: [1, 2, 3]\n  b: [1, 2]\n```\n"

    func testAFailedCellExits1EvenWhenFailingClaimsAreAllowed() throws {
        let dir = try temporaryDirectory()
        let path = try write(Self.failingCell, to: "broken.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        let plain = try run(["render", path, "--output", out, "--quiet"])
        XCTAssertEqual(plain.code, 1, plain.stderr)
        XCTAssertTrue(plain.stderr.contains("the columns of a {data} cell must have equal lengths"), plain.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/broken.html"), "the report is written and shows the failure")
        let allowed = try run(["render", path, "--output", out, "--quiet", "--allow-failing-claims"])
        XCTAssertEqual(allowed.code, 1, "--allow-failing-claims allows failing claims, not failed cells")
    }

    /// The flag used to decide "only claims failed" by looking for the words "claim fails" in the
    /// messages, so a failed cell whose message quoted those words exited 0. A table asking for a
    /// column named "claim fails" is such a cell.
    func testAFailedCellWhoseMessageMentionsClaimsStillExits1() throws {
        let dir = try temporaryDirectory()
        let source = "```{data}\nid: d\ncolumns: {x: [1, 2]}\n```\n\n```{table}\nfrom: d\ncolumns: [claim fails]\n```\n"
        let path = try write(source, to: "quoted.md", in: dir)
        let result = try run(["render", path, "--output", dir.appendingPathComponent("out").path, "--quiet", "--allow-failing-claims"])
        XCTAssertTrue(result.stderr.contains("no column 'claim fails'"), result.stderr)
        XCTAssertEqual(result.code, 1, result.stderr)
    }

    func testAFailingClaimAndAFailedCellTogetherExit1WithBothNamed() throws {
        let dir = try temporaryDirectory()
        let source = Self.failingCell + "\n```{claim}\nthat: 1 > 2\nsays: one exceeds two\n```\n"
        let path = try write(source, to: "both.md", in: dir)
        let result = try run(["render", path, "--output", dir.appendingPathComponent("out").path, "--quiet", "--allow-failing-claims"])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.stderr.contains("claim fails: one exceeds two"), result.stderr)
        XCTAssertTrue(result.stderr.contains("equal lengths"), result.stderr)
    }

    func testCheckWithAMissingReportExits1AndNamesIt() throws {
        let dir = try temporaryDirectory()
        let path = try write("```{claim}\nthat: 2 > 1\nsays: fine\n```\n", to: "fine.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        XCTAssertEqual(try run(["render", path, "--output", out, "--quiet", "--no-cache"]).code, 0)
        XCTAssertEqual(try run(["render", path, "--output", out, "--check", "--no-cache"]).code, 0)
        try FileManager.default.removeItem(atPath: out + "/fine.json")
        let result = try run(["render", path, "--output", out, "--check", "--no-cache"])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.stderr.contains("fine.json is missing"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/fine.json"), "--check writes nothing")
        // An output folder that does not exist at all: every report is missing.
        let none = try run(["render", path, "--output", dir.appendingPathComponent("nothing").path, "--check", "--no-cache"])
        XCTAssertEqual(none.code, 1)
        XCTAssertTrue(none.stderr.contains("fine.html is missing"), none.stderr)
    }

    func testBadParameterSyntaxExits2BeforeRunningAnything() throws {
        let dir = try temporaryDirectory()
        let path = try write("---\nparams: {n: 3}\n---\n```{claim}\nthat: params.n > 1\nsays: fine\n```\n", to: "p.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        for bad in ["n", "=3", ""] {
            let result = try run(["render", path, "--output", out, "-P", bad])
            XCTAssertEqual(result.code, 2, "-P '\(bad)': \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("-P expects name=value, got '\(bad)'"), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing was rendered")
        XCTAssertEqual(try run(["render", path, "--output", out, "-P", "n=5", "--quiet", "--no-cache"]).code, 0)
    }

    /// An output folder that cannot be created (its parent is a regular file; permissions would not
    /// do, since the tests may run as root): exit 2, the folder named, nothing run.
    func testAnOutputFolderThatCannotBeCreatedExits2() throws {
        let dir = try temporaryDirectory()
        let path = try write("```{claim}\nthat: 2 > 1\nsays: fine\n```\n", to: "fine.md", in: dir)
        let blocker = try write("a file, not a folder", to: "blocker", in: dir)
        let result = try run(["render", path, "--output", blocker + "/out", "--no-cache"])
        XCTAssertEqual(result.code, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot create output folder \(blocker)/out"), result.stderr)
        XCTAssertFalse(result.stderr.contains("{claim}"), "no cell ran: \(result.stderr)")
    }
}
