/// One token of the expression language, with its UTF-8 byte range in the expression text.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case string(String)
        case identifier(String)
        case kwAnd, kwOr, kwNot, kwTrue, kwFalse, kwNull
        case plus, minus, star, slash, percent, caret
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case leftParen, rightParen, leftBracket, rightBracket, comma, dot, pipe
        case end
    }

    var kind: Kind
    /// Byte offset of the first character.
    var start: Int
    /// Byte offset just past the last character.
    var end: Int

    static let keywords: [String: Kind] = [
        "and": .kwAnd, "or": .kwOr, "not": .kwNot, "true": .kwTrue, "false": .kwFalse, "null": .kwNull,
    ]
}
