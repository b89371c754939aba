import Foundation
import XCTest

/// The `folio` process pins OpenBLAS's kernel (`BLASKernel`): renders under different forced
/// `OPENBLAS_CORETYPE` values are byte-identical, and `render --check` writes nothing and says
/// why a report is stale.
final class ReproducibilityCommandLineTests: XCTestCase {
    /// A training run whose last digits depend on the kernel's summation order (SkylakeX's
    /// AVX-512 kernel gives 0.6966034770 where Haswell gives 0.6966034174).
    static let training = """
    ---
    title: Kernel
    ---
    ```{train}
    id: run
    task: {kind: modular, modulus: 23, seed: 3}
    model: {kind: mlp, hidden: 64}
    optimizer: {kind: adamw, lr: 0.01}
    steps: 50
    seed: 1
    ```

    Final loss `=run.train_loss.last | sci(12)`.
    """

    static var cpuFlags: Set<String> {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        return Set(line.split(separator: " ").map(String.init))
    }

    /// Kernels every machine that runs this test can execute: SkylakeX needs AVX-512.
    static var forcedKernels: [String] { cpuFlags.contains("avx512f") ? ["SkylakeX", "Sandybridge"] : ["Prescott", "Sandybridge"] }

    private func render(_ file: String, into dir: URL, _ environment: [String: String]) throws -> (html: Data?, json: Data?) {
        let result = try FolioProcess.run(["render", file, "--no-cache", "--quiet", "--output", dir.path], environment: environment)
        XCTAssertEqual(result.code, 0, result.stderr)
        return (FileManager.default.contents(atPath: dir.appendingPathComponent("k.html").path),
                FileManager.default.contents(atPath: dir.appendingPathComponent("k.json").path))
    }

    func testRendersUnderTwoForcedKernelsAreByteIdentical() throws {
        guard Self.cpuFlags.contains("avx2"), Self.cpuFlags.contains("fma") else {
            throw XCTSkip("the Haswell kernel is pinned only on x86-64 with AVX2 and FMA")
        }
        let dir = try temporaryDirectory(prefix: "folio-kernel")
        let file = try write(Self.training, to: "k.md", in: dir)
        let (a, b) = (Self.forcedKernels[0], Self.forcedKernels[1])
        let first = try render(file, into: dir.appendingPathComponent(a), ["OPENBLAS_CORETYPE": a, "OPENBLAS_L2_SIZE": "512"])
        let second = try render(file, into: dir.appendingPathComponent(b), ["OPENBLAS_CORETYPE": b])
        XCTAssertNotNil(first.html)
        XCTAssertEqual(first.html, second.html)
        XCTAssertEqual(first.json, second.json)
        let manifest = String(decoding: first.json ?? Data(), as: UTF8.self)
        XCTAssertTrue(manifest.contains("\"blas\" : \"Haswell;"), manifest)

        // The control: without pinning, the AVX-512 kernel gives other digits, so the identity
        // above is the pinning's doing.
        if Self.cpuFlags.contains("avx512f") {
            let native = try render(file, into: dir.appendingPathComponent("native"),
                                    ["OPENBLAS_CORETYPE": "SkylakeX", "FOLIO_BLAS_KERNEL": "native"])
            XCTAssertNotEqual(native.html, first.html)
        }
    }

    func testCheckWritesNothingAndSeparatesChangedInputsFromMovedNumbers() throws {
        let dir = try temporaryDirectory(prefix: "folio-check")
        let file = try write(Self.training, to: "k.md", in: dir)
        let output = dir.appendingPathComponent("out").path
        let cache = dir.appendingPathComponent("cache").path
        XCTAssertEqual(try FolioProcess.run(["render", file, "-q", "--no-cache", "--output", output]).code, 0)

        let fresh = try FolioProcess.run(["render", file, "--check", "--output", output, "--cache-dir", cache])
        XCTAssertEqual(fresh.code, 0, fresh.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "--check wrote cache entries")
        let listing = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        XCTAssertEqual(listing, ["index.html", "k.html", "k.json"])

        // Rendered on one day, checked on another: the run block's date is not an input.
        let dated = try FolioProcess.run(["render", file, "-q", "--no-cache", "--output", output], environment: ["SOURCE_DATE_EPOCH": "0"])
        XCTAssertEqual(dated.code, 0, dated.stderr)
        XCTAssertTrue(try String(contentsOfFile: output + "/k.html", encoding: .utf8).contains("<dt>Rendered</dt><dd>1970-01-01</dd>"))
        let later = try FolioProcess.run(["render", file, "--check", "--output", output, "--cache-dir", cache],
                                         environment: ["SOURCE_DATE_EPOCH": "86400000"])
        XCTAssertEqual(later.code, 0, later.stderr)

        if Self.cpuFlags.contains("avx512f") {
            let moved = try FolioProcess.run(["render", file, "--check", "-q", "--output", output, "--cache-dir", cache],
                                             environment: ["OPENBLAS_CORETYPE": "SkylakeX", "FOLIO_BLAS_KERNEL": "native"])
            XCTAssertEqual(moved.code, 1)
            XCTAssertTrue(moved.stderr.contains("same inputs, different numbers (computed with another BLAS kernel"), moved.stderr)
            XCTAssertTrue(moved.stderr.contains("1 value moved"), moved.stderr)
            XCTAssertTrue(moved.stderr.contains("6.966034173965e-1 → 6.966034770012e-1"), moved.stderr)
        }

        try Self.training.replacingOccurrences(of: "steps: 50", with: "steps: 40").write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try FolioProcess.run(["render", file, "--check", "-q", "--output", output, "--cache-dir", cache])
        XCTAssertEqual(edited.code, 1)
        XCTAssertTrue(edited.stderr.contains("k.md: inputs changed (the notebook was edited)"), edited.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "--check wrote cache entries")
    }
}
