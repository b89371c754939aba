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
        if let line = sourceLine(d.location) {
            let number = String(d.location.line)
            let gutter = String(repeating: " ", count: number.count)
            // Keep tabs in the caret line so the caret lines up under tab-indented text.
            let prefix = line.utf8.prefix(max(0, d.location.column - 1))
            let pad = String(decoding: prefix, as: UTF8.self).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "\n \(number) | \(line)\n \(gutter) | \(pad)^"
        }
        if let note = d.note { out += "\nnote: \(note)" }
        return out
    }

    public func format(_ list: [Diagnostic]) -> String {
        list.map(format).joined(separator: "\n")
    }

    private func sourceLine(_ location: SourceLocation) -> String? {
        guard let text = sources[location.file] else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return nil }
        return String(lines[location.line - 1]).trimmingTrailingSpace
    }
}
