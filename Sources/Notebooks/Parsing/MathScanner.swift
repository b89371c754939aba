/// Finds TeX math in prose by Pandoc's `tex_math_dollars` rules, so prices and shell variables
/// stay text:
/// - `$$...$$` is display math and may span lines;
/// - `$...$` is inline math when the opening `$` is followed by a non-space, the closing `$` is
///   preceded by a non-space and not followed by a digit ("$5 and $10" stays text); it stays on
///   one line;
/// - `\$` is a literal dollar; a `$` without its closing partner is text.
/// Code spans (backtick runs) are skipped whole.
public enum MathScanner {
    public struct Span: Sendable, Equatable {
        /// Byte range of the whole span, delimiters included, in the scanned text.
        public var range: Range<Int>
        public var tex: String
        public var display: Bool
    }

    public static func spans(in text: String) -> [Span] {
        let b = Array(text.utf8)
        let dollar = UInt8(ascii: "$"), backslash = UInt8(ascii: "\\"), tick = UInt8(ascii: "`"), newline = UInt8(ascii: "\n")
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        var spans: [Span] = []
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == backslash { i += 2; continue }
            if c == tick {
                // Skip a code span: a run of n backticks up to the next run of exactly n.
                var n = 0
                while i + n < b.count, b[i + n] == tick { n += 1 }
                var j = i + n, closed: Int?
                while j < b.count {
                    if b[j] == tick {
                        var m = 0
                        while j + m < b.count, b[j + m] == tick { m += 1 }
                        if m == n { closed = j + m; break }
                        j += m
                    } else { j += 1 }
                }
                i = closed ?? (i + n)
                continue
            }
            guard c == dollar else { i += 1; continue }
            if i + 1 < b.count, b[i + 1] == dollar {
                // Display math: the next unescaped `$$`.
                var j = i + 2
                while j + 1 < b.count, !(b[j] == dollar && b[j + 1] == dollar) { j += b[j] == backslash ? 2 : 1 }
                if j + 1 < b.count {
                    spans.append(Span(range: i..<(j + 2), tex: String(decoding: b[(i + 2)..<j], as: UTF8.self), display: true))
                    i = j + 2
                } else {
                    i += 2
                }
                continue
            }
            guard i + 1 < b.count, !isSpace(b[i + 1]) else { i += 1; continue }
            var j = i + 1, closed: Int?
            while j < b.count, b[j] != newline {
                if b[j] == backslash { j += 2; continue }
                if b[j] == dollar {
                    let before = b[j - 1], after = j + 1 < b.count ? b[j + 1] : 0
                    if !isSpace(before), !(0x30...0x39).contains(after) { closed = j }
                    break
                }
                j += 1
            }
            if let j = closed {
                spans.append(Span(range: i..<(j + 1), tex: String(decoding: b[(i + 1)..<j], as: UTF8.self), display: false))
                i = j + 1
            } else {
                i += 1
            }
        }
        return spans
    }
}

/// Protects math from the Markdown parser: each span outside fenced code is replaced by a token
/// `U+E000 n U+E001` (n = index into `math`), followed by as many newlines as the span had, so
/// line numbers after it do not move. The report turns tokens back into MathML.
enum MathProtector {
    static let open: Character = "\u{E000}", close: Character = "\u{E001}"

    static func protect(_ source: String) -> (text: String, math: [MathScanner.Span]) {
        var out = "", math: [MathScanner.Span] = []
        var prose: [Substring] = []
        var fence: Substring?

        func flushProse() {
            guard !prose.isEmpty else { return }
            let text = prose.joined(separator: "\n")
            let bytes = Array(text.utf8)
            var cursor = 0
            for span in MathScanner.spans(in: text) {
                out += String(decoding: bytes[cursor..<span.range.lowerBound], as: UTF8.self)
                let newlines = bytes[span.range].filter { $0 == UInt8(ascii: "\n") }.count
                out += "\(open)\(math.count)\(close)" + String(repeating: "\n", count: newlines)
                math.append(span)
                cursor = span.range.upperBound
            }
            out += String(decoding: bytes[cursor...], as: UTF8.self) + "\n"
            prose = []
        }

        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                out += line + "\n"
                if trimmed.hasPrefix(open), trimmed.drop(while: { $0 == open.first }).allSatisfy(\.isWhitespace) { fence = nil }
            } else if line.count - trimmed.count < 4, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushProse()
                fence = trimmed.prefix { $0 == trimmed.first }
                out += line + "\n"
            } else {
                prose.append(line)
            }
        }
        flushProse()
        out.removeLast()  // the split added one newline more than the source had
        return (out, math)
    }
}
