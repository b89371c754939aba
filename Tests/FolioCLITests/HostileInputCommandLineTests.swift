import Foundation
import XCTest

/// Every reproducer of issue 20, run as a user would: each ends with exit 0, 1 or 2, quickly, and
/// a failure names its file, line and column.
final class HostileInputCommandLineTests: XCTestCase {
    /// Renders `body` (after a small front matter) and checks the exit code and that stderr holds
    /// `expected` and, on failure, a location in the notebook.
    @discardableResult
    private func render(_ body: String, _ arguments: [String] = [], exit code: Int32, _ expected: String = "",
                        file: StaticString = #filePath, line: UInt = #line) throws -> FolioProcess.Result {
        let dir = try temporaryDirectory(prefix: "folio-hostile")
        let path = try write("---\ntitle: Hostile\nparams: {count: 12}\n---\n" + body + "\n", to: "nb.md", in: dir)
        let result = try FolioProcess.run(["render", path, "--no-cache", "--output", dir.appendingPathComponent("out").path] + arguments)
        XCTAssertEqual(result.code, code, result.stderr, file: file, line: line)
        if !expected.isEmpty { XCTAssertTrue(result.stderr.contains(expected), result.stderr, file: file, line: line) }
        if code != 0 { XCTAssertNotNil(result.stderr.firstMatch(of: /nb\.md:[0-9]+:[0-9]+/), result.stderr, file: file, line: line) }
        return result
    }

    private func cell(_ kind: String, _ body: String) -> String { "```{\(kind)}\n\(body)\n```\n" }

    func testYAMLAnchorsAreRefusedBeforeExpansion() throws {
        var laughs = "id: d\ncolumns:\n  x: [1]\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for k in 1...8 { laughs += "  a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]\n" }
        let start = Date()
        try render(cell("data", laughs), exit: 2, "YAML anchors and aliases")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testNumbersThatCannotBeCountsAreLocatedErrors() throws {
        let data = cell("data", "id: d\nrange: {name: n, from: 0, to: =params.count - 1}\ncolumns:\n  y: =n * 2")
        try render(data, ["-P", "count=1e19"], exit: 1, "at most 1000000")
        try render(data, ["-P", "count=inf"], exit: 1)
        for range in ["{name: n, from: 0, to: 1e19}", "{name: n, from: -1e308, to: 1e308}", "{name: n, from: 0, to: 1, step: 1e-300}"] {
            try render(cell("data", "id: d\nrange: \(range)"), exit: 1, "at most 1000000")
        }
        let values = cell("data", "id: d\ncolumns:\n  v: [-1e308, 0, 1e308]")
        try render(values + cell("histogram", "series:\n  - {values: =d.v}\nbins: .inf"), exit: 1, "'bins' must be a whole number")
        try render(values + cell("histogram", "series:\n  - {values: =d.v}"), exit: 0)
        try render(values + cell("heatmap", "values: =[d.v, d.v]"), exit: 0)
        try render(values + cell("heatmap", "values: =[d.v, d.v]\ncolour_max: 4.9e-324"), exit: 0)
        try render("$\\hspace{99999999999999999999em}$", exit: 0)
        try render(values + cell("plot", "series:\n  - {x: =d.v, y: =d.v, colour: -1}"), exit: 1, "'colour' must be a palette index")
        try render(cell("train", "task: {kind: modular, modulus: 7}\nmodel: {kind: transformer, d_model: 8, heads: 0}\nsteps: 1"), exit: 1, "heads")
    }

    func testDeepNestingIsBoundedByStatedLimits() throws {
        try render(String(repeating: ">", count: 20_000) + " deep", exit: 2, "Markdown nested more than 100 levels")
        try render(String(repeating: "*", count: 30_000) + "x" + String(repeating: "*", count: 30_000), exit: 2, "Markdown nested")
        try render(String(repeating: "- ", count: 10_000) + "item", exit: 2, "Markdown nested")
        let data = cell("data", "id: d\ncolumns:\n  xs: [1]")
        try render(data + "`=1" + String(repeating: " + 1", count: 30_000) + "`", exit: 2, "nested too deeply")
        try render(data + "`=d.xs" + String(repeating: "[0]", count: 30_000) + "`", exit: 2, "nested too deeply")
    }

    func testAbsurdSizesAreRefusedInTheCheckPhaseWithAnEstimate() throws {
        let task = "task: {kind: modular, modulus: 7}"
        let cases: [(String, String)] = [
            ("train", "\(task)\nmodel: {kind: mlp, hidden: 1000000000}\nsteps: 5"),
            ("train", "task: {kind: modular, modulus: 1000003}\nmodel: {kind: mlp, hidden: 8}\nsteps: 5"),
            ("train", "task: {kind: teacher, teacher: linear, widths: [4, 1], train_size: 1e12}\nmodel: {kind: mlp, hidden: 8}\nsteps: 5"),
            ("train", "task: {kind: teacher, teacher: linear, widths: [4, 1]}\nmodel: {kind: mlp, widths: [1e9, 1]}\nsteps: 5"),
            ("train", "\(task)\nmodel: {kind: mlp, hidden: 8}\nsteps: 1e12"),
            ("llc", "objective: {kind: quadratic, dimension: 4}\ndraws: 1e12"),
            ("llc", "objective: {kind: quadratic, dimension: 4}\nchains: 1e9"),
            ("llc", "objective: {kind: quadratic, dimension: 1e9}"),
            ("llc", "objective: {kind: quadratic, dimension: 4, samples: 1e12}"),
            ("llc", "objective: {kind: reduced_rank, train_steps: 1e12}"),
            ("simplicity", "samples: 1e12"),
        ]
        for (kind, body) in cases {
            let result = try render(cell(kind, body), exit: 2, "would need about")
            XCTAssertTrue(result.stderr.contains("not valid; nothing was run"), result.stderr)
        }
    }

    func testRepeatedTeXWarningsAreCappedAndQuietSilencesThem() throws {
        let formula = "$" + String(repeating: "\\\\", count: 10_000) + "$"
        let start = Date()
        let loud = try render(formula, exit: 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertLessThan(loud.stderr.utf8.count, 5_000)
        XCTAssertTrue(loud.stderr.contains("more warnings in this formula not shown"), loud.stderr)
        XCTAssertEqual(try render(formula, ["--quiet"], exit: 0).stderr, "")
    }

    func testAnInlineValueThatFailsIsALocatedErrorAndExitsOne() throws {
        let data = cell("data", "id: d\ncolumns:\n  xs: [1, 2]")
        try render(data + "\nA value: `=d.nope`.", exit: 1, "inline value `=d.nope` cannot be computed")
        try render(data + "\nA value: `=d.xs[7]`.", exit: 1, "nb.md:11:17: error: inline value `=d.xs[7]`")
    }

    func testDivergingSGLDFailsTheCellWithChainAndDraw() throws {
        try render(cell("llc", "id: l\nobjective: {kind: quadratic, dimension: 4, samples: 100}\nepsilon: 1000\ndraws: 20")
                   + cell("claim", "that: l.llc > 0\nsays: positive"), exit: 1, "SGLD diverged: chain 1 at draw 1")
    }

    func testAnalysesOfArchitecturesTheyDoNotApplyToAreLocatedErrors() throws {
        let relu = cell("train", "id: net\ntask: {kind: modular, modulus: 5}\nmodel: {kind: onehot_mlp, hidden: 4, activation: relu}\nsteps: 2")
        try render(relu + cell("extract_program", "model: net"), exit: 1, "(its activation is relu)")
        let tanh = cell("train", "id: net\ntask: {kind: teacher, teacher: linear, widths: [3, 1], train_size: 20, test_size: 20}\nmodel: {kind: mlp, hidden: 4, activation: tanh}\nloss: mse\nsteps: 2")
        try render(tanh + cell("prune", "model: net"), exit: 1, "(its activation is tanh)")
    }

    func testRefinedLLCOfAnUnknownParameterIsALocatedError() throws {
        let net = cell("train", "id: net\ntask: {kind: modular, modulus: 5}\nmodel: {kind: onehot_mlp, hidden: 4}\nsteps: 2")
        try render(net + cell("llc", "model: net\nparameters: [output, layer9]\nchains: 1\ndraws: 2"), exit: 1,
                   "the model has no parameters named 'layer9'")
        try render(cell("llc", "objective: {kind: quadratic}\nparameters: [output]"), exit: 2,
                   "'parameters' applies to a trained 'model', not to an 'objective'")
    }

    func testOutputNameCollisionsAreRefusedBeforeAnythingRuns() throws {
        let dir = try temporaryDirectory(prefix: "folio-names")
        let body = "---\ntitle: N\n---\nText.\n"
        for sub in ["a", "b"] { try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true) }
        let a = try write(body, to: "a/x.md", in: dir), b = try write(body, to: "b/x.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        let both = try FolioProcess.run(["render", a, b, "--no-cache", "--output", out])
        XCTAssertEqual(both.code, 2)
        XCTAssertTrue(both.stderr.contains("would both be written as x.html"), both.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/x.html"))
        for name in ["index.md", "a#b.md", "what?.md", "...md"] {
            let path = try write(body, to: name, in: dir)
            let result = try FolioProcess.run(["render", path, "--no-cache", "--output", out, "--cache-dir", dir.appendingPathComponent("cache").path])
            XCTAssertEqual(result.code, 2, "\(name): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("cells").path), "cache records escaped")
    }

    func testOneInvalidNotebookDoesNotStopTheOthersOrTheIndex() throws {
        let dir = try temporaryDirectory(prefix: "folio-folder")
        let notebooks = dir.appendingPathComponent("nbs")
        try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
        _ = try write("---\ntitle: Bad\n---\n```{data}\nid: d\nrange: {name: n, from: 0, to: 3}\nsteps: 3\n```\n", to: "a-bad.md", in: notebooks)
        _ = try write("---\ntitle: Good\n---\nFine.\n", to: "b-good.md", in: notebooks)
        let out = dir.appendingPathComponent("out").path
        let result = try FolioProcess.run(["render", notebooks.path, "--no-cache", "--output", out])
        XCTAssertEqual(result.code, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("a-bad.md:7:1"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/b-good.html"))
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("b-good.html"))
    }

    func testConcurrentRendersIntoOneFolderLeaveMatchingReportsAndManifests() throws {
        let dir = try temporaryDirectory(prefix: "folio-concurrent")
        let path = try write("---\ntitle: C\nparams: {k: 1}\n---\nk is `=params.k | int`.\n", to: "c.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        for _ in 0..<5 {
            let runs = try (1...2).map { try FolioProcess.start(["render", path, "--no-cache", "-q", "--output", out, "-P", "k=\($0)"]) }
            for run in runs { XCTAssertEqual(FolioProcess.finish(run).code, 0) }
            let html = try String(contentsOfFile: out + "/c.html", encoding: .utf8)
            let json = try String(contentsOfFile: out + "/c.json", encoding: .utf8)
            let k = json.contains("\"k\" : \"2\"") ? "2" : "1"
            XCTAssertTrue(html.contains("k is <span class=\"value\" title=\"=params.k | int\">\(k)</span>"), "report and manifest from different runs")
        }
    }
}
