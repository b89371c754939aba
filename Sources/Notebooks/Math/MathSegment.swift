/// A piece of prose: plain text, or TeX math with its display kind and the UTF-8 offset of the
/// TeX (just after the opening `$` or `$$`) in the text that was split.
public enum MathSegment: Sendable, Equatable {
    case text(String)
    case math(tex: String, display: MathDisplay, offset: Int)
}

/// Splits plain text (a text node of rendered prose, a caption, a claim) into text and math.
///
/// Rules, those of Pandoc's `tex_math_dollars` so that prices and shell variables stay text:
/// - `$$...$$` is block math; it may span lines.
/// - `$...$` is inline math when the opening `$` is followed by a non-space character, the
///   closing `$` is preceded by a non-space character and not followed by a digit
///   (so "$5 and $10" stays text).
/// - `\$` is a literal dollar sign (the backslash is removed); inside math it is left for TeX.
/// - A `$` or `$$` without its closing partner is text.
///
/// Call it on text outside `<code>` and `<pre>`; it knows nothing of HTML. Note that a Markdown
/// parser resolves backslash escapes before text nodes exist (`\$` and `\\` lose a backslash),
/// so math is best split out of the Markdown source before parsing, or protected from it.
public func splitMath(_ text: String) -> [MathSegment] {
    MathScanner.split(Array(text.utf8)[...], unescapeDollars: true)
}

/// The dollar-sign scanner behind `splitMath` and `protectMath(inMarkdown:)`.
enum MathScanner {
    /// Splits `bytes` (a slice whose indices are offsets in the whole source, which the
    /// reported offsets use). With `unescapeDollars`, `\$` in text becomes `$`; without, it is
    /// kept for a Markdown parser to resolve.
    static func split(_ bytes: ArraySlice<UInt8>, unescapeDollars: Bool) -> [MathSegment] {
        var segments: [MathSegment] = []
        var pending: [UInt8] = []
        var index = bytes.startIndex
        let dollar = UInt8(ascii: "$")
        let backslash = UInt8(ascii: "\\")

        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        func flushText() {
            if !pending.isEmpty {
                segments.append(.text(String(decoding: pending, as: UTF8.self)))
                pending = []
            }
        }
        /// The index of the closing delimiter, skipping `\$` and `\\` inside the math.
        func findClose(from start: Int, double: Bool) -> Int? {
            var i = start
            while i < bytes.endIndex {
                if bytes[i] == backslash {
                    i += 2
                    continue
                }
                if bytes[i] == dollar {
                    if double {
                        if i + 1 < bytes.endIndex, bytes[i + 1] == dollar { return i }
                    } else {
                        let precededBySpace = i == bytes.startIndex || isSpace(bytes[i - 1])
                        let followedByDigit = i + 1 < bytes.endIndex && isDigit(bytes[i + 1])
                        if !precededBySpace && !followedByDigit { return i }
                    }
                }
                i += 1
            }
            return nil
        }

        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == backslash, index + 1 < bytes.endIndex, bytes[index + 1] == dollar {
                if !unescapeDollars { pending.append(backslash) }
                pending.append(dollar)
                index += 2
                continue
            }
            guard byte == dollar else {
                pending.append(byte)
                index += 1
                continue
            }
            if index + 1 < bytes.endIndex, bytes[index + 1] == dollar {
                let start = index + 2
                if let close = findClose(from: start, double: true), close > start {
                    flushText()
                    segments.append(.math(tex: String(decoding: bytes[start..<close], as: UTF8.self), display: .block, offset: start))
                    index = close + 2
                } else {
                    pending += [dollar, dollar]
                    index += 2
                }
                continue
            }
            let start = index + 1
            if start < bytes.endIndex, !isSpace(bytes[start]), let close = findClose(from: start, double: false), close > start {
                flushText()
                segments.append(.math(tex: String(decoding: bytes[start..<close], as: UTF8.self), display: .inline, offset: start))
                index = close + 1
            } else {
                pending.append(dollar)
                index += 1
            }
        }
        flushText()
        return segments
    }
}
