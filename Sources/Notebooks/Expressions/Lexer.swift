/// Splits expression text into tokens on demand, so the first problem reported is the leftmost.
///
/// Offsets are UTF-8 byte offsets into the text, the unit `SourceLocation` columns count in.
/// Characters that are not part of the language are rejected with a hint when they look like a
/// habit from another language (`&&`, `||`, `!`, `**`, a single `=`) or a typographic look-alike
/// pasted from prose (`≥`, `≤`, `≠`, `×`, `−`, curly quotes).
struct Lexer {
    let bytes: [UInt8]
    let origin: SourceLocation
    private(set) var position = 0

    init(_ text: String, origin: SourceLocation) {
        self.bytes = Array(text.utf8)
        self.origin = origin
    }

    func error(at offset: Int, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(at: origin.advanced(by: offset), message, note: note)
    }

    private func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isIdentifierStart(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
    static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    mutating func next() throws(Diagnostic) -> Token {
        while let b = byte(position), b == 32 || b == 9 || b == 10 || b == 13 { position += 1 }
        let start = position
        guard let c = byte(position) else { return Token(kind: .end, start: start, end: start) }
        if Lexer.isDigit(c) { return try number() }
        if Lexer.isIdentifierStart(c) {
            while let b = byte(position), Lexer.isIdentifierPart(b) { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            return Token(kind: Token.keywords[word] ?? .identifier(word), start: start, end: position)
        }
        if c == 34 || c == 39 { return try string(quote: c) }
        position += 1
        let next = byte(position)
        func single(_ kind: Token.Kind) -> Token { Token(kind: kind, start: start, end: position) }
        func double(_ kind: Token.Kind) -> Token { position += 1; return Token(kind: kind, start: start, end: position) }
        switch c {
        case UInt8(ascii: "+"): return single(.plus)
        case UInt8(ascii: "-"): return single(.minus)
        case UInt8(ascii: "*"):
            if next == UInt8(ascii: "*") { throw error(at: start, "unexpected '**'; write powers with '^', e.g. 2^10") }
            return single(.star)
        case UInt8(ascii: "/"): return single(.slash)
        case UInt8(ascii: "%"): return single(.percent)
        case UInt8(ascii: "^"): return single(.caret)
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "."): return single(.dot)
        case UInt8(ascii: "|"):
            if next == UInt8(ascii: "|") { throw error(at: start, "unexpected '||'; write 'or' to combine conditions") }
            return single(.pipe)
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { return double(.equal) }
            throw error(at: start, "unexpected '='; write '==' to compare values")
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") { return double(.notEqual) }
            throw error(at: start, "unexpected '!'; write 'not' to negate a condition")
        case UInt8(ascii: "<"):
            return next == UInt8(ascii: "=") ? double(.lessEqual) : single(.less)
        case UInt8(ascii: ">"):
            return next == UInt8(ascii: "=") ? double(.greaterEqual) : single(.greater)
        case UInt8(ascii: "&"):
            throw error(at: start, "unexpected '&'; write 'and' to combine conditions")
        default:
            position = start
            throw unexpectedCharacter(at: start)
        }
    }

    /// `digits ('.' digits)? ([eE] [+-]? digits)?`, read with `Double(_:)`.
    private mutating func number() throws(Diagnostic) -> Token {
        let start = position
        while let b = byte(position), Lexer.isDigit(b) { position += 1 }
        if byte(position) == UInt8(ascii: "."), let d = byte(position + 1), Lexer.isDigit(d) {
            position += 1
            while let b = byte(position), Lexer.isDigit(b) { position += 1 }
        }
        if let e = byte(position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var p = position + 1
            if let s = byte(p), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { p += 1 }
            if let d = byte(p), Lexer.isDigit(d) {
                position = p
                while let b = byte(position), Lexer.isDigit(b) { position += 1 }
            } else {
                let text = String(decoding: bytes[start..<p], as: UTF8.self)
                throw error(at: start, "malformed number '\(text)': expected digits after the exponent 'e'")
            }
        }
        if let b = byte(position), Lexer.isIdentifierPart(b) {
            var p = position
            while let b = byte(p), Lexer.isIdentifierPart(b) { p += 1 }
            let text = String(decoding: bytes[start..<p], as: UTF8.self)
            throw error(at: start, "malformed number '\(text)'",
                        note: "names cannot start with a digit; to multiply, write '*' (e.g. 2 * x)")
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text) else { throw error(at: start, "malformed number '\(text)'") }
        return Token(kind: .number(value), start: start, end: position)
    }

    /// A string in single or double quotes; escapes `\\`, `\'`, `\"`, `\n`, `\t`.
    private mutating func string(quote: UInt8) throws(Diagnostic) -> Token {
        let start = position
        position += 1
        var content: [UInt8] = []
        while true {
            guard let b = byte(position) else {
                let q = quote == 34 ? "\"" : "'"
                throw error(at: start, "unterminated string: expected a closing \(q) before the end of the expression")
            }
            if b == quote { position += 1; break }
            if b == UInt8(ascii: "\\") {
                guard let e = byte(position + 1) else { position += 1; continue }
                switch e {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): content.append(e)
                case UInt8(ascii: "n"): content.append(10)
                case UInt8(ascii: "t"): content.append(9)
                default:
                    let shown = String(decoding: bytes[position..<(position + scalarLength(at: position + 1) + 1)], as: UTF8.self)
                    throw error(at: position, "unknown escape '\(shown)' in a string",
                                note: "escapes are \\\\, \\', \\\", \\n and \\t")
                }
                position += 2
                continue
            }
            content.append(b)
            position += 1
        }
        return Token(kind: .string(String(decoding: content, as: UTF8.self)), start: start, end: position)
    }

    /// Length in bytes of the UTF-8 sequence starting at `offset`.
    private func scalarLength(at offset: Int) -> Int {
        guard let b = byte(offset) else { return 0 }
        let n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        return min(n, bytes.count - offset)
    }

    private func unexpectedCharacter(at offset: Int) -> Diagnostic {
        let text = String(decoding: bytes[offset..<(offset + scalarLength(at: offset))], as: UTF8.self)
        let replacements: [String: String] = [
            "≥": ">=", "≤": "<=", "≠": "!=", "×": "*", "·": "*", "÷": "/", "−": "-", "–": "-",
        ]
        if let r = replacements[text] {
            return error(at: offset, "unexpected character '\(text)'; write '\(r)'")
        }
        if ["“", "”", "‘", "’"].contains(text) {
            return error(at: offset, "unexpected character '\(text)'; write strings with straight quotes, \"...\" or '...'")
        }
        return error(at: offset, "unexpected character '\(text)'")
    }
}
