/// TeX's math alphabets (`\mathbb`, `\mathcal`, `\mathbf`...) as Unicode Mathematical
/// Alphanumeric Symbols (U+1D400–U+1D7FF, Unicode Standard §22.2).
///
/// MathML Core supports only `mathvariant="normal"`, so every other style is expressed by the
/// characters themselves: `\mathbb{R}` becomes ℝ, `\mathbf{x}` 𝐱. Letters that had a code point
/// before that block (ℝ, ℬ, ℎ...) live in Letterlike Symbols and fill the holes of the block.
enum MathAlphabet: Sendable, Equatable {
    /// `\mathrm`, `\operatorname`, `\text`-like upright letters: `mathvariant="normal"`.
    case roman
    case italic
    case bold
    case boldItalic
    case doubleStruck
    case script
    case fraktur
    case sansSerif
    case monospace

    static let commands: [String: MathAlphabet] = [
        "mathrm": .roman, "rm": .roman, "mathup": .roman, "mathit": .italic, "mathbf": .bold,
        "bf": .bold, "boldsymbol": .boldItalic, "bm": .boldItalic, "mathbb": .doubleStruck,
        "mathcal": .script, "mathscr": .script, "mathfrak": .fraktur, "mathsf": .sansSerif,
        "mathtt": .monospace,
    ]

    /// The styled form of one character, or nil when the alphabet has no such letter (the
    /// character is then kept as it is).
    func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        let upper = (0x41...0x5A).contains(value) ? value - 0x41 : nil
        let lower = (0x61...0x7A).contains(value) ? value - 0x61 : nil
        let digit = (0x30...0x39).contains(value) ? value - 0x30 : nil
        func at(_ base: UInt32, _ index: UInt32?) -> Unicode.Scalar? {
            index.flatMap { Unicode.Scalar(base + $0) }
        }
        switch self {
        case .roman:
            return nil
        case .italic:
            if scalar == "h" { return "\u{210E}" }
            return at(0x1D434, upper) ?? at(0x1D44E, lower) ?? greek(scalar, capitals: 0x1D6E2, lowercase: 0x1D6FC)
        case .bold:
            // TeX's \mathbf changes Latin letters, digits and capital Greek, not lowercase Greek.
            return at(0x1D400, upper) ?? at(0x1D41A, lower) ?? at(0x1D7CE, digit)
                ?? greek(scalar, capitals: 0x1D6A8, lowercase: nil)
        case .boldItalic:
            return at(0x1D468, upper) ?? at(0x1D482, lower) ?? at(0x1D7CE, digit)
                ?? greek(scalar, capitals: 0x1D71C, lowercase: 0x1D736) ?? boldItalicExtra(scalar)
        case .doubleStruck:
            let holes: [UInt32: Unicode.Scalar] = [2: "ℂ", 7: "ℍ", 13: "ℕ", 15: "ℙ", 16: "ℚ", 17: "ℝ", 25: "ℤ"]
            if let upper, let hole = holes[upper] { return hole }
            return at(0x1D538, upper) ?? at(0x1D552, lower) ?? at(0x1D7D8, digit)
        case .script:
            let upperHoles: [UInt32: Unicode.Scalar] = [
                1: "ℬ", 4: "ℰ", 5: "ℱ", 7: "ℋ", 8: "ℐ", 11: "ℒ", 12: "ℳ", 17: "ℛ",
            ]
            let lowerHoles: [UInt32: Unicode.Scalar] = [4: "ℯ", 6: "ℊ", 14: "ℴ"]
            if let upper, let hole = upperHoles[upper] { return hole }
            if let lower, let hole = lowerHoles[lower] { return hole }
            return at(0x1D49C, upper) ?? at(0x1D4B6, lower)
        case .fraktur:
            let holes: [UInt32: Unicode.Scalar] = [2: "ℭ", 7: "ℌ", 8: "ℑ", 17: "ℜ", 25: "ℨ"]
            if let upper, let hole = holes[upper] { return hole }
            return at(0x1D504, upper) ?? at(0x1D51E, lower)
        case .sansSerif:
            return at(0x1D5A0, upper) ?? at(0x1D5BA, lower) ?? at(0x1D7E2, digit)
        case .monospace:
            return at(0x1D670, upper) ?? at(0x1D68A, lower) ?? at(0x1D7F6, digit)
        }
    }

    /// Greek letters: capitals Α–Ω (U+0391–U+03A9, whose unassigned U+03A2 lines up with ϴ in the
    /// mathematical blocks) and lowercase α–ω (U+03B1–U+03C9).
    private func greek(_ scalar: Unicode.Scalar, capitals: UInt32, lowercase: UInt32?) -> Unicode.Scalar? {
        let value = scalar.value
        if (0x391...0x3A9).contains(value) { return Unicode.Scalar(capitals + value - 0x391) }
        if let lowercase, (0x3B1...0x3C9).contains(value) { return Unicode.Scalar(lowercase + value - 0x3B1) }
        return nil
    }

    /// Bold italic forms of the symbols that follow ω in the mathematical Greek blocks.
    private func boldItalicExtra(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let extras: [Unicode.Scalar: Unicode.Scalar] = [
            "∂": "\u{1D74F}", "ϵ": "\u{1D750}", "ϑ": "\u{1D751}", "ϰ": "\u{1D752}", "ϕ": "\u{1D753}",
            "ϱ": "\u{1D754}", "ϖ": "\u{1D755}", "∇": "\u{1D735}",
        ]
        return extras[scalar]
    }
}
