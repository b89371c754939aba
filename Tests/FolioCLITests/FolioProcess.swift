import XCTest
import Foundation

/// Running the built `folio` executable from tests, as a user would: in the repository root, with
/// its standard output and error captured.
enum FolioProcess {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The executable of the same build as the test bundle (it sits next to the bundle), else the
    /// debug build.
    static var executable: URL {
        let products = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent() : Bundle.main.bundleURL
        let candidate = products.appendingPathComponent("folio")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return repositoryRoot.appendingPathComponent(".build/debug/folio")
    }

    typealias Running = (process: Process, stdout: Pipe, stderr: Pipe)
    typealias Result = (code: Int32, stdout: String, stderr: String)

    /// Starts `folio arguments…` without waiting for it, with the test's environment plus (or with
    /// entries replaced by) `environment`.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Reads both streams to their end and waits for the exit.
    static func finish(_ running: Running) -> Result {
        let outData = running.stdout.fileHandleForReading.readDataToEndOfFile()
        let errData = running.stderr.fileHandleForReading.readDataToEndOfFile()
        running.process.waitUntilExit()
        return (running.process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        finish(try start(arguments, environment: environment))
    }
}

extension XCTestCase {
    /// A fresh directory, removed when the test ends.
    func temporaryDirectory(prefix: String = "folio-cli") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// Writes `text` to `dir/name` and returns the path.
    func write(_ text: String, to name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
