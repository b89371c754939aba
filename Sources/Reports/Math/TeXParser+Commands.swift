import WholeNumbers

/// Control sequences: symbols from `TeXSymbols`, then the commands that take arguments.
extension TeXParser {
    /// The function application character U+2061 that follows `\sin`, `\log` and friends, so that
    /// assistive technology reads "sine of x".
    static let functionApplication = MathNode.mo("\u{2061}")

    mutating func parseCommand(_ name: String, token: TeXToken) -> Atom? {
        if let atom = parseSymbol(name) { return atom }
        if let alphabet = MathAlphabet.commands[name] {
            return Atom(node: parseStyled(alphabet, command: name, token: token))
        }
        if name == "overline" || name == "underline" {
            // No math font stretches an overline glyph reliably; a border is exact in every font.
            let base = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            let side = name == "overline" ? "top" : "bottom"
            let children = base.name == "mrow" && base.attributes.isEmpty ? base.children : [base]
            return Atom(node: MathNode("mrow", [("style", "border-\(side):0.06em solid;padding-\(side):0.06em")], children: children))
        }
        if let accent = TeXSymbols.accents[name] {
            let base = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            var mark = MathNode.mo(accent.mark, [("stretchy", accent.stretchy ? "true" : "false")])
            if name == "overbrace" {
                mark = .mo(accent.mark)
                return Atom(node: .element("mover", [base, mark]), limits: .always)
            }
            return Atom(node: .element("mover", [base, mark], [("accent", "true")]))
        }
        if let mark = TeXSymbols.underAccents[name] {
            let base = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            if name == "underbrace" {
                return Atom(node: .element("munder", [base, .mo(mark)]), limits: .always)
            }
            return Atom(node: .element("munder", [base, .mo(mark, [("stretchy", "true")])], [("accentunder", "true")]))
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            // Numerator and denominator are in text style (limits at the side), even in \dfrac.
            let saved = displayStyle
            displayStyle = false
            let numerator = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            let denominator = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            displayStyle = saved
            let fraction = MathNode.element("mfrac", [numerator, denominator])
            switch name {
            case "dfrac", "cfrac": return Atom(node: .element("mstyle", [fraction], [("displaystyle", "true")]))
            case "tfrac": return Atom(node: .element("mstyle", [fraction], [("displaystyle", "false")]))
            default: return Atom(node: fraction)
            }
        case "binom", "dbinom", "tbinom", "choose":
            if name == "choose" {
                warn("\\choose is not supported; write \\binom{n}{k}", at: token.offset)
                return Atom(node: .error("\\choose"))
            }
            let top = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            let bottom = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            let binomial = MathNode.element("mrow", [
                .mo("("), .element("mfrac", [top, bottom], [("linethickness", "0")]), .mo(")"),
            ])
            switch name {
            case "dbinom": return Atom(node: .element("mstyle", [binomial], [("displaystyle", "true")]))
            case "tbinom": return Atom(node: .element("mstyle", [binomial], [("displaystyle", "false")]))
            default: return Atom(node: binomial)
            }
        case "sqrt":
            var index: MathNode?
            if let open = peekSkippingSpace(), open.isCharacter("[") {
                advance()
                let nodes = parseList(stops: [.closeBracket, .closeBrace])
                if let close = peek, close.isCharacter("]") {
                    advance()
                } else {
                    warn("missing ']' for the index of \\sqrt", at: open.offset)
                }
                index = nodes.count == 1 ? nodes[0] : MathNode("mrow", children: nodes)
            }
            let radicand = parseArgument(after: "\\sqrt", at: token.offset) ?? MathNode("mrow")
            if let index {
                return Atom(node: .element("mroot", [radicand, index]))
            }
            return Atom(node: .element("msqrt", radicand.name == "mrow" && radicand.attributes.isEmpty ? radicand.children : [radicand]))
        case "left":
            return Atom(node: parseLeftRight(token: token))
        case "big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr", "Biggr",
            "bigm", "Bigm", "biggm", "Biggm":
            return Atom(node: parseSizedDelimiter(name, token: token))
        case "text", "textrm", "textnormal", "textup", "mbox", "hbox", "textit", "textbf", "textsf", "texttt",
            "emph", "textmd":
            return Atom(node: parseText(name, token: token))
        case "operatorname", "mathop":
            var starred = false
            if name == "operatorname", let star = peek, star.isCharacter("*") {
                advance()
                starred = true
            }
            if name == "mathop" { starred = true }
            return parseOperatorName(starred: starred, command: name, token: token)
        case "overset", "underset", "stackrel":
            let over = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            let base = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            return Atom(node: .element(name == "underset" ? "munder" : "mover", [base, over]))
        case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow", "xmapsto":
            skipOptionalArgument()
            let label = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            let arrows = ["xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐",
                          "xleftrightarrow": "↔", "xmapsto": "↦"]
            // The arrow stretches to the label's width; spaces on both sides make it longer than
            // the label (Chromium ignores an <mpadded> width when stretching the arrow).
            let arrow = MathNode.mo(arrows[name]!, [("stretchy", "true")])
            let padded = MathNode("mrow", children: [.mspace("0.5em"), label, .mspace("0.5em")])
            return Atom(node: .element("mover", [arrow, padded]))
        case "begin":
            return Atom(node: parseEnvironment(token: token))
        case "substack":
            return Atom(node: parseSubstack(token: token))
        case "tag":
            // \tag*{x} (no parentheses) is reported like \tag{x}; the report decides the look.
            if let star = peek, star.isCharacter("*") { advance() }
            let text = readRawGroup()?.text ?? ""
            if display == .inline { warn("\\tag is only allowed in display math", at: token.offset) }
            if !tags.isEmpty { warn("more than one \\tag; the first is used", at: token.offset) }
            tags.append(text)
            return nil
        case "label":
            let text = readRawGroup()?.text ?? ""
            if !labels.isEmpty { warn("more than one \\label; the first is used", at: token.offset) }
            labels.append(text)
            return nil
        case "nonumber", "notag", "hline", "hdashline", "displaystyle", "textstyle", "scriptstyle",
            "scriptscriptstyle", "limits", "nolimits", "relax", "allowbreak", "nobreak":
            return nil
        case "not":
            return parseNegation(token: token)
        case "textcolor":
            let color = readRawGroup()?.text ?? ""
            let body = parseArgument(after: "\\textcolor", at: token.offset) ?? MathNode("mrow")
            return Atom(node: .element("mrow", [body], [("style", "color:" + Self.sanitizedColor(color))]))
        case "boxed", "fbox":
            let body = name == "fbox" ? parseText(name, token: token) : (parseArgument(after: "\\boxed", at: token.offset) ?? MathNode("mrow"))
            let children = body.name == "mrow" && body.attributes.isEmpty ? body.children : [body]
            return Atom(node: .element("mrow", children, [("style", "border:0.06em solid;padding:0.2em 0.3em")]))
        case "phantom":
            let body = parseArgument(after: "\\phantom", at: token.offset) ?? MathNode("mrow")
            return Atom(node: .element("mphantom", [body]))
        case "hphantom", "vphantom":
            let body = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            let size: [(String, String)] = name == "hphantom" ? [("height", "0"), ("depth", "0")] : [("width", "0")]
            return Atom(node: .element("mpadded", [.element("mphantom", [body])], size))
        case "mathbin", "mathrel", "mathord", "mathpunct", "mathinner", "mathopen", "mathclose":
            return Atom(node: parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow"))
        case "bmod":
            return Atom(node: .mo("mod", [("lspace", "0.2222em"), ("rspace", "0.2222em")]))
        case "pmod", "mod":
            let argument = parseArgument(after: "\\" + name, at: token.offset) ?? MathNode("mrow")
            if name == "mod" {
                return Atom(node: .element("mrow", [.mspace("1em"), .mi("mod"), .mspace("0.3333em"), argument]))
            }
            return Atom(node: .element("mrow", [
                .mspace("1em"), .mo("(", [("stretchy", "false")]), .mi("mod"), .mspace("0.3333em"), argument,
                .mo(")", [("stretchy", "false")]),
            ]))
        case "hspace", "mspace", "kern", "mkern", "hskip", "mskip":
            return Atom(node: parseExplicitSpace(name, token: token))
        default:
            warn("unknown TeX command \\\(name)", at: token.offset)
            return Atom(node: .error("\\" + name))
        }
    }

    /// Symbols that need no argument: identifiers, operators, large operators, named functions,
    /// delimiters and spaces. Returns nil when `name` is none of these.
    mutating func parseSymbol(_ name: String) -> Atom? {
        if let symbol = TeXSymbols.identifiers[name] {
            return Atom(node: identifierSymbol(symbol))
        }
        if let space = TeXSymbols.spaces[name] {
            if space.hasPrefix("-") {
                // MathML Core has no negative <mspace>; a negative margin pulls neighbours closer.
                return Atom(node: MathNode("mspace", [("style", "margin-left:" + space)]))
            }
            return Atom(node: .mspace(space))
        }
        if let symbol = TeXSymbols.operators[name] {
            return Atom(node: .mo(symbol, TeXSymbols.operatorAttributes[name] ?? []))
        }
        if let symbol = TeXSymbols.delimiterCommands[name] {
            if symbol == "|" || symbol == "‖" {
                return Atom(node: .mo(symbol, [("stretchy", "false"), ("lspace", "0em"), ("rspace", "0em")]))
            }
            return Atom(node: .mo(symbol, [("stretchy", "false")]))
        }
        if let large = TeXSymbols.largeOperators[name] {
            return Atom(node: .mo(large.symbol), limits: large.limits ? .display : .side)
        }
        if name == "arg", let next = peekSkippingSpace(), next.isCommand("max") || next.isCommand("min") {
            // \arg\max and \arg\min read as one operator whose limits sit under the whole name.
            advance()
            return Atom(node: limitOperator("arg\u{2009}" + next.command!), limits: .display, isNamedOperator: true)
        }
        if let function = TeXSymbols.functions[name] {
            if function.limits {
                return Atom(node: limitOperator(function.name), limits: .display, isNamedOperator: true)
            }
            return Atom(node: .mi(function.name), trailer: [Self.functionApplication], isNamedOperator: true)
        }
        return nil
    }

    /// A named operator that takes limits (`lim`, `max`, `arg max`): an `<mo>` so that
    /// `movablelimits` moves its limits to the side where TeX would (in fractions, inline).
    func limitOperator(_ name: String) -> MathNode {
        .mo(name, [("lspace", "0em"), ("rspace", "0em"), ("movablelimits", "true")])
    }

    /// A symbol identifier in the current alphabet (`\mathbf{\Sigma}` is bold Σ).
    func identifierSymbol(_ symbol: String) -> MathNode {
        if let alphabet, alphabet != .roman, let scalar = symbol.unicodeScalars.first,
            symbol.unicodeScalars.count == 1, let styled = alphabet.map(scalar)
        {
            return .mi(String(styled))
        }
        return .mi(symbol, normal: TeXSymbols.uprightIdentifiers.contains(symbol))
    }

    /// `\mathbb{...}` and the other alphabets: the argument parsed with the alphabet in force.
    /// Under `\mathrm`, a run of letters becomes one upright identifier (`\mathrm{softmax}`).
    mutating func parseStyled(_ style: MathAlphabet, command: String, token: TeXToken) -> MathNode {
        let saved = alphabet
        alphabet = style
        defer { alphabet = saved }
        guard let node = parseArgument(after: "\\" + command, at: token.offset) else { return MathNode("mrow") }
        guard style == .roman || style == .italic else { return node }
        let children = node.name == "mrow" && node.attributes.isEmpty ? node.children : [node]
        var merged: [MathNode] = []
        for child in children {
            if child.name == "mi", let last = merged.last, last.name == "mi",
                child.attribute("mathvariant") == last.attribute("mathvariant") || (last.text?.count ?? 0) > 1
            {
                merged[merged.count - 1] = .mi((last.text ?? "") + (child.text ?? ""))
            } else {
                merged.append(child)
            }
        }
        return .row(merged)
    }

    /// `\operatorname{name}` (side scripts, followed by function application) and
    /// `\operatorname*{name}` / `\mathop{name}` (limits in display math).
    mutating func parseOperatorName(starred: Bool, command: String, token: TeXToken) -> Atom {
        guard let group = readRawGroup(textMode: true) else {
            warn("missing argument for \\\(command)", at: token.offset)
            return Atom(node: .error("\\" + command))
        }
        let name = group.text.trimmingSpaces
        if starred {
            return Atom(node: limitOperator(name), limits: .display, isNamedOperator: true)
        }
        return Atom(node: .mi(name, normal: name.unicodeScalars.count == 1), trailer: [Self.functionApplication],
                    isNamedOperator: true)
    }

    /// `\not=` → ≠; `\not` before another relation adds the combining long solidus U+0338.
    mutating func parseNegation(token: TeXToken) -> Atom? {
        guard peekSkippingSpace() != nil else {
            warn("\\not needs a relation after it", at: token.offset)
            return Atom(node: .error("\\not"))
        }
        guard let atom = parseAtom() else { return nil }
        let symbol = atom.node.text ?? ""
        if let negated = TeXSymbols.negations[symbol] { return Atom(node: .mo(negated)) }
        return Atom(node: .mo(symbol + "\u{0338}"))
    }

    // MARK: delimiters

    /// The delimiter after `\left`, `\right`, `\middle` or `\big`: its character, "" for the null
    /// delimiter `.`, or nil (with a warning) when there is none.
    mutating func parseDelimiter() -> String? {
        guard let token = peekSkippingSpace() else { return nil }
        if let scalar = token.character {
            switch scalar {
            case "(", ")", "[", "]", "|", "/":
                advance()
                return String(scalar)
            case "<":
                advance()
                return "⟨"
            case ">":
                advance()
                return "⟩"
            case ".":
                advance()
                return ""
            default:
                break
            }
        } else if let name = token.command, let symbol = TeXSymbols.delimiterCommands[name] {
            advance()
            return symbol
        }
        warn("missing or unknown delimiter", at: token.offset)
        return nil
    }

    /// `\left( ... \middle| ... \right)`: a row whose fences stretch to its content.
    mutating func parseLeftRight(token: TeXToken) -> MathNode {
        var children: [MathNode] = []
        if let open = parseDelimiter(), !open.isEmpty {
            children.append(.mo(open, [("fence", "true"), ("form", "prefix"), ("stretchy", "true")]))
        }
        while true {
            children += parseList(stops: [.right, .closeBrace, .cell])
            guard let next = peek, next.isCommand("right") || next.isCommand("middle") else {
                warn("\\left without a matching \\right", at: token.offset)
                break
            }
            advance()
            if next.isCommand("middle") {
                if let middle = parseDelimiter(), !middle.isEmpty {
                    children.append(.mo(middle, [("fence", "true"), ("form", "infix"), ("stretchy", "true")]))
                }
                continue
            }
            if let close = parseDelimiter(), !close.isEmpty {
                children.append(.mo(close, [("fence", "true"), ("form", "postfix"), ("stretchy", "true")]))
            }
            break
        }
        return MathNode("mrow", children: children)
    }

    /// `\big(`, `\Bigl[`...: a delimiter of fixed size (1.2, 1.8, 2.4 and 3 em, as KaTeX).
    mutating func parseSizedDelimiter(_ name: String, token: TeXToken) -> MathNode {
        guard let symbol = parseDelimiter() else { return MathNode("mrow") }
        guard !symbol.isEmpty else { return MathNode("mrow") }
        let size: String
        if name.hasPrefix("Bigg") { size = "3em" }
        else if name.hasPrefix("bigg") { size = "2.4em" }
        else if name.hasPrefix("Big") { size = "1.8em" }
        else { size = "1.2em" }
        var attributes: [(String, String)] = [("minsize", size), ("maxsize", size), ("stretchy", "true")]
        if name.hasSuffix("l") { attributes.insert(("form", "prefix"), at: 0) }
        if name.hasSuffix("r") { attributes.insert(("form", "postfix"), at: 0) }
        if name.hasSuffix("m") { attributes.insert(("form", "infix"), at: 0) }
        if !name.hasSuffix("l"), !name.hasSuffix("r"), !name.hasSuffix("m") {
            attributes += [("lspace", "0em"), ("rspace", "0em")]
        }
        // In a row of its own, the operator stretches to its minsize even when it is the base of
        // a script (`\bigg|_{w=0}`); Chromium does not stretch an embellished operator otherwise.
        return MathNode("mrow", children: [.mo(symbol, attributes)])
    }

    // MARK: text and raw groups

    /// `\text{...}`: the argument as text, with TeX's text escapes (`\{`, `\$`, `~`) resolved.
    /// Leading and trailing spaces become no-break spaces so that the browser keeps them.
    mutating func parseText(_ name: String, token: TeXToken) -> MathNode {
        guard let group = readRawGroup(textMode: true) else {
            warn("missing argument for \\\(name)", at: token.offset)
            return .error("\\" + name)
        }
        var text = group.text
        var leading = ""
        var trailing = ""
        while text.hasPrefix(" ") { text.removeFirst(); leading = "\u{A0}" }
        while text.hasSuffix(" ") { text.removeLast(); trailing = "\u{A0}" }
        var node = MathNode.mtext(leading + text + trailing)
        switch name {
        case "textbf": node.set("style", "font-weight:bold")
        case "textit", "emph": node.set("style", "font-style:italic")
        case "texttt": node.set("style", "font-family:monospace")
        case "textsf": node.set("style", "font-family:sans-serif")
        default: break
        }
        return node
    }

    /// Reads a `{...}` group (or a single token) as text. In text mode, white space is kept as
    /// one space and TeX's text escapes are resolved; otherwise spaces are dropped. Unknown
    /// commands inside are reported and kept as source.
    mutating func readRawGroup(textMode: Bool = false) -> (text: String, offset: Int)? {
        guard let open = peekSkippingSpace() else { return nil }
        guard open.isCharacter("{") else {
            if isArgumentTerminator(open) { return nil }
            advance()
            return (sourceText((position - 1)..<position), open.offset)
        }
        advance()
        var level = 1
        var text = ""
        while let token = peek {
            advance()
            switch token.kind {
            case .character("{"):
                level += 1
            case .character("}"):
                level -= 1
                if level == 0 { return (text, open.offset) }
            case .character("~"):
                text += textMode ? "\u{A0}" : "~"
            case .character(let scalar):
                text.unicodeScalars.append(scalar)
            case .space:
                if textMode { text += " " }
            case .command(let name):
                switch name {
                case " ", "{", "}", "$", "%", "&", "_", "#": text += textMode && name == " " ? " " : name
                case ",", ":", ";", ">": text += textMode ? "\u{2009}" : ""
                case "textbackslash": text += "\\"
                case "quad": text += "\u{2003}"
                case "qquad": text += "\u{2003}\u{2003}"
                default:
                    if textMode {
                        warn("unknown TeX command \\\(name) in text", at: token.offset)
                    }
                    text += "\\" + name
                }
            }
        }
        warn("missing '}' for the '{' here", at: open.offset)
        return (text, open.offset)
    }

    /// Skips an optional `[...]` argument (the spacing after `\\[2pt]`, the label of `\xrightarrow[a]`).
    mutating func skipOptionalArgument() {
        guard let open = peekSkippingSpace(), open.isCharacter("[") else { return }
        while let token = peek {
            advance()
            if token.isCharacter("]") { return }
        }
    }

    /// `\hspace{1em}`, `\mspace{3mu}`, `\kern2pt`: a space of the given width; `mu` is converted
    /// to em (18 mu = 1 em). Negative widths pull the neighbours closer with a negative margin.
    mutating func parseExplicitSpace(_ name: String, token: TeXToken) -> MathNode {
        if let star = peek, star.isCharacter("*") { advance() }
        var text = ""
        if let open = peekSkippingSpace(), open.isCharacter("{"), let group = readRawGroup() {
            text = group.text
        } else {
            // \kern and \mskip take an unbraced dimension: sign, digits and a two-letter unit.
            while let next = peek, let scalar = next.character,
                scalar == "-" || scalar == "." || ("0"..."9").contains(scalar) || TeXTokenizer.isLetter(scalar),
                text.filter(\.isLetter).count < 2
            {
                text.unicodeScalars.append(scalar)
                advance()
            }
        }
        guard let width = Self.cssLength(text) else {
            warn("cannot read the length '\(text)' of \\\(name)", at: token.offset)
            return MathNode("mrow")
        }
        if width.hasPrefix("-") { return MathNode("mspace", [("style", "margin-left:" + width)]) }
        return .mspace(width)
    }

    /// A TeX length as CSS: em, ex, pt, px, cm, mm, in pass through; mu becomes em / 18.
    static func cssLength(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        let unitStart = trimmed.firstIndex { $0.isLetter } ?? trimmed.endIndex
        guard let value = Double(trimmed[..<unitStart]) else { return nil }
        let unit = String(trimmed[unitStart...])
        switch unit {
        case "em", "ex", "pt", "px", "cm", "mm", "in":
            return Self.formatLength(value) + unit
        case "mu":
            return Self.formatLength(value / 18) + "em"
        default:
            return nil
        }
    }

    static func formatLength(_ value: Double) -> String {
        let rounded = (value * 10000).rounded() / 10000
        if let whole = WholeNumber.exact(rounded) { return String(whole) }
        return String(rounded)
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
