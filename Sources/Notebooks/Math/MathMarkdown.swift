/// A formula taken out of Markdown before a Markdown parser could alter it.
public struct MathFormula: Sendable, Equatable {
    public let tex: String
    public let display: MathDisplay
    /// UTF-8 offset of the TeX (after the opening `$` or `$$`) in the original Markdown, to which
    /// a `MathWarning.offset` is added to locate a warning in the notebook.
    public let offset: Int

    public init(tex: String, display: MathDisplay, offset: Int) {
        self.tex = tex
        self.display = display
        self.offset = offset
    }
}

/// Markdown whose formulas are replaced by placeholders, and the formulas.
///
/// Why: a CommonMark parser resolves backslash escapes and emphasis inside what is meant as TeX
/// (`\,` becomes `,`, `\\` becomes `\`, `\{` becomes `{`, `$x^*$ and $y^*$` becomes emphasis,
/// a display line starting with `-` becomes a list item). Protecting the formulas first and
/// restoring them in the parsed text nodes keeps the TeX exactly as written.
///
/// A placeholder is U+E000, the formula's index in decimal, U+E001: private-use characters that
/// CommonMark passes through as ordinary text.
public struct ProtectedMarkdown: Sendable, Equatable {
    public let markdown: String
    public let formulas: [MathFormula]

    public init(markdown: String, formulas: [MathFormula]) {
        self.markdown = markdown
        self.formulas = formulas
    }

    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    static func placeholder(_ index: Int) -> String {
        String(open) + String(index) + String(close)
    }

    /// Splits a text node of the parsed Markdown into text and the formulas whose placeholders
    /// it holds. The `offset` of a `.math` segment is the formula's offset in the original
    /// Markdown. A malformed placeholder is left as text.
    public func segments(in text: String) -> [MathSegment] {
        var segments: [MathSegment] = []
        var pending = ""
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.first {
            scalars.removeFirst()
            guard scalar == Self.open else {
                pending.unicodeScalars.append(scalar)
                continue
            }
            let digits = scalars.prefix { ("0"..."9").contains($0) }
            let rest = scalars.dropFirst(digits.count)
            if !digits.isEmpty, rest.first == Self.close, let index = Int(String(String.UnicodeScalarView(digits))),
                formulas.indices.contains(index)
            {
                if !pending.isEmpty { segments.append(.text(pending)) }
                pending = ""
                let formula = formulas[index]
                segments.append(.math(tex: formula.tex, display: formula.display, offset: formula.offset))
                scalars = rest.dropFirst()
            } else {
                pending.unicodeScalars.append(scalar)
            }
        }
        if !pending.isEmpty { segments.append(.text(pending)) }
        return segments
    }
}

/// Replaces every `$...$` and `$$...$$` of a Markdown document by a placeholder (see
/// `ProtectedMarkdown`), following the rules of `splitMath`, except inside code: fenced code
/// blocks (``` or ~~~) and code spans are left alone. `\$` is left for the Markdown parser, which
/// turns it into a literal dollar sign. Indented code blocks are not recognised (write fenced ones).
public func protectMath(inMarkdown markdown: String) -> ProtectedMarkdown {
    let bytes = Array(markdown.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var formulas: [MathFormula] = []

    func emitProse(_ range: Range<Int>) {
        for segment in MathScanner.split(bytes[range], unescapeDollars: false) {
            switch segment {
            case .text(let text):
                output += Array(text.utf8)
            case .math(let tex, let display, let offset):
                // The placeholder keeps the formula's line breaks after it, so every line after a
                // multi-line display keeps its number (cells and diagnostics point at the file).
                output += Array(ProtectedMarkdown.placeholder(formulas.count).utf8)
                output += Array(repeating: UInt8(ascii: "\n"), count: tex.utf8.filter { $0 == UInt8(ascii: "\n") }.count)
                formulas.append(MathFormula(tex: tex, display: display, offset: offset))
            }
        }
    }

    for region in MarkdownCodeRegions.split(bytes) {
        if region.isCode {
            output += bytes[region.range]
        } else {
            emitProse(region.range)
        }
    }
    return ProtectedMarkdown(markdown: String(decoding: output, as: UTF8.self), formulas: formulas)
}

/// Finds the parts of a Markdown document that are code (fenced blocks, code spans), where a
/// dollar sign is not math.
enum MarkdownCodeRegions {
    struct Region {
        let range: Range<Int>
        let isCode: Bool
    }

    static func split(_ bytes: [UInt8]) -> [Region] {
        var regions: [Region] = []
        var proseStart = 0
        var index = 0
        let backtick = UInt8(ascii: "`")
        let tilde = UInt8(ascii: "~")
        let newline = UInt8(ascii: "\n")

        func lineEnd(from start: Int) -> Int {
            var end = start
            while end < bytes.count, bytes[end] != newline { end += 1 }
            return end < bytes.count ? end + 1 : end
        }
        /// The fence character and length if the line at `start` opens or closes a fence.
        func fence(at start: Int) -> (character: UInt8, length: Int)? {
            var i = start
            var indent = 0
            while i < bytes.count, bytes[i] == UInt8(ascii: " "), indent < 4 { i += 1; indent += 1 }
            guard indent < 4, i < bytes.count, bytes[i] == backtick || bytes[i] == tilde else { return nil }
            let character = bytes[i]
            var length = 0
            while i < bytes.count, bytes[i] == character { i += 1; length += 1 }
            return length >= 3 ? (character, length) : nil
        }
        func addCode(_ range: Range<Int>) {
            if proseStart < range.lowerBound { regions.append(Region(range: proseStart..<range.lowerBound, isCode: false)) }
            regions.append(Region(range: range, isCode: true))
            proseStart = range.upperBound
        }

        var atLineStart = true
        while index < bytes.count {
            if atLineStart, let open = fence(at: index) {
                // A fenced block runs to a closing fence of the same character, at least as long.
                let start = index
                var cursor = lineEnd(from: index)
                while cursor < bytes.count {
                    if let close = fence(at: cursor), close.character == open.character, close.length >= open.length {
                        cursor = lineEnd(from: cursor)
                        break
                    }
                    cursor = lineEnd(from: cursor)
                }
                addCode(start..<cursor)
                index = cursor
                atLineStart = true
                continue
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] != newline {
                // An escaped character (\` or \$) is never a delimiter.
                index += 2
                atLineStart = false
                continue
            }
            if byte == backtick {
                // A code span: a run of n backticks up to the next run of exactly n.
                var length = 0
                while index + length < bytes.count, bytes[index + length] == backtick { length += 1 }
                var cursor = index + length
                var closeEnd: Int?
                while cursor < bytes.count {
                    if bytes[cursor] == backtick {
                        var run = 0
                        while cursor + run < bytes.count, bytes[cursor + run] == backtick { run += 1 }
                        if run == length {
                            closeEnd = cursor + run
                            break
                        }
                        cursor += run
                    } else {
                        cursor += 1
                    }
                }
                if let closeEnd {
                    addCode(index..<closeEnd)
                    index = closeEnd
                } else {
                    index += length
                }
                atLineStart = false
                continue
            }
            atLineStart = byte == newline
            index += 1
        }
        if proseStart < bytes.count { regions.append(Region(range: proseStart..<bytes.count, isCode: false)) }
        return regions
    }
}
