/// `\begin{...} ... \end{...}`: matrices, cases, alignments and arrays as `<mtable>`.
///
/// MathML Core has no `columnalign` or `columnspacing`; alignment and spacing are set with CSS on
/// each `<mtd>`, which Chromium honours (an `<mtd>` is a table cell).
extension TeXParser {
    /// Column alignment of a table cell.
    enum ColumnAlignment {
        case left, center, right
    }

    /// The layout of an environment: the fences around it, how its columns align, and whether
    /// its cells are set in display style (aligned equations) or text style (matrices).
    struct EnvironmentLayout {
        var open: String?
        var close: String?
        var alignment: (Int) -> ColumnAlignment = { _ in .center }
        var displayStyle = false
        /// Aligned equations: right/left column pairs with no gap inside a pair.
        var alignedPairs = false
        /// Cells without padding (`\substack`, whose lines sit close under a sum).
        var tight = false
    }

    static func layout(of name: String) -> EnvironmentLayout? {
        switch name {
        case "matrix", "smallmatrix": return EnvironmentLayout()
        case "pmatrix": return EnvironmentLayout(open: "(", close: ")")
        case "bmatrix": return EnvironmentLayout(open: "[", close: "]")
        case "Bmatrix": return EnvironmentLayout(open: "{", close: "}")
        case "vmatrix": return EnvironmentLayout(open: "|", close: "|")
        case "Vmatrix": return EnvironmentLayout(open: "‖", close: "‖")
        case "cases": return EnvironmentLayout(open: "{", alignment: { _ in .left })
        case "dcases": return EnvironmentLayout(open: "{", alignment: { _ in .left }, displayStyle: true)
        case "rcases": return EnvironmentLayout(close: "}", alignment: { _ in .left })
        case "aligned", "align", "align*", "split", "alignat", "alignat*", "alignedat", "eqnarray", "eqnarray*",
            "flalign", "flalign*":
            return EnvironmentLayout(alignment: { $0 % 2 == 0 ? .right : .left }, displayStyle: true, alignedPairs: true)
        case "gathered", "gather", "gather*", "equation", "equation*", "multline", "multline*", "displaymath":
            return EnvironmentLayout(displayStyle: true)
        case "array", "subarray": return EnvironmentLayout()
        default: return nil
        }
    }

    mutating func parseEnvironment(token: TeXToken) -> MathNode {
        let name = (readRawGroup()?.text ?? "").trimmingSpaces
        guard var layout = Self.layout(of: name) else {
            warn("unknown environment \(name)", at: token.offset)
            let start = position
            // Show the whole environment as source, up to its \end.
            var level = 1
            while let next = peek {
                if next.isCommand("begin") { level += 1 }
                if next.isCommand("end") {
                    level -= 1
                    if level == 0 {
                        advance()
                        _ = readRawGroup()
                        break
                    }
                }
                advance()
            }
            return .error("\\begin{\(name)}" + sourceText(start..<position))
        }
        if name == "array" || name == "subarray" {
            let spec = (readRawGroup()?.text ?? "").filter { "lcr".contains($0) }.map { $0 }
            layout.alignment = { column in
                guard column < spec.count else { return .center }
                return spec[column] == "l" ? .left : spec[column] == "r" ? .right : .center
            }
        }
        if name == "alignat" || name == "alignat*" || name == "alignedat" {
            _ = readRawGroup()
        }
        let saved = displayStyle
        displayStyle = layout.displayStyle
        let rows = parseRows(environment: name, token: token)
        displayStyle = saved
        if name.hasPrefix("equation") || name == "displaymath", rows.count == 1, rows[0].count == 1 {
            return .row(rows[0][0])
        }
        return table(rows, layout: layout)
    }

    /// Cells separated by `&`, rows by `\\`, up to the matching `\end{name}`. A last row left
    /// empty by a trailing `\\` is dropped.
    mutating func parseRows(environment name: String, token: TeXToken) -> [[[MathNode]]] {
        var rows: [[[MathNode]]] = []
        var cells: [[MathNode]] = []
        depth += 1
        defer { depth -= 1 }
        while true {
            let cell = parseList(stops: [.cell, .closeBrace])
            guard let next = peek else {
                warn("missing \\end{\(name)}", at: token.offset)
                cells.append(cell)
                rows.append(cells)
                break
            }
            if next.isCharacter("&") {
                advance()
                cells.append(cell)
                continue
            }
            if next.isCommand("\\") || next.isCommand("cr") {
                advance()
                skipOptionalArgument()
                cells.append(cell)
                rows.append(cells)
                cells = []
                continue
            }
            if next.isCharacter("}") {
                warn("missing \\end{\(name)} before '}'", at: next.offset)
                cells.append(cell)
                rows.append(cells)
                break
            }
            // \end
            advance()
            let endName = (readRawGroup()?.text ?? "").trimmingSpaces
            if endName != name {
                warn("\\end{\(endName)} does not match \\begin{\(name)}", at: next.offset)
            }
            cells.append(cell)
            rows.append(cells)
            break
        }
        if rows.count > 1, let last = rows.last, last.count == 1, last[0].isEmpty {
            rows.removeLast()
        }
        return rows
    }

    func table(_ rows: [[[MathNode]]], layout: EnvironmentLayout) -> MathNode {
        let tableRows = rows.map { cells in
            MathNode("mtr", children: cells.enumerated().map { column, cell in
                var styles: [String] = layout.tight ? ["padding:0"] : []
                switch layout.alignment(column) {
                case .left: styles.append("text-align:left")
                case .right: styles.append("text-align:right")
                case .center: break
                }
                if layout.alignedPairs {
                    // No gap between the halves of a pair; 1em between pairs.
                    if column % 2 == 0 {
                        styles.append("padding-right:0")
                        if column > 0 { styles.append("padding-left:1em") }
                    } else {
                        styles.append("padding-left:0")
                    }
                }
                let content = MathNode.row(cell.isEmpty ? [] : cell)
                let children = content.name == "mrow" && content.attributes.isEmpty ? content.children : [content]
                return MathNode("mtd", styles.isEmpty ? [] : [("style", styles.joined(separator: ";"))], children: children)
            })
        }
        var attributes: [(String, String)] = []
        if layout.displayStyle { attributes.append(("displaystyle", "true")) }
        let mtable = MathNode("mtable", attributes, children: tableRows)
        guard layout.open != nil || layout.close != nil else { return mtable }
        var children: [MathNode] = []
        if let open = layout.open { children.append(.mo(open)) }
        children.append(mtable)
        if let close = layout.close { children.append(.mo(close)) }
        return MathNode("mrow", children: children)
    }

    /// `\substack{a \\ b}`: lines stacked under a sum, as a one-column table.
    mutating func parseSubstack(token: TeXToken) -> MathNode {
        guard let open = peekSkippingSpace(), open.isCharacter("{") else {
            warn("missing argument for \\substack", at: token.offset)
            return MathNode("mrow")
        }
        advance()
        var rows: [[[MathNode]]] = []
        while true {
            let line = parseList(stops: [.cell, .closeBrace])
            rows.append([line])
            guard let next = peek else {
                warn("missing '}' for the '{' here", at: open.offset)
                break
            }
            advance()
            if next.isCharacter("}") { break }
            if next.isCommand("\\") { skipOptionalArgument(); continue }
            warn("unexpected \(next.isCharacter("&") ? "'&'" : "\\end") in \\substack", at: next.offset)
            if next.isCommand("end") { _ = readRawGroup() }
        }
        return table(rows, layout: EnvironmentLayout(tight: true))
    }
}
