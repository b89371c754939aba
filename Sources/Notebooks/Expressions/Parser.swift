/// Recursive-descent parser for the expression language.
///
/// Precedence, loosest first (all binary operators associate to the left except `^`):
///
///     or
///     and
///     not                      (prefix)
///     == != < <= > >=          (not chainable)
///     + -
///     * / %
///     - (negation)             (prefix)
///     ^                        (right-associative; -2^2 is -(2^2))
///     x.field  x[i]            (postfix)
///     literals, names, f(args), (e), [a, b]
///
/// Every error is a `Diagnostic` at the token that could not be used, saying what was expected.
struct Parser {
    private var lexer: Lexer
    private(set) var token: Token
    private var previous: Token?
    /// Nesting of brackets, calls and prefix operators, bounded so that a hostile notebook cannot
    /// exhaust the stack.
    private var depth = 0
    static let maximumDepth = 200

    init(_ text: String, origin: SourceLocation) throws(Diagnostic) {
        lexer = Lexer(text, origin: origin)
        token = try lexer.next()
    }

    // MARK: Helpers

    private mutating func advance() throws(Diagnostic) {
        previous = token
        token = try lexer.next()
    }

    func error(at offset: Int, _ message: String, note: String? = nil) -> Diagnostic {
        lexer.error(at: offset, message, note: note)
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: lexer.bytes[start..<end], as: UTF8.self)
    }

    func text(of token: Token) -> String { text(token.start, token.end) }

    /// How the current token is named in "found ..." messages.
    var found: String { token.kind == .end ? "end of expression" : "'\(text(of: token))'" }

    func column(of token: Token) -> Int { lexer.origin.advanced(by: token.start).column }

    private mutating func expectClosing(_ kind: Token.Kind, _ closer: String, opener: Token, openerText: String) throws(Diagnostic) -> Token {
        guard token.kind == kind else {
            throw error(at: token.start, "expected '\(closer)' to close '\(openerText)' opened at column \(column(of: opener)), found \(found)")
        }
        let closing = token
        try advance()
        return closing
    }

    // MARK: Grammar

    mutating func parseExpression() throws(Diagnostic) -> Syntax { try parseOr() }

    /// Counts one level of nesting around `body`.
    private mutating func nested(_ body: (inout Parser) throws(Diagnostic) -> Syntax) throws(Diagnostic) -> Syntax {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw error(at: token.start, "the expression is nested too deeply (more than \(Parser.maximumDepth) levels)")
        }
        return try body(&self)
    }

    /// Counts one link of a left-to-right chain (`a + b + c`, `x[0][0]`, `d.a.b`) as one level of
    /// nesting until the chain's function returns: such a chain builds a tree as deep as it is
    /// long, and every later pass over the tree recurses once per level (30,000 terms of
    /// `1 + 1 + …` overflowed the stack). So `maximumDepth` bounds the height of the tree.
    private mutating func link() throws(Diagnostic) {
        depth += 1
        guard depth <= Parser.maximumDepth else {
            throw error(at: token.start, "the expression is nested too deeply (more than \(Parser.maximumDepth) levels, counting each operator of a chain)")
        }
    }

    private mutating func parseOr() throws(Diagnostic) -> Syntax {
        try nested { (p: inout Parser) throws(Diagnostic) in try p.parseOrBody() }
    }

    private mutating func parseOrBody() throws(Diagnostic) -> Syntax {
        let entry = depth
        defer { depth = entry }
        var left = try parseAnd()
        while token.kind == .kwOr {
            try link()
            try advance()
            let right = try parseAnd()
            left = Syntax(kind: .or(left, right), start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseAnd() throws(Diagnostic) -> Syntax {
        let entry = depth
        defer { depth = entry }
        var left = try parseNot()
        while token.kind == .kwAnd {
            try link()
            try advance()
            let right = try parseNot()
            left = Syntax(kind: .and(left, right), start: left.start, end: right.end)
        }
        return left
    }

    private mutating func parseNot() throws(Diagnostic) -> Syntax {
        guard token.kind == .kwNot else { return try parseComparison() }
        let start = token.start
        try advance()
        let operand = try nested { (p: inout Parser) throws(Diagnostic) in try p.parseNot() }
        return Syntax(kind: .not(operand), start: start, end: operand.end)
    }

    private func comparisonOperator(_ kind: Token.Kind) -> ComparisonOperator? {
        switch kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }

    private mutating func parseComparison() throws(Diagnostic) -> Syntax {
        let left = try parseAdditive()
        guard let op = comparisonOperator(token.kind) else { return left }
        let opStart = token.start
        try advance()
        let right = try parseAdditive()
        if comparisonOperator(token.kind) != nil {
            throw error(at: token.start, "comparisons cannot be chained; combine them with 'and'",
                        note: "for example 'a < b and b < c' instead of 'a < b < c'")
        }
        return Syntax(kind: .comparison(op, left, right, operatorStart: opStart), start: left.start, end: right.end)
    }

    private mutating func parseAdditive() throws(Diagnostic) -> Syntax {
        let entry = depth
        defer { depth = entry }
        var left = try parseMultiplicative()
        while true {
            let op: ArithmeticOperator
            switch token.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            try link()
            let opStart = token.start
            try advance()
            let right = try parseMultiplicative()
            left = Syntax(kind: .arithmetic(op, left, right, operatorStart: opStart), start: left.start, end: right.end)
        }
    }

    private mutating func parseMultiplicative() throws(Diagnostic) -> Syntax {
        let entry = depth
        defer { depth = entry }
        var left = try parseUnary()
        while true {
            let op: ArithmeticOperator
            switch token.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .percent: op = .remainder
            default: return left
            }
            try link()
            let opStart = token.start
            try advance()
            let right = try parseUnary()
            left = Syntax(kind: .arithmetic(op, left, right, operatorStart: opStart), start: left.start, end: right.end)
        }
    }

    private mutating func parseUnary() throws(Diagnostic) -> Syntax {
        guard token.kind == .minus else { return try parsePower() }
        let start = token.start
        try advance()
        let operand = try nested { (p: inout Parser) throws(Diagnostic) in try p.parseUnary() }
        if case .number(let x) = operand.kind {
            return Syntax(kind: .number(-x), start: start, end: operand.end)
        }
        return Syntax(kind: .negate(operand), start: start, end: operand.end)
    }

    private mutating func parsePower() throws(Diagnostic) -> Syntax {
        let base = try parsePostfix()
        guard token.kind == .caret else { return base }
        let opStart = token.start
        try advance()
        let exponent = try nested { (p: inout Parser) throws(Diagnostic) in try p.parseUnary() }
        return Syntax(kind: .arithmetic(.power, base, exponent, operatorStart: opStart), start: base.start, end: exponent.end)
    }

    private mutating func parsePostfix() throws(Diagnostic) -> Syntax {
        let entry = depth
        defer { depth = entry }
        var e = try parsePrimary()
        while true {
            if token.kind == .dot || token.kind == .leftBracket { try link() }
            switch token.kind {
            case .dot:
                try advance()
                guard case .identifier(let name) = token.kind else {
                    throw error(at: token.start, "expected a field name after '.', found \(found)")
                }
                e = Syntax(kind: .field(e, name: name, nameStart: token.start), start: e.start, end: token.end)
                try advance()
            case .leftBracket:
                let open = token
                try advance()
                let index = try parseOr()
                let close = try expectClosing(.rightBracket, "]", opener: open, openerText: "[")
                e = Syntax(kind: .index(e, index), start: e.start, end: close.end)
            case .leftParen:
                throw error(at: token.start, "unexpected '(' after '\(text(e.start, e.end))'",
                            note: "only built-in functions can be called, e.g. max(xs); to multiply, write '*'")
            default:
                return e
            }
        }
    }

    private mutating func parsePrimary() throws(Diagnostic) -> Syntax {
        let t = token
        func literal(_ kind: Syntax.Kind) -> Syntax { Syntax(kind: kind, start: t.start, end: t.end) }
        switch t.kind {
        case .number(let x): try advance(); return literal(.number(x))
        case .string(let s): try advance(); return literal(.string(s))
        case .kwTrue: try advance(); return literal(.bool(true))
        case .kwFalse: try advance(); return literal(.bool(false))
        case .kwNull: try advance(); return literal(.null)
        case .identifier(let name):
            try advance()
            if token.kind == .leftParen { return try parseCall(name, nameToken: t) }
            return literal(.name(name))
        case .leftParen:
            try advance()
            let inner = try parseOr()
            let close = try expectClosing(.rightParen, ")", opener: t, openerText: "(")
            return Syntax(kind: inner.kind, start: t.start, end: close.end)
        case .leftBracket:
            return try parseList()
        case .dot where t.end < lexer.bytes.count && Lexer.isDigit(lexer.bytes[t.end]):
            throw error(at: t.start, "a number cannot start with '.'; write a 0 before it, e.g. 0.5")
        default:
            throw expectedValue()
        }
    }

    private func expectedValue() -> Diagnostic {
        if let previous {
            return error(at: token.start, "expected a value after '\(text(of: previous))', found \(found)")
        }
        return error(at: token.start, "expected an expression, found \(found)")
    }

    /// `[a, b, c]`; a trailing comma is allowed.
    private mutating func parseList() throws(Diagnostic) -> Syntax {
        let open = token
        try advance()
        var items: [Syntax] = []
        while token.kind != .rightBracket {
            items.append(try parseOr())
            if token.kind == .comma {
                try advance()
            } else if token.kind != .rightBracket {
                throw error(at: token.start, "expected ',' or ']' to close '[' opened at column \(column(of: open)), found \(found)")
            }
        }
        let close = token
        try advance()
        return Syntax(kind: .list(items), start: open.start, end: close.end)
    }

    private mutating func parseCall(_ name: String, nameToken: Token) throws(Diagnostic) -> Syntax {
        guard let signature = Builtins.byName[name] else {
            let note = suggestion(for: name, in: Builtins.names).map { "did you mean '\($0)'?" }
                ?? "functions: " + Builtins.names.joined(separator: ", ")
            throw error(at: nameToken.start, "unknown function '\(name)'", note: note)
        }
        let open = token
        try advance()
        var args: [Syntax] = []
        while token.kind != .rightParen {
            args.append(try parseOr())
            if token.kind == .comma {
                try advance()
            } else if token.kind != .rightParen {
                throw error(at: token.start, "expected ',' or ')' to close '\(name)(' opened at column \(column(of: open)), found \(found)")
            }
        }
        let close = token
        try advance()
        guard signature.arity.contains(args.count) else {
            let expected = signature.arity.count == 1
                ? "\(signature.arity.lowerBound) argument\(signature.arity.lowerBound == 1 ? "" : "s")"
                : signature.arity.upperBound > 2 ? "at least \(signature.arity.lowerBound) argument\(signature.arity.lowerBound == 1 ? "" : "s")"
                : "\(signature.arity.lowerBound) or \(signature.arity.upperBound) arguments"
            throw error(at: nameToken.start, "'\(name)' expects \(expected), found \(args.count)",
                        note: "usage: \(signature.usage)")
        }
        return Syntax(kind: .call(name, args), start: nameToken.start, end: close.end)
    }

    // MARK: Formats

    /// `| percent`, `| percent(n)`, `| fixed(n)`, `| sci(n)`, `| int` after an inline expression.
    mutating func parseFormat() throws(Diagnostic) -> ValueFormat {
        try advance()  // '|'
        let formats = ["percent", "fixed", "sci", "int"]
        let list = "formats: percent, percent(n), fixed(n), sci(n), int"
        guard case .identifier(let name) = token.kind else {
            throw error(at: token.start, "expected a format name after '|', found \(found)", note: list)
        }
        let nameToken = token
        guard formats.contains(name) else {
            let note = suggestion(for: name, in: formats).map { "did you mean '\($0)'? \(list)" } ?? list
            throw error(at: token.start, "unknown format '\(name)'", note: note)
        }
        try advance()
        var digits: Int?
        if token.kind == .leftParen {
            let open = token
            if name == "int" { throw error(at: open.start, "the format 'int' takes no argument") }
            try advance()
            guard case .number(let x) = token.kind, x == x.rounded(), x >= 0, x <= 15 else {
                throw error(at: token.start, "expected a number of decimals from 0 to 15 in '\(name)(...)', found \(found)")
            }
            digits = Int(x)
            try advance()
            _ = try expectClosing(.rightParen, ")", opener: open, openerText: "\(name)(")
        }
        switch name {
        case "percent": return .percent(digits)
        case "int": return .int
        default:
            guard let digits else {
                throw error(at: nameToken.start, "the format '\(name)' needs a number of decimals, e.g. '| \(name)(2)'")
            }
            return name == "fixed" ? .fixed(digits) : .sci(digits)
        }
    }
}
