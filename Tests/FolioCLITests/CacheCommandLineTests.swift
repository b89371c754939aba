import XCTest
import Foundation

/// `folio render` with the cell cache, run as processes: reuse, reasons, --check, explain,
/// interruption, concurrent renders, shards and --jobs.
final class CacheCommandLineTests: XCTestCase {
    private var repositoryRoot: URL { FolioProcess.repositoryRoot }

    private func start(_ arguments: [String]) throws -> FolioProcess.Running { try FolioProcess.start(arguments) }

    private func finish(_ running: FolioProcess.Running) -> FolioProcess.Result { FolioProcess.finish(running) }

    private func run(_ arguments: [String]) throws -> FolioProcess.Result { try FolioProcess.run(arguments) }

    private func temporaryDirectory() throws -> URL { try temporaryDirectory(prefix: "folio-cache-cli") }

    private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    static let quick = """
    ---
    title: Quick
    ---
    Prose.

    ```{data}
    id: a
    range: {name: i, from: 1, to: 4}
    columns:
      sq: =i^2
    ```

    ```{claim}
    id: big
    that: a.sq.last == 16
    says: four squared
    ```
    """

    static let trained = """
    ---
    title: Trained
    ---
    ```{train}
    id: run
    task: {kind: modular, modulus: 7, seed: 3}
    model: {kind: mlp, hidden: 8}
    optimizer: {kind: adamw, lr: 0.01}
    steps: 5
    seed: 1
    ```

    ```{claim}
    id: done
    that: run.final_step == 5
    says: it trained for five steps
    ```
    """

    func testSecondRenderReusesEverythingAndSaysWhyCellsWereRecomputed() throws {
        let dir = try temporaryDirectory()
        let nb = try write(Self.quick, to: "quick.md", in: dir)
        let out = dir.appendingPathComponent("out").path, cache = dir.appendingPathComponent("cache").path
        let first = try run(["render", nb, "--output", out, "--cache-dir", cache])
        XCTAssertEqual(first.code, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("cache: 0 reused, 2 computed: a, big (no entry)"), first.stderr)
        let html = bytes(out + "/quick.html"), manifest = bytes(out + "/quick.json")

        let second = try run(["render", nb, "--output", out, "--cache-dir", cache])
        XCTAssertTrue(second.stderr.contains("cache: 2 reused, 0 computed"), second.stderr)
        XCTAssertEqual(bytes(out + "/quick.html"), html)
        XCTAssertEqual(bytes(out + "/quick.json"), manifest)
        let json = String(decoding: manifest ?? Data(), as: UTF8.self)
        XCTAssertTrue(json.contains("\"key\""), json)
        XCTAssertFalse(json.contains("seconds"), json)

        _ = try write(Self.quick.replacingOccurrences(of: "to: 4", with: "to: 5"), to: "quick.md", in: dir)
        let third = try run(["render", nb, "--output", out, "--cache-dir", cache, "--allow-failing-claims"])
        XCTAssertTrue(third.stderr.contains("cache: 0 reused, 2 computed: a (options changed); big (an input changed: a)"), third.stderr)

        let timed = try run(["render", nb, "--output", out, "--cache-dir", cache, "--timings", "--allow-failing-claims"])
        XCTAssertEqual(timed.code, 0, timed.stderr)
        XCTAssertTrue(String(decoding: bytes(out + "/quick.json") ?? Data(), as: UTF8.self).contains("\"cache\" : \"reused\""))

        let off = try run(["render", nb, "--output", out, "--no-cache", "--allow-failing-claims"])
        XCTAssertFalse(off.stderr.contains("cache:"), off.stderr)
    }

    func testCheckExitsNonZeroWhenAReportIsStale() throws {
        let dir = try temporaryDirectory()
        let nb = try write(Self.quick, to: "quick.md", in: dir)
        let out = dir.appendingPathComponent("out").path, cache = dir.appendingPathComponent("cache").path
        XCTAssertEqual(try run(["render", nb, "--output", out, "--cache-dir", cache, "--quiet"]).code, 0)
        let ok = try run(["render", nb, "--output", out, "--cache-dir", cache, "--check"])
        XCTAssertEqual(ok.code, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("1 report in \(out) up to date"), ok.stdout)
        let before = bytes(out + "/quick.html")
        _ = try write(Self.quick.replacingOccurrences(of: "Prose.", with: "Other prose."), to: "quick.md", in: dir)
        let stale = try run(["render", nb, "--output", out, "--cache-dir", cache, "--check"])
        XCTAssertEqual(stale.code, 1)
        XCTAssertTrue(stale.stderr.contains("quick.md: inputs changed (the notebook was edited)"), stale.stderr)
        XCTAssertEqual(bytes(out + "/quick.html"), before, "--check writes nothing")
    }

    func testExplainAndClean() throws {
        let dir = try temporaryDirectory()
        let nb = try write(Self.quick, to: "quick.md", in: dir)
        let cache = dir.appendingPathComponent("cache").path
        let before = try run(["explain", nb, "big", "--cache-dir", cache])
        XCTAssertEqual(before.code, 0, before.stderr)
        XCTAssertTrue(before.stdout.contains("status:   not cached: the next render computes it (no entry)"), before.stdout)
        XCTAssertTrue(before.stdout.contains("inputs:\n  a  "), before.stdout)
        XCTAssertEqual(try run(["render", nb, "--output", dir.appendingPathComponent("out").path, "--cache-dir", cache, "--quiet"]).code, 0)
        let after = try run(["explain", nb, "a", "--cache-dir", cache])
        XCTAssertTrue(after.stdout.contains("status:   cached: the next render reuses it"), after.stdout)
        XCTAssertTrue(after.stdout.contains("read by:  big"), after.stdout)
        XCTAssertEqual(try run(["explain", nb, "nope", "--cache-dir", cache]).code, 2)
        let clean = try run(["cache", "clean", "--cache-dir", cache])
        XCTAssertEqual(clean.code, 0, clean.stderr)
        XCTAssertTrue(clean.stdout.contains("removed 2 cached cell results"), clean.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache))
    }

    func testAKilledRenderLeavesThePreviousReportAndAValidCache() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("out").path, cache = dir.appendingPathComponent("cache").path
        let nb = try write(Self.trained, to: "nb.md", in: dir)
        XCTAssertEqual(try run(["render", nb, "--output", out, "--cache-dir", cache, "--quiet"]).code, 0)
        let report = bytes(out + "/nb.html"), manifest = bytes(out + "/nb.json")

        // A long training run, killed while it trains.
        _ = try write(Self.trained + "\n```{train}\nid: long\ntask: {kind: modular, modulus: 7}\nmodel: {kind: mlp, hidden: 8}\nsteps: 100000000\n```\n",
                      to: "nb.md", in: dir)
        let p = try start(["render", nb, "--output", out, "--cache-dir", cache])
        // Killed once its first progress line shows it is training (no fixed wait).
        let seen = FolioProcess.readStandardError(of: p) { $0.contains("{train} long: ") }
        XCTAssertTrue(seen.contains("{train} long: "), seen)
        XCTAssertTrue(p.0.isRunning)
        kill(p.0.processIdentifier, SIGKILL)
        _ = finish(p)
        XCTAssertEqual(bytes(out + "/nb.html"), report)
        XCTAssertEqual(bytes(out + "/nb.json"), manifest)

        _ = try write(Self.trained, to: "nb.md", in: dir)
        let again = try run(["render", nb, "--output", out, "--cache-dir", cache])
        XCTAssertEqual(again.code, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("cache: 2 reused, 0 computed"), again.stderr)
        XCTAssertEqual(bytes(out + "/nb.html"), report)
    }

    func testTwoConcurrentRendersOnOneCacheBothSucceed() throws {
        let dir = try temporaryDirectory()
        let cache = dir.appendingPathComponent("cache").path
        let a = try write(Self.trained, to: "a.md", in: dir), b = try write(Self.quick, to: "b.md", in: dir)
        let outs = ["o1", "o2"].map { dir.appendingPathComponent($0).path }
        let processes = try outs.map { try start(["render", a, b, "--output", $0, "--cache-dir", cache]) }
        let results = processes.map(finish)
        for r in results { XCTAssertEqual(r.code, 0, r.stderr) }
        for name in ["a.html", "a.json", "b.html", "b.json", "index.html"] {
            XCTAssertNotNil(bytes(outs[0] + "/" + name))
            XCTAssertEqual(bytes(outs[0] + "/" + name), bytes(outs[1] + "/" + name), name)
        }
        let third = try run(["render", a, b, "--output", outs[0], "--cache-dir", cache])
        XCTAssertTrue(third.stderr.contains("cache: 2 reused, 0 computed"), third.stderr)
        XCTAssertFalse(third.stderr.contains("corrupted"), third.stderr)
    }

    /// The CI workflow's four shards, each into its own cache, merged by copying files: a plain
    /// render computes nothing. The notebook has 05-approximation's pattern, a column named like
    /// the {train} cell it reads, which the shard split once put apart from that cell.
    func testFourShardsInSeparateCachesMergedLeaveNothingToCompute() throws {
        let dir = try temporaryDirectory()
        var text = "---\ntitle: Shards\n---\n"
        for k in 1...4 {
            text += "```{train}\nid: run\(k)\ntask: {kind: modular, modulus: 5, seed: \(k)}\nmodel: {kind: mlp, hidden: 4}\nsteps: 3\nseed: \(k)\n```\n\n"
        }
        text += "```{data}\nid: results\ncolumns:\n  run2: =run2.final_step\n  run3: =run3.final_step\n  both: =run2 + run3\n```\n"
        let nb = try write(text, to: "shards.md", in: dir)
        let merged = dir.appendingPathComponent("merged")
        let fm = FileManager.default
        for i in 1...4 {
            let cache = dir.appendingPathComponent("cache\(i)")
            let r = try run(["render", nb, "--shard", "\(i)/4", "--cache-dir", cache.path, "--quiet"])
            XCTAssertEqual(r.code, 0, r.stderr)
            for case let path as String in fm.enumerator(atPath: cache.path) ?? FileManager.DirectoryEnumerator() {
                var isDirectory: ObjCBool = false
                let source = cache.appendingPathComponent(path), target = merged.appendingPathComponent(path)
                guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      !fm.fileExists(atPath: target.path) else { continue }
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: source, to: target)
            }
        }
        let plain = try run(["render", nb, "--output", dir.appendingPathComponent("out").path, "--cache-dir", merged.path])
        XCTAssertEqual(plain.code, 0, plain.stderr)
        XCTAssertTrue(plain.stderr.contains("cache: 5 reused, 0 computed"), plain.stderr)
    }

    func testShardsThenAPlainRenderComputeNothingAndMatchASerialRender() throws {
        let dir = try temporaryDirectory()
        let cache = dir.appendingPathComponent("cache").path
        let a = try write(Self.trained, to: "a.md", in: dir), b = try write(Self.quick, to: "b.md", in: dir)
        let shardOut = dir.appendingPathComponent("shard-out").path
        let shards = try ["1/2", "2/2"].map { try start(["render", a, b, "--shard", $0, "--cache-dir", cache, "--output", shardOut]) }
        for r in shards.map(finish) { XCTAssertEqual(r.code, 0, r.stderr) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: shardOut + "/a.html"), "a shard writes no reports")

        let assembled = dir.appendingPathComponent("assembled").path
        let plain = try run(["render", a, b, "--output", assembled, "--cache-dir", cache])
        XCTAssertEqual(plain.code, 0, plain.stderr)
        XCTAssertEqual(plain.stderr.components(separatedBy: "cache: 2 reused, 0 computed").count - 1, 2, plain.stderr)

        let serial = dir.appendingPathComponent("serial").path
        XCTAssertEqual(try run(["render", a, b, "--output", serial, "--no-cache", "--quiet"]).code, 0)
        // Two notebooks at once with 4 threads give each the same 2 BLAS threads as the serial render.
        let parallel = dir.appendingPathComponent("parallel").path
        XCTAssertEqual(try run(["render", a, b, "--output", parallel, "--no-cache", "--quiet", "--jobs", "2", "--threads", "4"]).code, 0)
        for name in ["a.html", "a.json", "b.html", "b.json", "index.html"] {
            XCTAssertNotNil(bytes(serial + "/" + name))
            XCTAssertEqual(bytes(assembled + "/" + name), bytes(serial + "/" + name), name)
            XCTAssertEqual(bytes(parallel + "/" + name), bytes(serial + "/" + name), name)
        }
        XCTAssertEqual(try run(["render", a, "--shard", "3/2", "--cache-dir", cache]).code, 2)
        XCTAssertEqual(try run(["render", a, "--shard", "1/2", "--no-cache"]).code, 2)
    }

    func testProgressLinesInAPipe() throws {
        let dir = try temporaryDirectory()
        let nb = try write("```{train}\nid: slow\ntask: {kind: modular, modulus: 7}\nmodel: {kind: mlp, hidden: 8}\nsteps: 100000000\n```\n",
                           to: "slow.md", in: dir)
        let p = try start(["render", nb, "--output", dir.appendingPathComponent("out").path, "--no-cache"])
        // The first line comes after a second of work: read until a whole line has arrived.
        let seen = FolioProcess.readStandardError(of: p) { $0.contains("/s  ETA ") && $0.hasSuffix("\n") }
        kill(p.0.processIdentifier, SIGKILL)
        let stderr = seen + finish(p).stderr
        // One plain line (no carriage returns or escapes): step/total, loss, rate, ETA.
        XCTAssertTrue(stderr.contains("  {train} slow: "), stderr)
        XCTAssertTrue(stderr.contains("/100000000  loss "), stderr)
        XCTAssertTrue(stderr.contains("/s  ETA "), stderr)
        XCTAssertFalse(stderr.contains("\r"), stderr)
        // --quiet, run to the end: not even the cell's finished line.
        let short = try write("```{train}\nid: short\ntask: {kind: modular, modulus: 7}\nmodel: {kind: mlp, hidden: 8}\nsteps: 50\n```\n",
                              to: "short.md", in: dir)
        let quiet = try run(["render", short, "--output", dir.appendingPathComponent("out").path, "--no-cache", "--quiet"])
        XCTAssertEqual(quiet.code, 0)
        XCTAssertEqual(quiet.stderr, "")
    }

    /// On a terminal (a pseudo-terminal made by util-linux `script`), a long cell draws a bar that
    /// redraws in place, and the finished line clears it.
    func testProgressBarOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { throw XCTSkip("needs util-linux script") }
        let dir = try temporaryDirectory()
        let nb = try write("```{train}\nid: slow\ntask: {kind: modular, modulus: 7}\nmodel: {kind: mlp, hidden: 8}\nsteps: 100000000\n```\n",
                           to: "slow.md", in: dir)
        let command = [FolioProcess.executable.path, "render", nb, "--output", dir.appendingPathComponent("out").path, "--no-cache"]
            .map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // script relays the terminal's output to its own standard output (and logs nothing).
        process.arguments = ["-q", "-f", "-c", command, "/dev/null"]
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read until the bar has been drawn and redrawn (or the render ended).
        let text = FolioProcess.read(output.fileHandleForReading) { $0.components(separatedBy: "/100000000  loss ").count > 2 }
        // Closing script's terminal hangs up the render (it runs until then, however fast the
        // machine: the bar appears only after a second of work).
        process.terminate()
        process.waitUntilExit()
        XCTAssertTrue(text.contains("\r\u{1B}[K  {train} slow ░"), text)
        XCTAssertTrue(text.contains("/100000000  loss "), text)
    }
}
