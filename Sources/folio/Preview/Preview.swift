import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import Reports
import ServiceLifecycle

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve live reports on a local port: every save re-renders through the cell cache and the page follows.",
        discussion: """
        Renders the notebooks as `folio render` does (same cache, same reports), serves them at the printed \
        address, and watches the notebooks' folder and templates/. After a save only the cells whose key \
        changed run, and the open page reloads at the same scroll position. While the notebooks do not \
        check, the page shows the located errors, with the last good report one click away. \
        Opens no browser. Ctrl-C stops it. The authoring loop is described in docs/preview.md.
        """)

    @Argument(help: "A notebook file or a folder of notebooks.")
    var path: String = "notebooks"

    @Option(help: "Port to listen on (0: any free port).")
    var port: Int = 8765

    @Option(help: "Address to listen on. Only 127.0.0.1 (this machine) unless you say otherwise.")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "Folder for the reports (default: a temporary folder, removed on exit).")
    var output: String?

    @Option(name: .customShort("P"), help: ArgumentHelp("Override a parameter: -P name=value (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: "Folder holding report.mustache, index.mustache and style.css (default: ./templates).")
    var templates: String?

    @Option(help: "BLAS threads per cell (the cache keys include it; 2 matches `folio render`).")
    var threads: Int = 2

    @Option(help: "Folder of the cell cache (format: docs/cache.md).")
    var cacheDir: String = ".folio-cache"

    func run() throws {
        guard (0...65535).contains(port) else { throw FolioFailure.invalid("error: --port expects 0 to 65535, got \(port)") }
        let notebooks = try NotebookFiles.expand([path])
        let temporary = output == nil
        let outputDir = output ?? FileManager.default.temporaryDirectory.appendingPathComponent("folio-preview-\(getpid())").path
        defer { if temporary { try? FileManager.default.removeItem(atPath: outputDir) } }

        var arguments = [path, "--output", outputDir, "--cache-dir", cacheDir, "--threads", String(threads), "--allow-failing-claims"]
        if let templates { arguments += ["--templates", templates] }
        for parameter in parameters { arguments += ["-P", parameter] }
        let render: Render
        do { render = try Render.parse(arguments) } catch { throw FolioFailure.invalid("error: \(Render.message(for: error))") }

        let state = PreviewState()
        let loop = RenderLoop(render: render, state: state)
        let served = ServedFolder(outputDir)
        // The notebooks' folder holds their .bib and data files too; templates/ styles every page.
        let folders = notebooks.map { ($0 as NSString).deletingLastPathComponent }.map { $0.isEmpty ? "." : $0 }
            + [TemplateSet.locate(templates)].filter { FileManager.default.fileExists(atPath: $0) }
        let watcher = FileWatcher(folders: folders) { changed in
            // Reports written into a watched folder (--output inside it) must not trigger renders.
            let file = URL(fileURLWithPath: changed).standardizedFileURL.resolvingSymlinksInPath().path
            if !file.hasPrefix(served.root + "/") { loop.request(because: changed) }
        }

        var logger = Logger(label: "folio.preview")
        logger.logLevel = .error
        let responder = PreviewResponder(folder: served, state: state)
        let host = self.host, port = self.port, path = self.path
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in await responder.respond(request) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                let mode = watcher.start()
                var lines = ["Preview of \(notebooks.count == 1 ? notebooks[0] : "\(notebooks.count) notebooks in \(path)") at http://\(host):\(bound)/"]
                if host != "127.0.0.1" && host != "localhost" && host != "::1" {
                    lines.append("warning: listening on \(host): other machines on the network can read the reports")
                }
                lines.append("Watching \(folders.joined(separator: ", ")) (\(mode)); reports in \(outputDir). Ctrl-C stops.")
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                loop.request(because: nil)
            },
            logger: logger)
        let shutdown = PreviewShutdown(stop: { loop.stop(); watcher.stop(); state.closeStreams() })
        // A service group stops its services in reverse order: the event streams close first, so
        // the server's open responses end and its graceful shutdown does not wait for them.
        let group = ServiceGroup(services: [app, shutdown], gracefulShutdownSignals: [.sigint, .sigterm], logger: logger)
        if let error = Self.wait(for: { try await group.run() }) {
            throw Self.failure(error, host: host, port: port)
        }
        if loop.stop() {
            // A render is still running on its own thread. It is abandoned, not awaited (a training
            // run could take minutes): every file it writes is renamed into place whole, so at most
            // a temporary file stays. The exit skips the atexit handlers, because OpenBLAS's waits
            // for its worker threads, which may be in the middle of that render's product.
            if temporary { try? FileManager.default.removeItem(atPath: outputDir) }
            FileHandle.standardError.write(Data("Preview stopped (the render in progress was abandoned).\n".utf8))
            _exit(0)
        }
        FileHandle.standardError.write(Data("Preview stopped.\n".utf8))
    }

    /// Runs `work` on Swift's concurrency pool and blocks this (command-line) thread until it ends.
    private static func wait(for work: @escaping @Sendable () async throws -> Void) -> (any Error)? {
        final class Box: @unchecked Sendable { var error: (any Error)? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        Task.detached {
            do { try await work() } catch { box.error = error }
            done.signal()
        }
        done.wait()
        return box.error
    }

    private static func failure(_ error: any Error, host: String, port: Int) -> FolioFailure {
        if let io = error as? IOError, io.errnoCode == EADDRINUSE {
            return .invalid("error: port \(port) on \(host) is in use (another preview?); choose another with --port N, or --port 0 for any free port")
        }
        if let io = error as? IOError, io.errnoCode == EADDRNOTAVAIL {
            return .invalid("error: cannot listen on \(host): not an address of this machine (--host)")
        }
        return .failed("error: the preview server stopped: \(error)")
    }
}

/// Waits for the service group's graceful shutdown (Ctrl-C), then stops renders, the watcher and
/// the event streams.
struct PreviewShutdown: Service {
    let stop: @Sendable () -> Void

    func run() async throws {
        try? await gracefulShutdown()
        stop()
    }
}
