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

/// Edit distance with insertions, deletions, substitutions and transpositions of neighbours
/// each costing 1 (optimal string alignment), so "stpes" is one edit from "steps".
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
