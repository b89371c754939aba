import Foundation

/// One entry of a BibTeX file: `@article{key, author = {...}, year = 2023, ...}`.
public struct BibEntry: Sendable, Equatable {
    /// The entry type in lower case: article, inproceedings, book, misc, ...
    public var type: String
    public var key: String
    /// Field name (lower case) → value with braces removed and TeX accents resolved.
    public var fields: [String: String]
    public var location: SourceLocation

    public subscript(field: String) -> String? { fields[field] }

    /// Family names of the authors (or editors), in order: "Nanda, Neel and Chan, Lawrence" and
    /// "Neel Nanda and Lawrence Chan" both give ["Nanda", "Chan"]; a braced name such as
    /// "{OpenAI}" is kept whole.
    public var familyNames: [String] {
        guard let people = rawFields["author"] ?? rawFields["editor"] else { return [] }
        return BibTeX.splitNames(people).map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") { return BibTeX.plain(trimmed) }
            if let comma = BibTeX.topLevelComma(in: trimmed) { return BibTeX.plain(String(trimmed[..<comma])) }
            return BibTeX.plain(String(trimmed.split(separator: " ").last ?? Substring(trimmed)))
        }
    }

    /// The authors' names as they are usually read, given names first: "Nanda, Neel" → "Neel Nanda".
    public var fullNames: [String] {
        guard let people = rawFields["author"] ?? rawFields["editor"] else { return [] }
        return BibTeX.splitNames(people).map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let comma = BibTeX.topLevelComma(in: trimmed) else { return BibTeX.plain(trimmed) }
            let given = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            return BibTeX.plain(given + " " + trimmed[..<comma])
        }
    }

    /// "Furman", "Nanda and Chan", "Nanda et al." (three or more).
    public var authorsShort: String {
        let names = familyNames
        switch names.count {
        case 0: return fields["title"] ?? key
        case 1: return names[0]
        case 2: return "\(names[0]) and \(names[1])"
        default: return "\(names[0]) et al."
        }
    }

    public var year: String { fields["year"] ?? "n.d." }

    /// Field values as written, braces kept (names are split on them).
    var rawFields: [String: String] = [:]
}

/// A small BibTeX reader: entries `@type{key, name = value, ...}` (or with parentheses) whose
/// values are braced (nested braces allowed), quoted, bare numbers or words, joined by `#`.
/// `@comment`, `@preamble` and `@string` blocks are skipped (string macros are not expanded).
/// Text outside entries is a comment, as in BibTeX. Errors are located in the .bib file.
public enum BibTeX {
    public static func parse(_ text: String, file: String) throws(DiagnosticList) -> [BibEntry] {
        var reader = Reader(text: Array(text.unicodeScalars), file: file)
        var entries: [BibEntry] = []
        var problems: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        while reader.skip(to: "@") {
            do {
                if let entry = try reader.entry() {
                    if let first = seen[entry.key] {
                        problems.append(Diagnostic(at: entry.location, "duplicate BibTeX key '\(entry.key)'",
                                                   note: "first defined at line \(first.line)"))
                    } else {
                        seen[entry.key] = entry.location
                        entries.append(entry)
                    }
                }
            } catch {
                problems.append(error)
                break  // the rest of the file cannot be trusted to line up
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return entries
    }

    /// Splits an author list on " and " outside braces.
    static func splitNames(_ s: String) -> [String] {
        var names: [String] = [], current = "", depth = 0
        let words = s.split(separator: " ", omittingEmptySubsequences: true)
        for word in words {
            if depth == 0 && word.lowercased() == "and" {
                names.append(current)
                current = ""
                continue
            }
            for ch in word { if ch == "{" { depth += 1 } else if ch == "}" { depth -= 1 } }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { names.append(current) }
        return names
    }

    static func topLevelComma(in s: String) -> String.Index? {
        var depth = 0
        for i in s.indices {
            switch s[i] {
            case "{": depth += 1
            case "}": depth -= 1
            case "," where depth == 0: return i
            default: break
            }
        }
        return nil
    }

    /// The text of a field value: common TeX accents (`{\"o}`, `\'e`, `\~n`, ...) and escapes
    /// (`\&`, `--`) resolved, braces dropped, runs of white space collapsed.
    static func plain(_ s: String) -> String {
        let accents: [Character: [Character: Character]] = [
            "\"": ["a": "ä", "o": "ö", "u": "ü", "e": "ë", "i": "ï", "A": "Ä", "O": "Ö", "U": "Ü"],
            "'": ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "c": "ć", "s": "ś", "n": "ń", "E": "É"],
            "`": ["a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù"],
            "^": ["a": "â", "e": "ê", "i": "î", "o": "ô", "u": "û"],
            "~": ["n": "ñ", "a": "ã", "o": "õ"],
            "c": ["c": "ç", "C": "Ç"],
            "v": ["s": "š", "c": "č", "z": "ž", "r": "ř", "S": "Š", "C": "Č"],
        ]
        let chars = Array(s)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let command = chars[i + 1]
                if let table = accents[command] {
                    // \"o, \"{o}, \c{c}, \v s
                    var j = i + 2
                    while j < chars.count, chars[j] == " " || chars[j] == "{" { j += 1 }
                    if j < chars.count, let accented = table[chars[j]] {
                        out.append(accented)
                        i = j + 1
                        while i < chars.count, chars[i] == "}" { i += 1 }
                        continue
                    }
                }
                if "&%$#_{}".contains(command) {
                    out.append(command)
                    i += 2
                    continue
                }
                // Another command (\emph, \textit): drop its name, keep its argument.
                var j = i + 1
                while j < chars.count, chars[j].isLetter { j += 1 }
                i = j
                continue
            }
            if c == "{" || c == "}" { i += 1; continue }
            if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                out.append("–")
                i += 2
                if i < chars.count, chars[i] == "-" { i += 1 }
                continue
            }
            if c == "~" { out.append("\u{00A0}"); i += 1; continue }
            out.append(c)
            i += 1
        }
        return out.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    private struct Reader {
        let text: [Unicode.Scalar]
        let file: String
        var i = 0
        var line = 1
        var lineStart = 0

        init(text: [Unicode.Scalar], file: String) {
            self.text = text
            self.file = file
        }

        var location: SourceLocation { SourceLocation(file: file, line: line, column: i - lineStart + 1) }
        var atEnd: Bool { i >= text.count }

        mutating func advance() {
            if text[i] == "\n" {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }

        /// Moves past the next `c`; false at the end of the text.
        mutating func skip(to c: Unicode.Scalar) -> Bool {
            while !atEnd {
                let here = text[i]
                advance()
                if here == c { return true }
            }
            return false
        }

        mutating func skipSpace() {
            while !atEnd, text[i].properties.isWhitespace { advance() }
        }

        mutating func word() -> String {
            var s = ""
            while !atEnd, !text[i].properties.isWhitespace, !"{}(),=#\"".unicodeScalars.contains(text[i]) {
                s.unicodeScalars.append(text[i])
                advance()
            }
            return s
        }

        mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(Diagnostic) {
            skipSpace()
            guard !atEnd, text[i] == c else {
                throw Diagnostic(at: location, "expected \(what) in the BibTeX entry",
                                 note: atEnd ? "the file ends inside an entry" : "found '\(text[i])'")
            }
            advance()
        }

        /// One entry after its `@`; nil for @comment, @preamble and @string blocks.
        mutating func entry() throws(Diagnostic) -> BibEntry? {
            let start = SourceLocation(file: file, line: line, column: i - lineStart)
            let type = word().lowercased()
            skipSpace()
            guard !atEnd, text[i] == "{" || text[i] == "(" else {
                throw Diagnostic(at: location, "expected '{' after '@\(type)'")
            }
            let close: Unicode.Scalar = text[i] == "{" ? "}" : ")"
            if ["comment", "preamble", "string"].contains(type) {
                _ = try braced(open: text[i], close: close)
                return nil
            }
            advance()
            skipSpace()
            let key = word()
            guard !key.isEmpty else { throw Diagnostic(at: location, "the @\(type) entry has no key") }
            var entry = BibEntry(type: type, key: key, fields: [:], location: start)
            while true {
                skipSpace()
                guard !atEnd else { throw Diagnostic(at: start, "the entry '\(key)' is never closed", note: "end it with '\(close)'") }
                if text[i] == close { advance(); break }
                if text[i] == "," { advance(); continue }
                let nameLocation = location
                let name = word().lowercased()
                guard !name.isEmpty else { throw Diagnostic(at: location, "expected a field name in '\(key)'", note: "found '\(text[i])'") }
                try expect("=", "'=' after '\(name)'")
                var value = ""
                repeat {
                    skipSpace()
                    guard !atEnd else { throw Diagnostic(at: nameLocation, "the field '\(name)' has no value") }
                    if text[i] == "{" {
                        value += try braced(open: "{", close: "}")
                    } else if text[i] == "\"" {
                        value += try quoted()
                    } else {
                        let bare = word()
                        guard !bare.isEmpty else { throw Diagnostic(at: location, "expected a value for '\(name)'", note: "found '\(text[i])'") }
                        value += bare
                    }
                    skipSpace()
                } while !atEnd && text[i] == "#" && { advance(); return true }()
                entry.rawFields[name] = value
                entry.fields[name] = BibTeX.plain(value)
            }
            return entry
        }

        /// The content between balanced `open` and `close`, without the outer pair.
        mutating func braced(open: Unicode.Scalar, close: Unicode.Scalar) throws(Diagnostic) -> String {
            let start = location
            advance()
            var depth = 1
            var s = ""
            while !atEnd {
                let c = text[i]
                if c == open { depth += 1 } else if c == close {
                    depth -= 1
                    if depth == 0 { advance(); return s }
                }
                s.unicodeScalars.append(c)
                advance()
            }
            throw Diagnostic(at: start, "unbalanced '\(open)': the file ends before it is closed")
        }

        mutating func quoted() throws(Diagnostic) -> String {
            let start = location
            advance()
            var s = "", depth = 0
            while !atEnd {
                let c = text[i]
                if c == "{" { depth += 1 } else if c == "}" { depth -= 1 } else if c == "\"" && depth == 0 { advance(); return s }
                s.unicodeScalars.append(c)
                advance()
            }
            throw Diagnostic(at: start, "unclosed '\"': the file ends before it is closed")
        }
    }
}
