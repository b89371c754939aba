import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Calls `changed` with a file's path when a file in one of the watched folders is saved, created,
/// renamed into place or deleted. Folders are watched rather than files because editors often
/// save by writing a new file and renaming it over the old one, which would end a watch on the
/// file. Hidden files and editor leftovers (`.name`, `name~`, `*.swp`) are ignored.
///
/// On Linux it uses inotify and reacts to a file being closed after writing (`IN_CLOSE_WRITE`),
/// never to a half-written file; where inotify is unavailable it compares modification times and
/// sizes every `pollInterval` seconds.
final class FileWatcher: @unchecked Sendable {
    let folders: [String]
    let pollInterval: Double
    private let changed: @Sendable (String) -> Void
    private let lock = NSLock()
    private var stopped = false

    init(folders: [String], pollInterval: Double = 0.3, changed: @escaping @Sendable (String) -> Void) {
        self.folders = Array(Set(folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path })).sorted()
        self.pollInterval = pollInterval
        self.changed = changed
    }

    /// Starts watching on a thread of its own; returns "inotify" or "polling".
    @discardableResult
    func start() -> String {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        if fd >= 0 {
            var folderOf: [Int32: String] = [:]
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_CREATE)
            for folder in folders {
                let wd = inotify_add_watch(fd, folder, mask)
                if wd >= 0 { folderOf[wd] = folder }
            }
            if folderOf.count == folders.count {
                let folderOf = folderOf
                Thread.detachNewThread { self.readEvents(fd, folderOf: folderOf) }
                return "inotify"
            }
            close(fd)
        }
        #endif
        Thread.detachNewThread { self.pollForChanges() }
        return "polling"
    }

    func stop() { lock.withLock { stopped = true } }

    private var isStopped: Bool { lock.withLock { stopped } }

    static func ignored(_ name: String) -> Bool {
        name.isEmpty || name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
    }

    #if os(Linux)
    /// Reads inotify records: `wd` (Int32), `mask`, `cookie`, `len` (UInt32 each), then `len`
    /// bytes of NUL-padded name. Waits at most half a second at a time so `stop()` is noticed.
    private func readEvents(_ fd: Int32, folderOf: [Int32: String]) {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let header = 16
        while !isStopped {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&request, 1, 500) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var offset = 0
            var paths: [String] = []
            while offset + header <= count {
                let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + length
                if mask & UInt32(IN_ISDIR) != 0 || Self.ignored(name) { continue }
                if let folder = folderOf[wd] { paths.append((folder as NSString).appendingPathComponent(name)) }
            }
            // One save can produce several records (created, then closed): report each file once.
            var seen: Set<String> = []
            for path in paths where seen.insert(path).inserted { changed(path) }
        }
    }
    #endif

    private func pollForChanges() {
        var previous = snapshot()
        while !isStopped {
            Thread.sleep(forTimeInterval: pollInterval)
            let current = snapshot()
            for path in Set(previous.keys).union(current.keys).sorted() where previous[path] != current[path] { changed(path) }
            previous = current
        }
    }

    private struct Stamp: Equatable { var modified: Date?; var size: Int? }

    private func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let fm = FileManager.default
        for folder in folders {
            for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where !Self.ignored(name) {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let attributes = try? fm.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType != .typeDirectory else { continue }
                stamps[path] = Stamp(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue)
            }
        }
        return stamps
    }
}
