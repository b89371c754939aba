import Foundation
import Notebooks

/// A content-addressed store of cell results on disk, shared by renders, processes and CI jobs.
///
/// Layout under the cache folder (`.folio-cache/` by default):
///
///     entries/<k0k1>/<key>.entry      one cell result, named by its key (`CellKeys`)
///     cells/<notebook>/<cell id>.json the key, options digest and inputs of the cell's last run,
///                                     used only to say why a cell was recomputed
///
/// An entry file is three parts: the line `FOLIO-CACHE-ENTRY 1`, a line with the SHA-256 of the
/// payload (64 hex digits), then the payload, the JSON of `StoredOutput`. An entry whose header,
/// checksum, key or JSON is wrong is reported as corrupted and recomputed (then overwritten);
/// it is never used.
///
/// Every file is written to a uniquely named temporary file in the same folder and renamed over
/// the target, so a reader sees the old file or the new one, never a partial one. Processes that
/// compute the same key concurrently write identical bytes, so the last rename wins harmlessly; a
/// killed process leaves at most a `.tmp-*` file, which readers ignore and `clean` removes.
public struct CellCache: Sendable {
    public let directory: URL
    public let codecs: ArtifactCodecs
    /// A read-only cache serves entries but writes nothing (`folio render --check`): `store`
    /// returns the status it would have had, and no ledger record is kept.
    public let readOnly: Bool

    static let magic = "FOLIO-CACHE-ENTRY 1"

    public init(directory: String, codecs: ArtifactCodecs = .standard, readOnly: Bool = false) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        self.codecs = codecs
        self.readOnly = readOnly
    }

    public enum Lookup: Sendable {
        case hit(CellOutput)
        case miss(RecomputeReason)
    }

    func entryURL(_ key: String) -> URL {
        directory.appendingPathComponent("entries").appendingPathComponent(String(key.prefix(2)))
            .appendingPathComponent(key + ".entry")
    }

    func ledgerURL(notebook: String, cell: String) -> URL {
        directory.appendingPathComponent("cells").appendingPathComponent(Self.safe(notebook))
            .appendingPathComponent(Self.safe(cell) + ".json")
    }

    /// A file name for a notebook or cell name that stays inside its folder: separators and NUL
    /// become '_', and a name that is empty or starts with '.' (`.`, `..`) gets a leading '_'.
    static func safe(_ name: String) -> String {
        let plain = String(name.map { $0 == "/" || $0 == "\\" || $0 == "\0" ? "_" : $0 })
        return plain.isEmpty || plain.hasPrefix(".") ? "_" + plain : plain
    }

    /// Whether the entry file of `key` exists (not whether it is valid).
    public func hasEntry(_ key: String) -> Bool { FileManager.default.fileExists(atPath: entryURL(key).path) }

    /// The stored result of a cell, or why there is none usable.
    public func lookup(_ entry: CellKeys.Entry, notebook: String, cell: String) -> Lookup {
        let url = entryURL(entry.key)
        guard let bytes = try? Data(contentsOf: url) else {
            return .miss(reasonForMissing(entry, notebook: notebook, cell: cell))
        }
        do {
            return .hit(try decodeEntry(bytes, key: entry.key))
        } catch {
            return .miss(.corrupted(error.message))
        }
    }

    /// Stores a cell's result; returns its status (`computed(reason)`, or `notCacheable` when the
    /// artifact has no codec).
    public func store(_ output: CellOutput, entry: CellKeys.Entry, kind: String, notebook: String, cell: String,
                      reason: RecomputeReason) -> CacheStatus {
        var stored = StoredOutput(format: 1, key: entry.key, kind: kind, cell: cell,
                                  value: output.value.map(StoredValue.init),
                                  display: output.display.map(StoredDisplay.init), artifact: nil)
        if let artifact = output.artifact {
            do {
                guard let (name, data) = try codecs.encode(artifact) else {
                    let why = "its artifact, a \(type(of: artifact)), has no cache codec"
                    recordRun(entry, notebook: notebook, cell: cell, uncacheable: why)
                    return .notCacheable(why)
                }
                stored.artifact = .init(codec: name, data: data)
            } catch {
                let why = "its artifact could not be encoded: \(error)"
                recordRun(entry, notebook: notebook, cell: cell, uncacheable: why)
                return .notCacheable(why)
            }
        }
        if readOnly { return .computed(reason) }
        do {
            try writeEntry(stored)
        } catch {
            return .notCacheable("the entry could not be written: \(error.localizedDescription)")
        }
        recordRun(entry, notebook: notebook, cell: cell)
        return .computed(reason)
    }

    /// The entry file of `stored`: header, checksum, payload.
    func writeEntry(_ stored: StoredOutput) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = try encoder.encode(stored)
        var file = Data("\(Self.magic)\n\(CellKeys.sha256(payload))\n".utf8)
        file.append(payload)
        try Self.atomicWrite(file, to: entryURL(stored.key))
    }

    /// Stores one run inside a cell (`RunCache`) without a ledger record; an output that cannot be
    /// stored (no codec, a full disk) is simply recomputed next time.
    func write(_ output: CellOutput, key: String, kind: String, cell: String) {
        if readOnly { return }
        var stored = StoredOutput(format: 1, key: key, kind: kind, cell: cell, value: output.value.map(StoredValue.init),
                                  display: output.display.map(StoredDisplay.init), artifact: nil)
        if let artifact = output.artifact {
            guard let encoded = try? codecs.encode(artifact) else { return }
            stored.artifact = .init(codec: encoded.name, data: encoded.data)
        }
        try? writeEntry(stored)
    }

    /// Notes that the cell ran (or was reused) under this key, for the next render's reasons.
    /// `uncacheable` says why the result could not be stored, for `folio explain`.
    public func recordRun(_ entry: CellKeys.Entry, notebook: String, cell: String, uncacheable: String? = nil) {
        if readOnly { return }
        let record = LedgerRecord(key: entry.key, options: entry.optionsDigest, inputs: entry.inputs, uncacheable: uncacheable)
        let url = ledgerURL(notebook: notebook, cell: cell)
        if let old = try? Data(contentsOf: url), let decoded = try? JSONDecoder().decode(LedgerRecord.self, from: old),
           decoded == record { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(record) { try? Self.atomicWrite(data, to: url) }
    }

    struct LedgerRecord: Codable, Equatable {
        var key: String
        var options: String
        var inputs: [CellKeys.Input]
        var uncacheable: String?
    }

    /// What the next render would do with a cell, without running anything (`folio explain`).
    public enum Probe: Sendable, Equatable {
        /// A valid entry exists: the cell will be reused.
        case valid
        /// No usable entry, and why.
        case missing(RecomputeReason)
        /// The cell ran with this key last time but its result could not be stored (why).
        case uncacheable(String)
    }

    public func probe(_ entry: CellKeys.Entry, notebook: String, cell: String) -> Probe {
        if let bytes = try? Data(contentsOf: entryURL(entry.key)) {
            do {
                _ = try decodeEntry(bytes, key: entry.key)
                return .valid
            } catch {
                return .missing(.corrupted(error.message))
            }
        }
        if let data = try? Data(contentsOf: ledgerURL(notebook: notebook, cell: cell)),
           let last = try? JSONDecoder().decode(LedgerRecord.self, from: data),
           last.key == entry.key, let why = last.uncacheable {
            return .uncacheable(why)
        }
        return .missing(reasonForMissing(entry, notebook: notebook, cell: cell))
    }

    /// The path of the entry file of `key` (shown by `folio explain`).
    public func entryPath(_ key: String) -> String { entryURL(key).path }

    func reasonForMissing(_ entry: CellKeys.Entry, notebook: String, cell: String) -> RecomputeReason {
        guard let data = try? Data(contentsOf: ledgerURL(notebook: notebook, cell: cell)),
              let last = try? JSONDecoder().decode(LedgerRecord.self, from: data) else { return .noEntry }
        if last.key == entry.key { return .entryMissing }
        if last.options != entry.optionsDigest { return .optionsChanged }
        let before = Dictionary(last.inputs.map { ($0.id, $0.key) }, uniquingKeysWith: { a, _ in a })
        let changed = entry.inputs.filter { before[$0.id] != $0.key }.map(\.id)
        return changed.isEmpty ? .optionsChanged : .inputChanged(changed)
    }

    func decodeEntry(_ bytes: Data, key: String) throws(CacheEntryError) -> CellOutput {
        guard let firstNewline = bytes.firstIndex(of: 0x0A),
              String(decoding: bytes[bytes.startIndex..<firstNewline], as: UTF8.self) == Self.magic else {
            throw CacheEntryError("not a cache entry (bad header)")
        }
        let sumStart = firstNewline + 1
        guard let secondNewline = bytes[sumStart...].firstIndex(of: 0x0A), secondNewline - sumStart == 64 else {
            throw CacheEntryError("no checksum line")
        }
        let checksum = String(decoding: bytes[sumStart..<secondNewline], as: UTF8.self)
        let payload = Data(bytes[(secondNewline + 1)...])
        guard CellKeys.sha256(payload) == checksum else { throw CacheEntryError("checksum mismatch") }
        let stored: StoredOutput
        do { stored = try JSONDecoder().decode(StoredOutput.self, from: payload) } catch {
            throw CacheEntryError("undecodable payload: \(error)")
        }
        guard stored.format == 1, stored.key == key else { throw CacheEntryError("entry is for another key") }
        var output = CellOutput(value: stored.value?.value, display: stored.display.map(\.display))
        if let artifact = stored.artifact {
            guard let codec = codecs.codec(named: artifact.codec) else {
                throw CacheEntryError("no codec '\(artifact.codec)' for its artifact")
            }
            do { output.artifact = try codec.decode(artifact.data) } catch {
                throw CacheEntryError("undecodable \(artifact.codec) artifact: \(error)")
            }
        }
        return output
    }

    /// Removes what the cache wrote (`entries/`, `cells/`, leftover temporary files) and the
    /// folder itself when nothing else is in it; returns the number of entries removed. Only the
    /// cache's own files are touched, so a mistaken `--cache-dir` cannot delete anything else.
    @discardableResult
    public func clean() throws -> Int {
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory.path) else { return 0 }
        let entriesFolder = directory.appendingPathComponent("entries")
        var count = 0
        if let walk = fm.enumerator(atPath: entriesFolder.path) {
            while let name = walk.nextObject() as? String { if name.hasSuffix(".entry") { count += 1 } }
        }
        for folder in ["entries", "cells"] where fm.fileExists(atPath: directory.appendingPathComponent(folder).path) {
            try fm.removeItem(at: directory.appendingPathComponent(folder))
        }
        if (try? fm.contentsOfDirectory(atPath: directory.path))?.isEmpty == true { try? fm.removeItem(at: directory) }
        return count
    }

    /// Writes `data` to a unique temporary file next to `url`, then renames it over `url`.
    static func atomicWrite(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".tmp-\(getpid())-\(UUID().uuidString)")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CacheEntryError("rename failed: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// What is wrong with a stored entry.
public struct CacheEntryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
