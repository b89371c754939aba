import Markup

/// Colours a cell's YAML source for the folded source view, at render time and without script:
/// mapping keys (`steps:`, and `x:` inside `{x: ...}`) as `<span class="k">`, `=expressions` as
/// `<span class="x">`, comments as `<span class="c">`. Everything is escaped here; the text of
/// the source is unchanged (only spans are added), so copying it gives the cell back.
enum SourceHighlighter {
    static func html(_ source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false).map { line(Array($0)) }.joined(separator: "\n")
    }

    private static func line(_ chars: [Character]) -> String {
        var out = ""
        var i = 0
        var expectKey = true  // at the start of the line, after `- `, `{` or `,`
        var depth = 0         // inside [ ] or { }
        func span(_ cls: String, _ text: [Character]) { out += "<span class=\"\(cls)\">\(Markup.escape(String(text)))</span>" }
        while i < chars.count {
            let c = chars[i]
            if c == "#" && (i == 0 || chars[i - 1] == " ") {
                span("c", Array(chars[i...]))
                break
            }
            if c == " " || c == "-" && expectKey && i + 1 < chars.count && chars[i + 1] == " " {
                out += String(c)
                i += 1
                continue
            }
            if expectKey, c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || "_. ".contains(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == ":", j + 1 == chars.count || chars[j + 1] == " " {
                    span("k", Array(chars[i..<j]))
                    out += ":"
                    i = j + 1
                    expectKey = false
                    continue
                }
                expectKey = false
            }
            let quote: Character? = (c == "'" || c == "\"") && i + 1 < chars.count && chars[i + 1] == "=" ? c : nil
            if c == "=" || quote != nil {
                // An expression runs to the closing quote, or (unquoted) to a ',' or closing
                // bracket at its own nesting level, or to the end of the line.
                var j = i + (quote == nil ? 1 : 2)
                var level = 0
                while j < chars.count {
                    let d = chars[j]
                    if let quote, d == quote { j += 1; break }
                    if quote == nil {
                        if d == "[" || d == "(" || d == "{" { level += 1 }
                        if d == "]" || d == ")" || d == "}" { if level == 0 && depth > 0 { break }; level -= 1 }
                        if d == "," && level == 0 && depth > 0 { break }
                    }
                    j += 1
                }
                span("x", Array(chars[i..<j]))
                i = j
                continue
            }
            if c == "{" || c == "[" { depth += 1; expectKey = c == "{" }
            if c == "}" || c == "]" { depth = max(0, depth - 1) }
            if c == "," && depth > 0 { expectKey = true }
            out += Markup.escape(String(c))
            i += 1
        }
        return out
    }
}
