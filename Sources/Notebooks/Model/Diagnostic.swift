/// A located problem in a notebook: what `folio check` prints as
/// `path:line:column: error: message`, followed by the source line and a caret.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// An extra line such as "did you mean 'steps'?"; printed as a `note:`.
    public var note: String?

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String, note: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.note = note
    }

    public var description: String {
        "\(location): \(severity.rawValue): \(message)" + (note.map { "\n  note: \($0)" } ?? "")
    }
}

/// Several diagnostics found while checking one notebook (checking goes on after an error so a
/// user sees every problem at once).
public struct DiagnosticList: Error, Sendable, Equatable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// "Did you mean" support: the candidate closest to `word` in edit distance, if close enough
/// (at most a third of the word's length, and at least 1 edit).
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let limit = max(1, word.count / 3)
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(word, c)
        if d <= limit, d < (best?.1 ?? .max) { best = (c, d) }
    }
    return best?.0
}

/// Levenshtein distance (insertions, deletions, substitutions each cost 1).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
