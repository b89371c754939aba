import XCTest
import Foundation

/// Sharded rendering as CI does it (`.github/workflows/reports.yml`): each shard fills its own copy
/// of the cell cache on its own machine, the copies are merged as a plain union of files (later
/// copies overwrite, like download-artifact's merge-multiple), and a plain render of the merged
/// cache computes nothing and writes the reports a serial render writes.
final class ShardMergeTests: XCTestCase {
    private func run(_ arguments: [String]) throws -> FolioProcess.Result { try FolioProcess.run(arguments) }

    func testShardsInSeparateCachesMergedByCopyingComputeNothing() throws {
        let dir = try temporaryDirectory(prefix: "folio-shards")
        let a = try write(CacheCommandLineTests.trained, to: "a.md", in: dir)
        let b = try write(CacheCommandLineTests.quick, to: "b.md", in: dir)
        let shardCaches = ["shard-1", "shard-2"].map { dir.appendingPathComponent($0) }
        for (i, cache) in shardCaches.enumerated() {
            let shard = try run(["render", a, b, "--threads", "1", "--shard", "\(i + 1)/2", "--cache-dir", cache.path])
            XCTAssertEqual(shard.code, 0, shard.stderr)
        }
        let merged = dir.appendingPathComponent("merged")
        for cache in shardCaches { try copyFiles(from: cache, into: merged) }

        let assembled = dir.appendingPathComponent("assembled").path
        let plain = try run(["render", a, b, "--threads", "1", "--output", assembled, "--cache-dir", merged.path])
        XCTAssertEqual(plain.code, 0, plain.stderr)
        XCTAssertEqual(plain.stderr.components(separatedBy: ", 0 computed").count - 1, 2, plain.stderr)
        XCTAssertFalse(plain.stderr.contains("corrupted"), plain.stderr)

        let serial = dir.appendingPathComponent("serial").path
        XCTAssertEqual(try run(["render", a, b, "--threads", "1", "--output", serial, "--no-cache", "--quiet"]).code, 0)
        for name in ["a.html", "a.json", "b.html", "b.json", "index.html"] {
            let expected = FileManager.default.contents(atPath: serial + "/" + name)
            XCTAssertNotNil(expected, name)
            XCTAssertEqual(FileManager.default.contents(atPath: assembled + "/" + name), expected, name)
        }
    }

    /// Copies every file under `source` to the same relative path under `target`, overwriting.
    private func copyFiles(from source: URL, into target: URL) throws {
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        for case let file as URL in walker where (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(file.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            let destination = target.appendingPathComponent(relative)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
            try fm.copyItem(at: file, to: destination)
        }
    }
}
