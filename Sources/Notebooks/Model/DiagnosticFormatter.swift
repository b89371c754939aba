import Foundation

/// Turns diagnostics into the text a user reads:
///
///     notebooks/01-grokking.md:14:3: error: unknown key 'stpes' in {train}
///        14 | stpes: 100
///           | ^
///     note: did you mean 'steps'?
public struct DiagnosticFormatter: Sendable {
    /// File contents by path, to show the offending line. Missing files just omit the excerpt.
    public var sources: [String: String]

    public init(sources: [String: String] = [:]) { self.sources = sources }

    public func format(_ d: Diagnostic) -> String {
        var out = "\(d.location): \(d.severity.rawValue): \(d.message)"
        if let full = sourceLine(d.location) {
            let number = String(d.location.line)
            let gutter = String(repeating: " ", count: number.count)
            let (line, column) = Self.excerpt(full, column: d.location.column)
            // Keep tabs in the caret line so the caret lines up under tab-indented text.
            let prefix = line.utf8.prefix(max(0, column - 1))
            let pad = String(decoding: prefix, as: UTF8.self).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "\n \(number) | \(line)\n \(gutter) | \(pad)^"
        }
        if let note = d.note { out += "\nnote: \(note)" }
        return out
    }

    /// Diagnostics shown per distinct message; the rest are counted in one line. A line of 10,000
    /// `\\` gave 10,000 identical warnings, each reprinting the line (300 MB of output).
    public static let repeatsShown = 3

    public func format(_ list: [Diagnostic]) -> String {
        var seen: [String: Int] = [:]
        var out: [String] = []
        for d in list {
            seen[d.message, default: 0] += 1
            if seen[d.message]! <= Self.repeatsShown { out.append(format(d)) }
        }
        for (message, count) in seen.sorted(by: { $0.key < $1.key }) where count > Self.repeatsShown {
            out.append("note: \(count - Self.repeatsShown) more of \"\(message)\" not shown")
        }
        return out.joined(separator: "\n")
    }

    /// At most about 120 bytes of `line` around the 1-based byte `column`, with "…" where it was
    /// cut, and the column within the excerpt.
    static func excerpt(_ line: String, column: Int) -> (String, Int) {
        let bytes = Array(line.utf8), width = 120
        guard bytes.count > width else { return (line, column) }
        var start = max(0, min(column - 1 - width / 2, bytes.count - width))
        while start > 0, start < bytes.count, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        var end = min(bytes.count, start + width)
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let head = start > 0 ? "…" : "", tail = end < bytes.count ? "…" : ""
        return (head + String(decoding: bytes[start..<end], as: UTF8.self) + tail, column - start + head.utf8.count)
    }

    private func sourceLine(_ location: SourceLocation) -> String? {
        guard let text = sources[location.file] else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return nil }
        return String(lines[location.line - 1]).trimmingTrailingSpace
    }
}
