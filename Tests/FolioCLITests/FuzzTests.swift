import Foundation
import XCTest
import Tensors

/// A seeded fuzzer over whole `folio render` runs. Each case takes a small notebook that passes
/// `folio check`, applies one to three mutations (extreme numbers in options, YAML anchors and
/// aliases, deep Markdown nesting, long expression chains, hostile TeX, line edits, `-P`
/// overrides) and runs `folio render --no-cache` on it as a separate process. Every run must:
///
/// - end by exiting, not by a signal (a Swift trap, a stack overflow, an abort on allocation);
/// - exit 0, 1 or 2;
/// - locate every error: a failing run prints `case.md:LINE:COLUMN` on standard error;
/// - finish within its time bound (it is killed after that and counted as a hang).
///
/// `make test` runs `FOLIO_FUZZ_CASES` cases (default 40, well under a minute) from
/// `FOLIO_FUZZ_SEED` (default 1); `FOLIO_FUZZ_SECONDS` is the bound per run (default 30).
/// A long run: `FOLIO_FUZZ_CASES=10000 swift test --filter FuzzTests`; it prints the counts
/// (`FOLIO_FUZZ_EXECUTABLE` runs another build of folio, e.g. a copy that later builds leave alone).
final class FuzzTests: XCTestCase {
    /// Seeded, so a failing case names its seed (`RandomGenerator`, xoshiro256**).
    typealias Generator = RandomGenerator

    static func environment(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    func testMutatedNotebooksNeverCrashHangOrFailUnlocated() throws {
        let cases = Self.environment("FOLIO_FUZZ_CASES", 40)
        let seed = Self.environment("FOLIO_FUZZ_SEED", 1)
        let bound = Double(Self.environment("FOLIO_FUZZ_SECONDS", 30))
        let dir = try temporaryDirectory(prefix: "folio-fuzz")
        var counts: [Int32: Int] = [:]
        var slowest = 0.0
        var failures: [String] = []
        for index in 0..<cases {
            var g = Generator(seed: UInt64(seed) &* 1_000_003 &+ UInt64(index))
            let (text, arguments) = FuzzCorpus.mutated(&g)
            let file = try write(text, to: "case.md", in: dir)
            let output = dir.appendingPathComponent("out").path
            let outcome = try Self.run(["render", file, "--no-cache", "--quiet", "--output", output] + arguments, bound: bound, in: dir)
            slowest = max(slowest, outcome.seconds)
            let problem: String? = if outcome.timedOut {
                "ran over its bound of \(bound) s"
            } else if let signal = outcome.signal {
                "ended by signal \(signal)"
            } else if !(0...2).contains(outcome.code) {
                "exited \(outcome.code)"
            } else if outcome.code != 0, outcome.stderr.firstMatch(of: /case\.md:[0-9]+:[0-9]+/) == nil {
                "failed without a location: \(outcome.stderr.prefix(300))"
            } else { nil }
            if let problem {
                let kept = dir.deletingLastPathComponent().appendingPathComponent("folio-fuzz-failure-\(seed)-\(index).md")
                try? text.write(to: kept, atomically: true, encoding: .utf8)
                failures.append("case \(index) (seed \(seed), kept at \(kept.path), arguments \(arguments)): \(problem)")
            } else {
                counts[outcome.code, default: 0] += 1
            }
        }
        let summary = "fuzz: \(cases) cases from seed \(seed): exit 0: \(counts[0] ?? 0), exit 1: \(counts[1] ?? 0), exit 2: \(counts[2] ?? 0), problems: \(failures.count); slowest run \(String(format: "%.1f", slowest)) s"
        print(summary)
        XCTAssertTrue(failures.isEmpty, summary + "\n" + failures.prefix(20).joined(separator: "\n"))
    }

    struct Outcome {
        var code: Int32
        var signal: Int32?
        var timedOut: Bool
        var stderr: String
        var seconds: Double
    }

    /// Runs folio with its output in files (a run may print a lot) and kills it after `bound` s.
    static func run(_ arguments: [String], bound: Double, in dir: URL) throws -> Outcome {
        let errURL = dir.appendingPathComponent("stderr"), outURL = dir.appendingPathComponent("stdout")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let process = Process()
        process.executableURL = ProcessInfo.processInfo.environment["FOLIO_FUZZ_EXECUTABLE"].map(URL.init(fileURLWithPath:)) ?? FolioProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = FolioProcess.repositoryRoot
        // Cells allowed to run are small enough to finish within the bound (ResourceEstimate).
        process.environment = ProcessInfo.processInfo.environment.merging(["FOLIO_MAX_OPERATIONS": "1e9"]) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let start = Date()
        try process.run()
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(start) > bound {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        let stderr = String(decoding: (try? Data(contentsOf: errURL).prefix(100_000)) ?? Data(), as: UTF8.self)
        let signalled = process.terminationReason == .uncaughtSignal
        return Outcome(code: signalled ? -1 : process.terminationStatus, signal: signalled ? process.terminationStatus : nil,
                       timedOut: timedOut, stderr: stderr, seconds: seconds)
    }
}

extension RandomGenerator {
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + int(below: range.count) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }
}
