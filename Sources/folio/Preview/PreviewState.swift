import Foundation
import Runner

/// What the preview server knows between renders, shared by the render loop (one thread) and the
/// HTTP handlers: the number of finished renders (`version`, which every served page carries), the
/// outcome of the last one, and the open event streams of the pages being looked at.
///
/// Pages are only ever told to reload after a render has finished writing every file, and the
/// files are written atomically, so a page never shows a mix of two versions.
final class PreviewState: @unchecked Sendable {
    /// The last render's outcome, shown in the preview bar or instead of the report.
    enum Outcome: Sendable {
        case pending
        /// Reports written. `summary` says what ran ("2 reused, 1 computed: a"), `problems` lists
        /// failing cells and claims (they show in the report itself, as `folio render` writes it).
        case rendered(summary: String, problems: String?)
        /// Nothing was run: the located diagnostics, as `folio check` prints them.
        case invalid(diagnostics: String)
    }

    private let lock = NSLock()
    private var _version = 0
    private var _outcome = Outcome.pending
    private var _finishedAt = Date()
    private var streams: [UUID: AsyncStream<String>.Continuation] = [:]
    private var closed = false

    var version: Int { lock.withLock { _version } }
    var outcome: Outcome { lock.withLock { _outcome } }
    var finishedAt: Date { lock.withLock { _finishedAt } }

    /// Records a finished render and tells every page to reload.
    func finish(_ outcome: Outcome) {
        let version = lock.withLock {
            _version += 1
            _outcome = outcome
            _finishedAt = Date()
            return _version
        }
        publish("reload", String(version))
    }

    /// A stream of server-sent events for one page: first the current version (so a page served
    /// before a render it missed reloads at once), then every event published.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let ok = lock.withLock {
            guard !closed else { return false }
            streams[id] = continuation
            return true
        }
        guard ok else { continuation.finish(); return stream }
        continuation.onTermination = { [weak self] _ in self?.lock.withLock { _ = self?.streams.removeValue(forKey: id) } }
        continuation.yield(Self.event("version", String(version)))
        return stream
    }

    /// Sends one event to every open page. `data` is one line (newlines become spaces).
    func publish(_ name: String, _ data: String) {
        let text = Self.event(name, data)
        for continuation in lock.withLock({ Array(streams.values) }) { continuation.yield(text) }
    }

    /// Ends every event stream (on shutdown, so the server's open responses can complete).
    func closeStreams() {
        let open = lock.withLock {
            closed = true
            defer { streams.removeAll() }
            return Array(streams.values)
        }
        for continuation in open { continuation.finish() }
    }

    static func event(_ name: String, _ data: String) -> String {
        "event: \(name)\ndata: \(data.replacingOccurrences(of: "\n", with: " "))\n\n"
    }
}

/// Follows one render's cells for the preview: publishes which cell runs and its progress (at most
/// ten times a second), and counts reused and computed cells for the preview bar.
final class PreviewObserver: ExecutionObserver, @unchecked Sendable {
    private let state: PreviewState
    private let lock = NSLock()
    private var reused = 0
    private var computed: [String] = []
    private var failed: [String] = []
    private var lastProgress = Date.distantPast

    init(state: PreviewState) { self.state = state }

    private func name(_ cell: CheckedCell) -> String { "{\(cell.cell.kind)} \(cell.id)" }

    func cellStarted(_ cell: CheckedCell) {
        state.publish("status", "Running \(name(cell))")
    }

    func cellProgress(_ cell: CheckedCell, step: Int, total: Int, status: String) {
        let due = lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastProgress) >= 0.1 || step == total else { return false }
            lastProgress = now
            return true
        }
        if due { state.publish("status", "Running \(name(cell)): \(step)/\(total)  \(status)") }
    }

    func cellFinished(_ run: CellRun) {
        lock.withLock {
            if run.reused { reused += 1 } else { computed.append(run.cell.id) }
            if !run.status.succeeded { failed.append(run.cell.id) }
        }
    }

    func cellSkipped(_ cell: CheckedCell, because: String) {}

    /// "3 reused, 2 computed: a, b" (and the failed cells, if any).
    var summary: String {
        lock.withLock {
            var text = "\(reused) reused, \(computed.count) computed" + (computed.isEmpty ? "" : ": " + computed.joined(separator: ", "))
            if !failed.isEmpty { text += "; failed: " + failed.joined(separator: ", ") }
            return text
        }
    }
}
