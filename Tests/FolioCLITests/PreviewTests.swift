import XCTest
import Foundation

/// `folio preview` as a user meets it: a process serving a temporary notebook, a headless Chromium
/// reading the page after each save. Every wait is for an event (a line printed, a server-sent
/// event, a process exit) with a generous timeout, never a fixed sleep, so a loaded machine only
/// makes the test slower.
final class PreviewTests: XCTestCase {
    /// CacheCommandLineTests' quick notebook (cells a and big, which reads a) with an inline value
    /// in its prose and a cell c that reads nothing.
    static let notebook = CacheCommandLineTests.quick
        .replacingOccurrences(of: "Prose.", with: "Alpha prose. The last square is `=a.sq.last`.") + """


    ```{data}
    id: c
    range: {name: k, from: 1, to: 3}
    columns:
      double: =2 * k
    ```
    """

    /// The running preview: its process, the port it printed, and everything it wrote to stderr.
    private final class Running: @unchecked Sendable {
        let process: Process
        let port: Int
        private let lock = NSLock()
        private var errorText = ""

        init(process: Process, port: Int) {
            self.process = process
            self.port = port
        }

        func append(_ text: String) { lock.withLock { errorText += text } }
        var stderr: String { lock.withLock { errorText } }
    }

    /// Starts `folio preview arguments…` and waits for the line with its address.
    private func startPreview(_ arguments: [String]) throws -> Running {
        let started = try FolioProcess.start(["preview"] + arguments)
        var printed = ""
        while !printed.contains("/\n") {
            let data = started.stdout.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        guard let match = printed.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//), let port = Int(match.1) else {
            let result = FolioProcess.finish(started)
            throw XCTSkip("preview did not start (exit \(result.code)): \(printed)\(result.stderr)")
        }
        let running = Running(process: started.process, port: port)
        // stderr is read as it comes, or a long render would fill the pipe and block the preview.
        started.stderr.fileHandleForReading.readabilityHandler = { handle in
            running.append(String(decoding: handle.availableData, as: UTF8.self))
        }
        addTeardownBlock { if started.process.isRunning { started.process.terminate() } }
        return running
    }

    /// The page's DOM after Chromium loaded it and ran its scripts.
    private func dumpDOM(_ url: String) throws -> String {
        let chromium = Process()
        chromium.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        chromium.arguments = ["timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-background-networking", "--disable-component-update", "--disable-sync", "--dump-dom", url]
        let out = Pipe()
        chromium.standardOutput = out
        chromium.standardError = FileHandle.nullDevice
        try chromium.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        chromium.waitUntilExit()
        XCTAssertEqual(chromium.terminationStatus, 0, "chromium failed on \(url)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits until the server has finished render number `version` (a reload or version event).
    private func waitForRender(_ events: HTTPProbe, version: Int, _ preview: Running) throws {
        let event = events.nextEvent(["version", "reload"]) { Int($0).map { $0 >= version } ?? false }
        guard event != nil else {
            throw HTTPProbe.ProbeError.message("no render \(version) within the timeout; preview said:\n\(preview.stderr)")
        }
    }

    /// The inline value after "The last square is" in a report's DOM.
    private func lastSquare(_ dom: String) -> String? {
        dom.firstMatch(of: /The last square is <span[^>]*>([^<]*)<\/span>/).map { String($0.1) }
    }

    /// Writes in place: one "closed after writing" event, so each save is exactly one render.
    private func save(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func testPageFollowsEditsRecomputesOnlyWhatChangedAndShowsDiagnostics() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            throw XCTSkip("chromium is not installed (.ci/run installs it)")
        }
        let dir = try temporaryDirectory(prefix: "folio-preview")
        let notebooks = dir.appendingPathComponent("notebooks")
        try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
        let file = notebooks.appendingPathComponent("live.md").path
        try save(Self.notebook, to: file)
        let output = dir.appendingPathComponent("out").path
        let preview = try startPreview([file, "--port", "0", "--output", output,
                                        "--cache-dir", dir.appendingPathComponent("cache").path])
        let page = "http://127.0.0.1:\(preview.port)/live.html"
        let events = try HTTPProbe(port: preview.port, path: "/_folio/events")

        // First render: everything computed; the served page carries the preview bar and script,
        // the report on disk neither.
        try waitForRender(events, version: 1, preview)
        var dom = try dumpDOM(page)
        XCTAssertTrue(dom.contains("Alpha prose."), dom)
        XCTAssertEqual(lastSquare(dom), "16", dom)
        XCTAssertTrue(dom.contains("0 reused, 3 computed: a, big, c"), dom)
        let onDisk = try String(contentsOfFile: output + "/live.html", encoding: .utf8)
        XCTAssertFalse(onDisk.contains("<script"), "rendered reports stay script-free")
        XCTAssertTrue(dom.contains("<script"))

        // A prose edit: the page shows the new text and nothing was recomputed.
        try save(Self.notebook.replacingOccurrences(of: "Alpha prose.", with: "Beta prose."), to: file)
        try waitForRender(events, version: 2, preview)
        dom = try dumpDOM(page)
        XCTAssertTrue(dom.contains("Beta prose."), dom)
        XCTAssertFalse(dom.contains("Alpha prose."))
        XCTAssertTrue(dom.contains("3 reused, 0 computed"), dom)

        // One cell edited: it and the claim reading it run again (the claim now fails, as the
        // report shows), the unrelated cell is reused.
        let edited = Self.notebook.replacingOccurrences(of: "Alpha prose.", with: "Beta prose.")
            .replacingOccurrences(of: "from: 1, to: 4", with: "from: 1, to: 5")
        try save(edited, to: file)
        try waitForRender(events, version: 3, preview)
        dom = try dumpDOM(page)
        XCTAssertEqual(lastSquare(dom), "25", dom)
        XCTAssertTrue(dom.contains("1 reused, 2 computed: a, big"), dom)
        XCTAssertTrue(dom.contains("callout claim fails"), "the failing claim shows as in the report")

        // A mistake: the page shows the located diagnostic, and the last good report a click away.
        let broken = edited.replacingOccurrences(of: "  double: =2 * k", with: "  double: =2 * (k")
        try save(broken, to: file)
        try waitForRender(events, version: 4, preview)
        dom = try dumpDOM(page)
        let line = broken.components(separatedBy: "\n").firstIndex { $0.contains("=2 * (k") }! + 1
        XCTAssertTrue(dom.contains("live.md:\(line):"), "diagnostic located at line \(line):\n\(dom)")
        XCTAssertTrue(dom.contains("double: =2 * (k"), "the source line is shown")
        XCTAssertTrue(dom.contains("^"), "a caret points into it")
        XCTAssertTrue(dom.contains("Show the last good report"), dom)
        let lastGood = try dumpDOM(page + "?last-good")
        XCTAssertEqual(lastSquare(lastGood), "25", lastGood)

        // The same port again: a clear error that names --port.
        let clash = try FolioProcess.run(["preview", file, "--port", String(preview.port), "--output", output])
        XCTAssertEqual(clash.code, 2, clash.stderr)
        XCTAssertTrue(clash.stderr.contains("port \(preview.port) on 127.0.0.1 is in use"), clash.stderr)
        XCTAssertTrue(clash.stderr.contains("--port"), clash.stderr)

        // Ctrl-C: the event stream ends and the process exits 0.
        preview.process.interrupt()
        XCTAssertNil(events.nextEvent(["never"]), "the event stream ends on shutdown")
        preview.process.waitUntilExit()
        XCTAssertEqual(preview.process.terminationStatus, 0, preview.stderr)
        XCTAssertTrue(preview.stderr.contains("Preview stopped."), preview.stderr)
    }

    /// A save while a cell trains is queued: the running render completes (its training stored
    /// whole in the cache), then one more render shows the newer save, reusing that training.
    func testSaveDuringARenderIsQueuedAfterIt() throws {
        let dir = try temporaryDirectory(prefix: "folio-preview-queue")
        // CacheCommandLineTests' trained notebook, with prose and a training long enough to save during.
        let training = CacheCommandLineTests.trained
            .replacingOccurrences(of: "title: Trained\n---\n", with: "title: Trained\n---\nAlpha prose.\n\n")
            .replacingOccurrences(of: "modulus: 7", with: "modulus: 23")
            .replacingOccurrences(of: "hidden: 8", with: "hidden: 64")
            .replacingOccurrences(of: "steps: 5", with: "steps: 2000")
        XCTAssertTrue(training.contains("Alpha prose.") && training.contains("steps: 2000"))
        let file = try write(training, to: "queue.md", in: dir)
        let preview = try startPreview([file, "--port", "0", "--output", dir.appendingPathComponent("out").path,
                                        "--cache-dir", dir.appendingPathComponent("cache").path])
        let events = try HTTPProbe(port: preview.port, path: "/_folio/events")
        try waitForRender(events, version: 1, preview)

        try save(training.replacingOccurrences(of: "steps: 2000", with: "steps: 2001"), to: file)
        XCTAssertNotNil(events.nextEvent(["status"]) { $0.hasPrefix("Running {train} run") }, preview.stderr)
        // The page's bar gets the terminal's progress: the step of the total and the loss.
        XCTAssertNotNil(events.nextEvent(["status"]) { $0.hasPrefix("Running {train} run: ") && $0.contains("/2001  loss ") },
                        preview.stderr)
        try save(training.replacingOccurrences(of: "steps: 2000", with: "steps: 2001")
            .replacingOccurrences(of: "Alpha prose.", with: "Gamma prose."), to: file)
        try waitForRender(events, version: 3, preview)
        let page = try HTTPProbe(port: preview.port, path: "/queue.html").response().body
        XCTAssertTrue(page.contains("Gamma prose."))
        XCTAssertTrue(page.contains("2 reused, 0 computed"), "the queued render reused the training the first stored")
        XCTAssertTrue(preview.stderr.contains("{train} run: computed"), preview.stderr)

        // Ctrl-C while a cell trains: the preview stops at once (the render is abandoned, its
        // cache entry never written in part) and exits 0.
        try save(training.replacingOccurrences(of: "steps: 2000", with: "steps: 2002"), to: file)
        XCTAssertNotNil(events.nextEvent(["status"]) { $0.hasPrefix("Running {train} run") }, preview.stderr)
        preview.process.interrupt()
        preview.process.waitUntilExit()
        XCTAssertEqual(preview.process.terminationStatus, 0, preview.stderr)
        XCTAssertTrue(preview.stderr.contains("Preview stopped"), preview.stderr)
    }

    /// Requests that try to leave the output folder, plainly or percent-encoded, are refused; the
    /// server listens on 127.0.0.1 only.
    func testPathsOutsideTheServedFolderAreRefused() throws {
        let dir = try temporaryDirectory(prefix: "folio-preview-paths")
        let file = try write(CacheCommandLineTests.quick, to: "quick.md", in: dir)
        let output = dir.appendingPathComponent("out").path
        let secret = try write("TOP-SECRET-CONTENT", to: "secret.txt", in: dir)
        let preview = try startPreview([file, "--port", "0", "--output", output,
                                        "--cache-dir", dir.appendingPathComponent("cache").path])
        let events = try HTTPProbe(port: preview.port, path: "/_folio/events")
        try waitForRender(events, version: 1, preview)

        XCTAssertEqual(try HTTPProbe(port: preview.port, path: "/quick.html").response().status, 200)
        XCTAssertEqual(try HTTPProbe(port: preview.port, path: "/").response().status, 200)
        XCTAssertEqual(try HTTPProbe(port: preview.port, path: "/missing.html").response().status, 404)
        let escapes = ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt",
                       "/.%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/%252e%252e/secret.txt",
                       "/out/../../secret.txt", "//..//secret.txt", "/.%00./secret.txt", "/" + secret, "/%2f" + secret.dropFirst()]
        for path in escapes {
            let response = try HTTPProbe(port: preview.port, path: path).response()
            XCTAssertNotEqual(response.status, 200, path)
            XCTAssertFalse(response.body.contains("TOP-SECRET-CONTENT"), path)
        }
        let bound = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        let hexPort = String(format: ":%04X", preview.port)
        let listening = bound.split(separator: "\n").filter { $0.contains(hexPort + " ") && $0.contains(" 0A ") }
        XCTAssertFalse(listening.isEmpty, "the preview's listening socket is in /proc/net/tcp")
        XCTAssertTrue(listening.allSatisfy { $0.contains("0100007F" + hexPort) }, "listening on 127.0.0.1 only: \(listening)")
        preview.process.interrupt()
        preview.process.waitUntilExit()
        XCTAssertEqual(preview.process.terminationStatus, 0, preview.stderr)
    }
}
