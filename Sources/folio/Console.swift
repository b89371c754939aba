import Foundation
import Runner

/// What `folio render` prints while it works, on standard error: one line per cell, and for
/// long cells a progress bar on a terminal or a plain line every few seconds in a pipe (CI logs).
struct Console: Sendable {
    var quiet: Bool
    var isTerminal: Bool = isatty(STDERR_FILENO) != 0

    init(quiet: Bool) { self.quiet = quiet }

    func line(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `label` (the notebook's name) prefixes every line when several notebooks run at once;
    /// `also` receives every event too (the preview page's progress).
    func observer(label: String? = nil, also: (any ExecutionObserver)? = nil) -> any ExecutionObserver {
        let console = ConsoleObserver(console: self, label: label)
        guard let also else { return console }
        return ObserverPair(first: console, second: also)
    }

    /// The terminal's width in columns (80 when unknown).
    static func columns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

final class ConsoleObserver: ExecutionObserver, @unchecked Sendable {
    private let console: Console
    private let label: String?
    private let lock = NSLock()
    private var started = Date()
    private var lastPrint = Date.distantPast
    private var drewBar = false

    init(console: Console, label: String?) {
        self.console = console
        self.label = label
    }

    private func name(_ cell: CheckedCell) -> String { (label.map { "[\($0)] " } ?? "") + "{\(cell.cell.kind)} \(cell.id)" }

    // The first progress line comes once the cell has run for a second, in a pipe too.
    func cellStarted(_ cell: CheckedCell) {
        lock.withLock { started = Date(); lastPrint = .distantPast; drewBar = false }
    }

    func cellProgress(_ cell: CheckedCell, step: Int, total: Int, status: String) {
        guard !console.quiet else { return }
        lock.withLock {
            let now = Date()
            let elapsed = now.timeIntervalSince(started)
            let interval = console.isTerminal ? 0.1 : 5.0
            guard elapsed > 1, now.timeIntervalSince(lastPrint) >= interval || step == total else { return }
            lastPrint = now
            let rate = Double(step) / max(elapsed, 1e-9)
            let eta = rate > 0 ? Double(total - step) / rate : 0
            let figures = "\(step)/\(total)  \(status)  \(String(format: "%.1f", rate))/s  ETA \(String(format: "%.0f", eta))s"
            if console.isTerminal {
                // The bar shrinks (to nothing) before the figures are cut on a narrow terminal.
                let room = Console.columns() - 1 - name(cell).count - figures.count - 4
                let width = max(0, min(24, room)), filled = total > 0 ? width * min(step, total) / total : 0
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                // A line wider than the terminal wraps, and "\r" would then only clear its last row.
                let text = String("  \(name(cell)) \(bar) \(figures)".prefix(Console.columns() - 1))
                FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
                drewBar = true
            } else {
                FileHandle.standardError.write(Data("  \(name(cell)): \(figures)\n".utf8))
            }
        }
    }

    func cellFinished(_ run: CellRun) {
        guard !console.quiet else { return }
        lock.withLock {
            if drewBar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            let outcome: String
            switch run.status {
            case .succeeded: outcome = run.reused ? "reused" : "computed"
            case .failed: outcome = "FAILED"
            case .skipped: outcome = "skipped"
            }
            let time = run.wallTime >= 0.05 ? String(format: " in %.1fs", run.wallTime) : ""
            FileHandle.standardError.write(Data("  \(name(run.cell)): \(outcome)\(time)\n".utf8))
        }
    }

    func cellSkipped(_ cell: CheckedCell, because: String) {
        guard !console.quiet else { return }
        lock.withLock {
            FileHandle.standardError.write(Data("  \(name(cell)): skipped (reads '\(because)', which did not run)\n".utf8))
        }
    }
}

/// Passes every execution event to two observers, in order.
struct ObserverPair: ExecutionObserver {
    let first: any ExecutionObserver
    let second: any ExecutionObserver

    func cellStarted(_ cell: CheckedCell) { first.cellStarted(cell); second.cellStarted(cell) }
    func cellProgress(_ cell: CheckedCell, step: Int, total: Int, status: String) {
        first.cellProgress(cell, step: step, total: total, status: status)
        second.cellProgress(cell, step: step, total: total, status: status)
    }
    func cellFinished(_ run: CellRun) { first.cellFinished(run); second.cellFinished(run) }
    func cellSkipped(_ cell: CheckedCell, because: String) {
        first.cellSkipped(cell, because: because)
        second.cellSkipped(cell, because: because)
    }
}
