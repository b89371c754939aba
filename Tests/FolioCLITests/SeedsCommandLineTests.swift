import XCTest
import Foundation

/// Seeds as an axis: a notebook's claims are checked at each of its seeds (front matter `seeds:`
/// or `folio render --seeds`), and the render fails when one fails at any of them.
final class SeedsCommandLineTests: XCTestCase {
    /// A claim that holds at every seed but 3: `value` is params.seed read through a cell, so the
    /// claim also exercises running a claim's inputs at the other seeds.
    private func notebook(seeds: String, atLeast: String = "") -> String {
        """
        ---
        title: Seeds
        params:
          seed: 0
        seeds: \(seeds)
        ---
        ```{data}
        id: draw
        columns:
          value: =[params.seed]
        ```

        ```{claim}
        terms:
          drawn: draw.value[0]
        that: drawn != 3 and drawn < 200
        says: the draw avoids 3
        \(atLeast)```

        """
    }

    func testAClaimFailingAtOneOfFiveSeedsFailsTheRenderAndTheReportNamesTheSeed() throws {
        let dir = try temporaryDirectory()
        let path = try write(notebook(seeds: "[0, 1, 2, 3, 4]"), to: "seeds.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        let result = try FolioProcess.run(["render", path, "--output", out, "--quiet"])
        XCTAssertEqual(result.code, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("claim fails: the draw avoids 3 (holds at 4/5 seeds; fails at seed 3)"), result.stderr)
        let html = try String(contentsOfFile: out + "/seeds.html", encoding: .utf8)
        XCTAssertTrue(html.contains("Claim fails at 4/5 seeds"), html)
        XCTAssertTrue(html.contains("<tr class=\"fails\"><th scope=\"row\">3</th><td class=\"fails\">3 != 3</td>"), html)
        XCTAssertTrue(html.contains("<tr class=\"holds\"><th scope=\"row\">4</th><td class=\"holds\">4 != 3</td>"), html)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/seeds.json"))) as? [String: Any]
        XCTAssertEqual(manifest?["seeds"] as? [Int], [0, 1, 2, 3, 4])
        let claim = (manifest?["claims"] as? [[String: Any]])?.first
        let perSeed = claim?["seeds"] as? [[String: Any]]
        XCTAssertEqual(perSeed?.map { $0["holds"] as? Bool }, [true, true, true, false, true])
        let sides = (perSeed?[3]["comparisons"] as? [[String: Any]])?.first
        XCTAssertEqual(sides?["left"] as? String, "drawn")
        XCTAssertEqual(sides?["leftValue"] as? Double, 3)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("0 of 1 claims hold across 5 seeds"), index)
    }

    func testAtLeastAcceptsAFractionOfTheSeeds() throws {
        let dir = try temporaryDirectory()
        let path = try write(notebook(seeds: "[0, 1, 2, 3, 4]", atLeast: "at_least: 0.8\n"), to: "seeds.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        let result = try FolioProcess.run(["render", path, "--output", out, "--quiet"])
        XCTAssertEqual(result.code, 0, result.stderr)
        let html = try String(contentsOfFile: out + "/seeds.html", encoding: .utf8)
        XCTAssertTrue(html.contains("Claim holds at 4/5 seeds (needs 4 of 5: at least 80%)"), html)
        // At 0.9 of five seeds all five are needed.
        _ = try write(notebook(seeds: "[0, 1, 2, 3, 4]", atLeast: "at_least: 0.9\n"), to: "seeds.md", in: dir)
        XCTAssertEqual(try FolioProcess.run(["render", path, "--output", out, "--quiet"]).code, 1)
    }

    func testSeedsOnTheCommandLineReplaceTheDeclaredOnes() throws {
        let dir = try temporaryDirectory()
        let path = try write(notebook(seeds: "[0, 1, 2, 3, 4]"), to: "seeds.md", in: dir)
        let out = dir.appendingPathComponent("out").path
        let listed = try FolioProcess.run(["render", path, "--output", out, "--quiet", "--seeds", "101,102,105"])
        XCTAssertEqual(listed.code, 0, listed.stderr)
        let html = try String(contentsOfFile: out + "/seeds.html", encoding: .utf8)
        XCTAssertTrue(html.contains("Claim holds at 3/3 seeds"), html)
        XCTAssertTrue(html.contains("across 3 seeds (101, 102, 105; figures and prose from seed 101)"), html)
        let ranged = try FolioProcess.run(["render", path, "--output", out, "--quiet", "--seeds", "1-3", "--jobs", "2"])
        XCTAssertEqual(ranged.code, 1, ranged.stderr)
        XCTAssertTrue(ranged.stderr.contains("holds at 2/3 seeds; fails at seed 3"), ranged.stderr)
        let bad = try FolioProcess.run(["render", path, "--output", out, "--seeds", "5-2"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("--seeds expects seeds like 0-9 or 101,102,105"), bad.stderr)
    }

    func testSeedsWithoutASeedParameterIsALocatedError() throws {
        let dir = try temporaryDirectory()
        let path = try write("---\ntitle: No seed\nparams:\n  n: 3\n---\n```{claim}\nthat: params.n > 1\nsays: fine\n```\n", to: "plain.md", in: dir)
        let result = try FolioProcess.run(["render", path, "--output", dir.appendingPathComponent("out").path, "--seeds", "0-4"])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.stderr.contains("plain.md:4:3: error: --seeds sets params.seed, but this notebook has no whole-number 'seed' parameter"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("note: declare it under params (seed: 0)"), result.stderr)

        let declared = try write("---\ntitle: No seed\nseeds: [0, 1]\n---\n```{claim}\nthat: 2 > 1\nsays: fine\n```\n", to: "declared.md", in: dir)
        let check = try FolioProcess.run(["check", declared])
        XCTAssertEqual(check.code, 2)
        XCTAssertTrue(check.stderr.contains("declared.md:3:1: error: 'seeds' binds params.seed"), check.stderr)
    }
}
