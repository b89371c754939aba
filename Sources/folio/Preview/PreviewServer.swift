import Foundation
import Hummingbird

/// Maps a request path to a file of the served folder (the reports' output folder), refusing
/// anything that could reach outside it: `..` and `.` segments, encoded slashes, backslashes and
/// NUL bytes are refused after percent-decoding (so `%2e%2e`, `%2f` and `%5c` cannot smuggle
/// them past the check), and the resolved file, symbolic links followed, must lie inside the folder.
struct ServedFolder: Sendable {
    /// The folder, absolute and with symbolic links resolved.
    let root: String

    init(_ directory: String) {
        root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
    }

    enum Resolution: Equatable {
        case file(String)
        case refused
        case notFound
    }

    func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/") else { return .refused }
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = String(raw).removingPercentEncoding else { return .refused }
            if segment == "." || segment == ".." || segment.contains("/") || segment.contains("\\")
                || segment.contains("\0") || segment.hasPrefix(".") {
                return .refused
            }
            segments.append(segment)
        }
        if segments.isEmpty { segments = ["index.html"] }
        let candidate = URL(fileURLWithPath: root).appendingPathComponent(segments.joined(separator: "/"))
        let resolved = candidate.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(root + "/") else { return .refused }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .notFound
        }
        return .file(resolved)
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "json": "application/json"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "csv": "text/csv; charset=utf-8"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }
}

/// The preview's HTTP responses: the event stream, and files of the output folder, HTML pages
/// decorated for the preview (or replaced by the diagnostics while the notebooks do not check).
struct PreviewResponder: Sendable {
    let folder: ServedFolder
    let state: PreviewState

    func respond(_ request: Request) async -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "only GET and HEAD are served\n")
        }
        let path = request.uri.path
        if path == PreviewPage.eventsPath { return events() }
        switch folder.resolve(path) {
        case .refused: return Self.text(.forbidden, "refused: the preview serves only files of its output folder\n")
        case .notFound: return missing(path)
        case .file(let file):
            guard let data = FileManager.default.contents(atPath: file) else { return missing(path) }
            guard file.hasSuffix(".html") else { return Self.body(.ok, data, type: ServedFolder.contentType(file)) }
            let lastGood = request.uri.queryParameters["last-good"] != nil
            return Self.html(page(String(decoding: data, as: UTF8.self), path: path, lastGood: lastGood))
        }
    }

    /// A page not written yet: while the first render runs, a page that waits for it; when the
    /// notebooks do not check, the diagnostics (there is no last good report to offer).
    private func missing(_ path: String) -> Response {
        let isPage = path == "/" || path.hasSuffix(".html")
        switch state.outcome {
        case .pending where isPage:
            return Self.html(PreviewPage.waiting(version: state.version))
        case .invalid(let diagnostics) where isPage:
            return Self.html(PreviewPage.diagnostics(diagnostics, lastGood: nil, version: state.version))
        default:
            return Self.text(.notFound, "not found: \(path)\n")
        }
    }

    /// A report or the index as served: the diagnostics instead while the notebooks do not check
    /// (unless the last good report was asked for), the preview bar and reload script always.
    private func page(_ html: String, path: String, lastGood: Bool) -> String {
        let version = state.version
        let time = Self.clock(state.finishedAt)
        switch state.outcome {
        case .pending:
            return PreviewPage.decorate(html, version: version, bar: "Rendering…")
        case .invalid(let diagnostics):
            if lastGood { return PreviewPage.decorate(html, version: version, bar: "The last good report; the notebook does not check now") }
            return PreviewPage.diagnostics(diagnostics, lastGood: "?last-good", version: version)
        case .rendered(let summary, let problems):
            let failing = problems == nil ? "" : " · some cells or claims fail (see the report)"
            return PreviewPage.decorate(html, version: version, bar: "rendered \(time) · \(summary)\(failing)")
        }
    }

    /// Server-sent events until the page goes away or the server stops.
    private func events() -> Response {
        let stream = state.subscribe()
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for await event in stream { try await writer.write(ByteBuffer(string: event)) }
            try await writer.finish(nil)
        })
    }

    /// "14:03:27", local time.
    private static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }

    private static func html(_ page: String) -> Response {
        body(.ok, Data(page.utf8), type: "text/html; charset=utf-8")
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        body(status, Data(text.utf8), type: "text/plain; charset=utf-8")
    }

    private static func body(_ status: HTTPResponse.Status, _ data: Data, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
