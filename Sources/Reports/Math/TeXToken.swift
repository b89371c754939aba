/// A token of TeX math source: a control sequence, one character, or a run of white space.
///
/// `offset` is the UTF-8 offset of the token's first byte in the source, which is what
/// `MathWarning.offset` reports.
struct TeXToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `\name` (letters) or `\c` (one non-letter character); `name` excludes the backslash.
        case command(String)
        case character(Unicode.Scalar)
        case space
    }

    let kind: Kind
    let offset: Int
    /// UTF-8 length of the token in the source.
    let length: Int

    var command: String? {
        if case .command(let name) = kind { return name }
        return nil
    }

    var character: Unicode.Scalar? {
        if case .character(let scalar) = kind { return scalar }
        return nil
    }

    var isSpace: Bool { kind == .space }

    func isCharacter(_ scalar: Unicode.Scalar) -> Bool { kind == .character(scalar) }
    func isCommand(_ name: String) -> Bool { kind == .command(name) }
}

/// Splits TeX source into tokens, following TeX's rules for control sequences: a backslash
/// followed by ASCII letters names a command made of all those letters; a backslash followed by
/// any other character names a one-character command (`\,`, `\{`, `\\`). `%` starts a comment
/// that runs to the end of the line.
enum TeXTokenizer {
    static func tokenize(_ source: String) -> [TeXToken] {
        let scalars = Array(source.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var running = 0
        for scalar in scalars {
            offsets.append(running)
            running += UTF8.width(scalar)
        }
        offsets.append(running)

        var tokens: [TeXToken] = []
        var index = 0
        func token(_ kind: TeXToken.Kind, from start: Int, to end: Int) -> TeXToken {
            TeXToken(kind: kind, offset: offsets[start], length: offsets[end] - offsets[start])
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                var end = index + 1
                if end < scalars.count, isLetter(scalars[end]) {
                    while end < scalars.count, isLetter(scalars[end]) { end += 1 }
                    let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                    tokens.append(token(.command(name), from: index, to: end))
                } else if end < scalars.count {
                    end += 1
                    tokens.append(token(.command(String(scalars[index + 1])), from: index, to: end))
                } else {
                    tokens.append(token(.character("\\"), from: index, to: end))
                }
                index = end
            } else if scalar == "%" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else if scalar.properties.isWhitespace {
                var end = index + 1
                while end < scalars.count, scalars[end].properties.isWhitespace { end += 1 }
                tokens.append(token(.space, from: index, to: end))
                index = end
            } else {
                tokens.append(token(.character(scalar), from: index, to: index + 1))
                index += 1
            }
        }
        return tokens
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
