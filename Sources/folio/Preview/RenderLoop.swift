import Foundation

/// Renders on one thread of its own, one render at a time. A save while a render runs is queued:
/// the running render finishes (its cells stored whole, its reports written whole), then one more
/// render reads the notebooks as they are by then, however many saves came in between.
final class RenderLoop: @unchecked Sendable {
    private let render: Render
    private let state: PreviewState
    private let queue = DispatchQueue(label: "folio.preview.render", qos: .userInitiated)
    private let lock = NSLock()
    private var running = false
    private var stopped = false
    private var changes: [String] = []
    private var first = true
    private var lastChange = DispatchTime.now()
    /// How long a render waits for the files to be quiet: an editor's save through a temporary
    /// file gives several events within a millisecond or two.
    static let settle = 0.03

    init(render: Render, state: PreviewState) {
        self.render = render
        self.state = state
    }

    /// Asks for a render; `because` is the changed file (nil for the first render).
    func request(because changed: String?) {
        let start = lock.withLock {
            guard !stopped else { return false }
            if let changed { changes.append(changed); lastChange = .now() }
            if running { return false }
            running = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    /// Stops rendering: no render starts after this. Returns whether one is still running.
    @discardableResult
    func stop() -> Bool { lock.withLock { stopped = true; return running } }

    private func drain() {
        while true {
            while true {
                let quiet = lock.withLock { Double(DispatchTime.now().uptimeNanoseconds - lastChange.uptimeNanoseconds) / 1e9 }
                if quiet >= Self.settle { break }
                Thread.sleep(forTimeInterval: Self.settle - quiet)
            }
            let reasons: [String]? = lock.withLock {
                guard !stopped, first || !changes.isEmpty else { running = false; return nil }
                first = false
                defer { changes.removeAll() }
                return changes
            }
            guard let reasons else { return }
            renderOnce(after: reasons)
        }
    }

    private func renderOnce(after changes: [String]) {
        // Editors and tools save through temporary files renamed into place: name what is left.
        let present = changes.filter { FileManager.default.fileExists(atPath: $0) }
        let names = Array(Set((present.isEmpty ? changes : present).map { ($0 as NSString).lastPathComponent })).sorted()
        let why = names.isEmpty ? "Rendering" : "Rendering after a change to \(names.joined(separator: ", "))"
        FileHandle.standardError.write(Data((why + "\n").utf8))
        state.publish("status", why + "…")
        let observer = PreviewObserver(state: state)
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome: PreviewState.Outcome
        do {
            try render.render(observer: observer)
            outcome = .rendered(summary: observer.summary, problems: nil)
        } catch let failure as FolioFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            outcome = failure.code == 1 ? .rendered(summary: observer.summary, problems: failure.message)
                : .invalid(diagnostics: failure.message)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            outcome = .invalid(diagnostics: "error: \(error)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let timed: PreviewState.Outcome
        if case .rendered(let summary, let problems) = outcome {
            timed = .rendered(summary: String(format: "in %.2f s · ", seconds) + summary, problems: problems)
        } else {
            timed = outcome
        }
        state.finish(timed)
        FileHandle.standardError.write(Data(String(format: "Page updated (render took %.2f s).\n", seconds).utf8))
    }
}
