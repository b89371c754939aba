import Notebooks
/// A recursive-descent parser from TeX math tokens to a MathML tree.
///
/// The grammar is TeX's math list: a sequence of atoms, each optionally followed by `^`, `_` and
/// primes; an atom is a character, a control sequence with its arguments, or a `{...}` group.
/// The parser never fails: anything it cannot render becomes a `MathWarning` (with the UTF-8
/// offset of the offending token) and an `<merror>` showing the source, and parsing resumes.
/// Commands live in `TeXParser+Commands.swift`, environments in `TeXParser+Environments.swift`.
struct TeXParser {
    /// What ends a math list without being consumed by it.
    struct Stops: OptionSet {
        let rawValue: Int
        /// `}` closing a group.
        static let closeBrace = Stops(rawValue: 1)
        /// `]` closing an optional argument (`\sqrt[n]`).
        static let closeBracket = Stops(rawValue: 2)
        /// `\right` or `\middle`.
        static let right = Stops(rawValue: 4)
        /// `&`, `\\` and `\end`, inside an environment.
        static let cell = Stops(rawValue: 8)
    }

    /// How an atom takes sub- and superscripts.
    enum Limits {
        /// At the side (`msub`, `msup`, `msubsup`).
        case side
        /// Above and below in display math, at the side inline (`\sum`, `\lim`).
        case display
        /// Above and below always (`\limits`, `\underbrace`).
        case always
    }

    /// One atom of a math list before its scripts are attached.
    struct Atom {
        var node: MathNode
        var limits: Limits = .side
        /// Nodes that follow the atom and its scripts (the function application after `\sin`).
        var trailer: [MathNode] = []
        /// A named function or operator (`\sin`, `\max`), spaced as TeX spaces an Op atom.
        var isNamedOperator = false
        /// Nodes that precede the atom (the thin space before `\sin` after a letter).
        var leading: [MathNode] = []
    }

    /// TeX groups nested deeper than this are shown as source with a warning, which bounds the
    /// recursion whatever the input.
    static let maximumDepth = 64

    let tokens: [TeXToken]
    let bytes: [UInt8]
    let display: MathDisplay
    var position = 0
    var warnings: [MathWarning] = []
    var tags: [String] = []
    var labels: [String] = []
    /// The math alphabet in force (`\mathbb{...}` sets it for its argument).
    var alphabet: MathAlphabet?
    /// Whether the current list is in TeX's display style: true in block math, changed for the
    /// rest of a list by `\displaystyle` / `\textstyle`. Decides where `\sum` puts its limits.
    var displayStyle: Bool
    var depth = 0

    init(source: String, display: MathDisplay) {
        self.tokens = TeXTokenizer.tokenize(source)
        self.bytes = Array(source.utf8)
        self.display = display
        self.displayStyle = display == .block
    }

    // MARK: token access

    var peek: TeXToken? { position < tokens.count ? tokens[position] : nil }

    mutating func advance() { position += 1 }

    /// The next token that is not white space, skipping the white space.
    mutating func peekSkippingSpace() -> TeXToken? {
        while let token = peek, token.isSpace { advance() }
        return peek
    }

    /// Warnings kept per formula: each is located in the notebook by a scan of its text, and
    /// 10,000 `\\` in one formula took 11 s and printed 300 MB. Past the cap one last warning
    /// says how many more there were.
    static let maximumWarnings = 10
    private(set) var warningsDropped = 0

    mutating func warn(_ message: String, at offset: Int) {
        guard warnings.count < Self.maximumWarnings else {
            warningsDropped += 1
            return
        }
        warnings.append(MathWarning(offset: offset, message: message))
    }

    /// The source text of tokens `range`, as written.
    func sourceText(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let start = tokens[range.lowerBound].offset
        let end = tokens[range.upperBound - 1].offset + tokens[range.upperBound - 1].length
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// UTF-8 offset of the current token, or of the end of the source.
    var currentOffset: Int { peek?.offset ?? bytes.count }

    // MARK: lists

    /// Parses the whole source.
    mutating func parseAll() -> [MathNode] {
        parseList(stops: [])
    }

    /// Parses atoms until a token in `stops` (not consumed) or the end. Terminators that do not
    /// belong here (a stray `}`, `&` outside an environment) are reported and skipped.
    mutating func parseList(stops: Stops) -> [MathNode] {
        var nodes: [MathNode] = []
        while let token = peekSkippingSpace() {
            if token.isCharacter("}") {
                if stops.contains(.closeBrace) { break }
                warn("unmatched '}'", at: token.offset)
                advance()
                continue
            }
            if token.isCharacter("]"), stops.contains(.closeBracket) { break }
            if token.isCommand("right") || token.isCommand("middle") {
                if stops.contains(.right) { break }
                warn("\\\(token.command!) without a matching \\left", at: token.offset)
                advance()
                _ = parseDelimiter()
                continue
            }
            if token.isCharacter("&") || token.isCommand("\\") || token.isCommand("end") || token.isCommand("cr") {
                if stops.contains(.cell) { break }
                if token.isCommand("end") {
                    advance()
                    let name = readRawGroup()?.text ?? ""
                    warn("\\end{\(name)} without a matching \\begin", at: token.offset)
                } else {
                    warn(token.isCharacter("&") ? "'&' outside an alignment environment"
                         : "line break \\\\ outside an alignment environment", at: token.offset)
                    advance()
                    if token.isCommand("\\") { skipOptionalArgument() }
                }
                continue
            }
            if let name = token.command, let style = Self.styleSwitches[name] {
                // \displaystyle and friends apply to the rest of the current list.
                advance()
                let saved = displayStyle
                displayStyle = name == "displaystyle"
                let rest = parseList(stops: stops)
                displayStyle = saved
                nodes.append(.element("mstyle", rest, style))
                break
            }
            if token.isCommand("color") {
                advance()
                let color = readRawGroup()?.text ?? ""
                let rest = parseList(stops: stops)
                nodes.append(.element("mstyle", rest, [("style", "color:" + Self.sanitizedColor(color))]))
                break
            }
            var atomNodes = parseAtomWithScripts(after: nodes.last)
            if let first = atomNodes.first, Self.isUnaryCandidate(first), let previous = nodes.last,
                !Self.isOrdinaryForSpacing(previous)
            {
                // TeX makes a binary operator ordinary after a relation, an opening delimiter,
                // punctuation or another operator (`x = -1`, `(-x)`); MathML's prefix form of
                // + and − has no space, which matches. (First in a row, MathML infers it.)
                atomNodes[0].set("form", "prefix")
            }
            nodes += atomNodes
        }
        return nodes
    }

    static let styleSwitches: [String: [(String, String)]] = [
        "displaystyle": [("displaystyle", "true"), ("scriptlevel", "0")],
        "textstyle": [("displaystyle", "false"), ("scriptlevel", "0")],
        "scriptstyle": [("displaystyle", "false"), ("scriptlevel", "1")],
        "scriptscriptstyle": [("displaystyle", "false"), ("scriptlevel", "2")],
    ]

    /// A colour name or hex value, with anything else removed so it cannot break the style.
    static func sanitizedColor(_ text: String) -> String {
        String(text.unicodeScalars.filter { TeXTokenizer.isLetter($0) || ("0"..."9").contains($0) || $0 == "#" })
    }

    /// A `{...}` group as one node: its single child, an `<mrow>` of several, or an empty row.
    mutating func parseGroup() -> MathNode {
        let open = peek!
        advance()
        depth += 1
        defer { depth -= 1 }
        let nodes = parseList(stops: [.closeBrace])
        if let close = peek, close.isCharacter("}") {
            advance()
        } else {
            warn("missing '}' for the '{' here", at: open.offset)
        }
        return nodes.count == 1 ? nodes[0] : MathNode("mrow", children: nodes)
    }

    // MARK: atoms and scripts

    /// One atom with its scripts, plus any trailing nodes. `previous` is the node before it in
    /// the list, which decides the space before a named operator.
    mutating func parseAtomWithScripts(after previous: MathNode? = nil) -> [MathNode] {
        var atom: Atom?
        if let token = peek, !(token.isCharacter("^") || token.isCharacter("_") || token.isCharacter("'")) {
            atom = parseAtom()
        }
        var lower: MathNode?
        var upper: MathNode?
        var primes = 0
        while let token = peekSkippingSpace() {
            if token.isCommand("limits") || token.isCommand("nolimits") {
                advance()
                if atom == nil || atom?.node.name != "mo" && atom?.limits == .side {
                    warn("\\\(token.command!) applies only to an operator", at: token.offset)
                }
                atom?.limits = token.isCommand("limits") ? .always : .side
            } else if token.isCharacter("^") || token.isCharacter("_") {
                advance()
                let isSuper = token.isCharacter("^")
                if (isSuper ? upper : lower) != nil {
                    warn(isSuper ? "double superscript" : "double subscript", at: token.offset)
                }
                let saved = displayStyle
                displayStyle = false
                let argument = parseArgument(after: isSuper ? "^" : "_", at: token.offset) ?? MathNode("mrow")
                displayStyle = saved
                if isSuper { upper = argument } else { lower = argument }
            } else if token.isCharacter("'") {
                advance()
                primes += 1
            } else {
                break
            }
        }
        if primes > 0 {
            // A prime glyph is already raised; set as a superscript it would sit too high, so it
            // follows the base on the line (x′), and scripts attach to both (x′², x′ᵢ).
            let prime = MathNode.mo(Self.primeSymbol(count: primes))
            let node = atom?.node ?? MathNode("mrow")
            let children = node.name == "mrow" && node.attributes.isEmpty ? node.children : [node]
            if atom == nil { atom = Atom(node: MathNode("mrow")) }
            atom?.node = MathNode("mrow", children: children + [prime])
        }
        if var named = atom, named.isNamedOperator {
            spaceNamedOperator(&named, after: previous)
            atom = named
        }
        guard lower != nil || upper != nil else {
            guard let atom else { return [] }
            return atom.leading + [atom.node] + atom.trailer
        }
        var base = atom ?? Atom(node: MathNode("mrow"))
        let stacked: Bool
        switch base.limits {
        case .side: stacked = false
        case .display: stacked = displayStyle
        case .always:
            stacked = true
            if base.node.name == "mo" { base.node.set("movablelimits", "false") }
        }
        let scripted: MathNode
        switch (lower, upper) {
        case (let sub?, let sup?):
            scripted = .element(stacked ? "munderover" : "msubsup", [base.node, sub, sup])
        case (let sub?, nil):
            scripted = .element(stacked ? "munder" : "msub", [base.node, sub])
        case (nil, let sup?):
            scripted = .element(stacked ? "mover" : "msup", [base.node, sup])
        case (nil, nil):
            scripted = base.node
        }
        return base.leading + [scripted] + base.trailer
    }

    /// TeX puts a thin space (3 mu) between an Op atom and an ordinary neighbour, and none before
    /// an opening delimiter or next to operators, which bring their own space. An `<mi>sin</mi>`
    /// has no space of its own, so it gets an `<mspace>` before it and `rspace` on the function
    /// application after it; a named `<mo>` (`max`) gets `lspace` and `rspace`.
    mutating func spaceNamedOperator(_ atom: inout Atom, after previous: MathNode?) {
        let before = Self.isOrdinaryForSpacing(previous)
        let after = nextWantsSpaceAfterOperator()
        if atom.node.name == "mo" {
            atom.node.set("lspace", before ? "0.1667em" : "0em")
            atom.node.set("rspace", after ? "0.1667em" : "0em")
        } else {
            if after { atom.trailer = [.mo("\u{2061}", [("rspace", "0.1667em")])] }
            if before { atom.leading = [.mspace("0.1667em")] }
        }
    }

    /// Operators that TeX spaces as ordinary symbols (bars, dots, factorial, primes).
    static let ordinaryOperators: Set<String> = ["|", "‖", "…", "⋯", "⋮", "⋱", "!", "′", "″", "‴", "%"]

    /// A `+`, `−`, `±` or `∓` that may be a sign rather than a binary operator.
    static func isUnaryCandidate(_ node: MathNode) -> Bool {
        node.name == "mo" && ["+", "−", "±", "∓"].contains(node.text ?? "")
    }

    /// Whether `node` ends like an ordinary atom (a letter, number, closing delimiter, group),
    /// after which TeX puts a thin space before an operator name.
    static func isOrdinaryForSpacing(_ node: MathNode?) -> Bool {
        guard let node else { return false }
        switch node.name {
        case "mspace": return false
        case "mo":
            if node.attribute("movablelimits") != nil { return true }
            let text = node.text ?? ""
            return TeXSymbols.closingDelimiters.contains(text) || Self.ordinaryOperators.contains(text)
        default: return true
        }
    }

    /// Whether the next token starts an ordinary atom (so a thin space follows an operator name)
    /// rather than a delimiter, an operator, a script or the end of the list.
    mutating func nextWantsSpaceAfterOperator() -> Bool {
        let saved = position
        defer { position = saved }
        guard let token = peekSkippingSpace() else { return false }
        switch token.kind {
        case .space: return false
        case .character(let scalar):
            // `|` is an ordinary symbol in TeX (|x| after \log), so it gets the space.
            if scalar == "{" || scalar == "\\" || scalar == "|" { return true }
            if TeXSymbols.characterOperators[scalar] != nil || "}&^_'$#~".unicodeScalars.contains(scalar) { return false }
            return true
        case .command(let name):
            if name.hasPrefix("big") || name.hasPrefix("Big") { return false }
            if ["left", "right", "middle", "\\", "end"].contains(name) { return false }
            if TeXSymbols.operators[name] != nil || TeXSymbols.delimiterCommands[name] != nil { return false }
            if TeXSymbols.spaces[name] != nil || TeXSymbols.largeOperators[name] != nil { return false }
            return true
        }
    }

    static func primeSymbol(count: Int) -> String {
        switch count {
        case 1: return "′"
        case 2: return "″"
        case 3: return "‴"
        case 4: return "⁗"
        default: return String(repeating: "′", count: count)
        }
    }

    /// The argument of a command or script: a `{...}` group, or else a single token (`x^2`,
    /// `\frac12`, `x_\alpha`). Returns nil, with a warning, when the argument is missing.
    mutating func parseArgument(after command: String, at offset: Int) -> MathNode? {
        guard let token = peekSkippingSpace(), !isArgumentTerminator(token) else {
            warn("missing argument for \(command)", at: offset)
            return nil
        }
        if token.isCharacter("{") { return parseGroup() }
        if let scalar = token.character, scalar.properties.numericType != nil, scalar.isASCII {
            advance()
            return .mn(String(alphabet.flatMap { $0.map(scalar) } ?? scalar))
        }
        guard let atom = parseAtom() else { return MathNode("mrow") }
        return .row([atom.node] + atom.trailer)
    }

    func isArgumentTerminator(_ token: TeXToken) -> Bool {
        token.isCharacter("}") || token.isCharacter("&") || token.isCharacter("^") || token.isCharacter("_")
            || token.isCommand("\\") || token.isCommand("end") || token.isCommand("right")
    }

    /// One atom. Consumes at least one token; returns nil when the token renders as nothing
    /// (`\label`, `\nonumber`).
    mutating func parseAtom() -> Atom? {
        guard let token = peek else { return nil }
        if depth > Self.maximumDepth {
            warn("expression nested too deeply; shown as source", at: token.offset)
            let rest = sourceText(position..<tokens.count)
            position = tokens.count
            return Atom(node: .error(rest))
        }
        switch token.kind {
        case .space:
            advance()
            return nil
        case .command(let name):
            advance()
            depth += 1
            defer { depth -= 1 }
            return parseCommand(name, token: token)
        case .character(let scalar):
            return parseCharacter(scalar, token: token)
        }
    }

    mutating func parseCharacter(_ scalar: Unicode.Scalar, token: TeXToken) -> Atom? {
        if scalar == "{" {
            return Atom(node: parseGroup())
        }
        if scalar.isASCII, ("0"..."9").contains(scalar) {
            return Atom(node: parseNumber())
        }
        advance()
        if scalar.properties.isAlphabetic {
            return Atom(node: identifier(scalar))
        }
        switch scalar {
        case "~":
            return Atom(node: .mspace("0.3333em"))
        case "(", ")", "[", "]":
            return Atom(node: .mo(String(scalar), [("stretchy", "false")]))
        case "|":
            return Atom(node: .mo("|", [("stretchy", "false"), ("lspace", "0em"), ("rspace", "0em")]))
        case "/":
            return Atom(node: .mo("/", [("lspace", "0em"), ("rspace", "0em")]))
        case "#", "$", "\\", "&", "}":
            warn("unexpected character '\(scalar)'", at: token.offset)
            return Atom(node: .error(String(scalar)))
        default:
            if let symbol = TeXSymbols.characterOperators[scalar] {
                return Atom(node: .mo(symbol))
            }
            if scalar.properties.numericType != nil {
                return Atom(node: .mn(String(scalar)))
            }
            return Atom(node: .mo(String(scalar)))
        }
    }

    /// A decimal number: digits with at most one decimal point followed by a digit (`3.14`).
    mutating func parseNumber() -> MathNode {
        var text = ""
        var seenPoint = false
        while let token = peek, let scalar = token.character {
            if scalar.isASCII, ("0"..."9").contains(scalar) {
                text.unicodeScalars.append(alphabet.flatMap { $0.map(scalar) } ?? scalar)
                advance()
            } else if scalar == ".", !seenPoint, position + 1 < tokens.count,
                let next = tokens[position + 1].character, next.isASCII, ("0"..."9").contains(next)
            {
                seenPoint = true
                text += "."
                advance()
            } else {
                break
            }
        }
        return .mn(text)
    }

    /// An identifier for one letter in the current alphabet: `<mi>x</mi>` (italic by MathML
    /// Core's rule for one-letter identifiers), `<mi mathvariant="normal">` for upright letters,
    /// or the styled Unicode letter (`\mathbb{R}` → ℝ).
    func identifier(_ scalar: Unicode.Scalar) -> MathNode {
        if let alphabet {
            if alphabet == .roman { return .mi(String(scalar), normal: true) }
            if let styled = alphabet.map(scalar) { return .mi(String(styled)) }
        }
        let text = String(scalar)
        return .mi(text, normal: TeXSymbols.uprightIdentifiers.contains(text))
    }
}
