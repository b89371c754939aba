import Foundation

/// The fuzzer's seed notebooks (each passes `folio check` and renders in well under a second)
/// and its mutations. Mutations aim at the classes of failure seen before: numbers that become
/// counts or sizes (1e19, inf, −1, 0, 4.9e-324 ...), YAML anchors and aliases, deep nesting of
/// Markdown, long expression chains, hostile TeX, and plain line edits.
enum FuzzCorpus {
    static let seeds: [String] = [
        """
        ---
        title: Tour
        params:
          count: 12
          rate: 0.5
        ---
        A geometric series with $r = 0.5$ and $\\sum_{k=0}^{n} r^k$, see @tbl-decay.

        ```{data}
        id: decay
        range: {name: n, from: 0, to: =params.count - 1}
        columns:
          value: =params.rate ^ n
          cumulative: =(1 - params.rate ^ (n + 1)) / (1 - params.rate)
        show: true
        ```

        It has `=decay.n.count | int` rows and reaches `=decay.cumulative.last | fixed(4)`.

        ```{table}
        label: tbl-decay
        from: decay
        columns: [n, value]
        format: {value: sci(2)}
        caption: Powers.
        max_rows: 6
        ```

        ```{claim}
        that: decay.cumulative.last < 1 / (1 - params.rate)
        says: Partial sums stay below the limit.
        ```
        """,
        """
        ---
        title: Figures
        ---
        > A quote with *emphasis* and a list:
        > - one
        > - two

        ```{data}
        id: d
        range: {name: t, from: 0, to: 10, step: 0.5}
        columns:
          y: =t ^ 2
          z: =t * 3 - 1
        ```

        ```{plot}
        title: Curves
        x_label: t
        series:
          - {x: =d.t, y: =d.y, label: square, colour: 1}
          - {x: =d.t, y: =d.z, label: line, dashed: true}
        ```

        ```{histogram}
        title: Values
        bins: 8
        series:
          - {values: =d.z, label: z}
        ```

        ```{heatmap}
        title: Grid
        values: =[d.y, d.z]
        colour_max: 100
        ```

        $$\\hspace{1em} x^2 \\\\ y$$
        """,
        // The cache tests' trained notebook (a {train} cell and a claim on it), plus an {llc} cell.
        CacheCommandLineTests.trained + """


        ```{llc}
        id: lam
        objective: {kind: quadratic, dimension: 4, samples: 50}
        chains: 2
        draws: 10
        epsilon: 0.0001
        ```

        ```{claim}
        that: lam.llc > 0
        says: λ̂ is positive
        ```
        """,
    ]

    static let extremes = ["1e19", "-1e19", "1e308", "-1e308", "inf", ".inf", "-.inf", ".nan", "-1", "0", "4.9e-324",
                           "1e-300", "1e12", "1e9", "1000003", "2.5", "-0", "99999999999999999999"]

    /// A mutated seed notebook and extra `folio render` arguments.
    static func mutated(_ g: inout FuzzTests.Generator) -> (String, [String]) {
        var text = g.pick(seeds)
        var arguments: [String] = []
        for _ in 0..<g.int(1...3) {
            switch g.int(0...9) {
            case 0, 1, 2: text = replaceNumber(text, with: g.pick(extremes), &g)
            case 3: text = insertLine(text, yamlTrap(&g), &g)
            case 4: text += "\n" + deepMarkdown(&g) + "\n"
            case 5: text = longExpression(text, &g)
            case 6: text += "\n" + hostileTeX(&g) + "\n"
            case 7: text = editLine(text, &g)
            case 8: if text.contains("count:") { arguments += ["-P", "count=\(g.pick(extremes))"] } else { text = editLine(text, &g) }
            default: text = insertLine(text, "  " + g.pick(["heads: 0", "colour: -1", "bins: .inf", "step: 1e-300", "draws: 1e12", "chains: 1e9"]), &g)
            }
        }
        return (text, arguments)
    }

    static func replaceNumber(_ text: String, with value: String, _ g: inout FuzzTests.Generator) -> String {
        // A number after ': ', '[' or ', ' (an option value), followed by ',', ']', '}' or the line's end.
        let matches = text.matches(of: /([:\[,] ?)([0-9]+(\.[0-9]+)?)(?=[,\]\n }])/)
        guard !matches.isEmpty else { return text }
        let m = matches[g.int(0...(matches.count - 1))]
        return text.replacingCharacters(in: m.output.2.startIndex..<m.output.2.endIndex, with: value)
    }

    static func lines(_ text: String) -> [String] { text.components(separatedBy: "\n") }

    static func insertLine(_ text: String, _ line: String, _ g: inout FuzzTests.Generator) -> String {
        var all = lines(text)
        all.insert(line, at: g.int(0...all.count))
        return all.joined(separator: "\n")
    }

    static func editLine(_ text: String, _ g: inout FuzzTests.Generator) -> String {
        var all = lines(text)
        let i = g.int(0...(all.count - 1))
        switch g.int(0...3) {
        case 0: all.remove(at: i)
        case 1: all.insert(all[i], at: i)
        case 2: all[i] = String(all[i].shuffled(using: &g))
        default:
            var line = all[i]
            line.insert(g.pick(Array("{}[]:\"'&*|>-=#`$\\!%@,")), at: line.index(line.startIndex, offsetBy: g.int(0...line.count)))
            all[i] = line
        }
        return all.joined(separator: "\n")
    }

    static func yamlTrap(_ g: inout FuzzTests.Generator) -> String {
        switch g.int(0...2) {
        case 0:
            // Billion laughs, nine levels.
            var out = "a0: &a0 [x, x, x, x, x, x, x, x, x]"
            for k in 1...9 { out += "\na\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]" }
            return out
        case 1: return "extra: &anchor 3"
        default: return "steps: *missing"
        }
    }

    static func deepMarkdown(_ g: inout FuzzTests.Generator) -> String {
        let depth = g.int(1_000...30_000)
        switch g.int(0...3) {
        case 0: return String(repeating: ">", count: depth) + " deep"
        case 1: return String(repeating: "*", count: depth) + "x" + String(repeating: "*", count: depth)
        case 2: return String(repeating: "- ", count: depth) + "item"
        default: return String(repeating: "[", count: depth) + "x" + String(repeating: "](u)", count: depth)
        }
    }

    static func longExpression(_ text: String, _ g: inout FuzzTests.Generator) -> String {
        let n = g.int(1_000...30_000)
        let chain = switch g.int(0...3) {
        case 0: "`=1" + String(repeating: " + 1", count: n) + "`"
        case 1: "`=decay.n" + String(repeating: "[0]", count: n) + "`"
        case 2: "`=" + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) + "`"
        default: "`=" + String(repeating: "-", count: n) + "1`"
        }
        return text + "\n\nA value: " + chain + "\n"
    }

    static func hostileTeX(_ g: inout FuzzTests.Generator) -> String {
        switch g.int(0...4) {
        case 0: return "$\\hspace{99999999999999999999em}$"
        case 1: return "$" + String(repeating: "\\\\", count: 10_000) + "$"
        case 2: return "$" + String(repeating: "\\frac{", count: g.int(100...20_000)) + "$"
        case 3: return "$" + String(repeating: "{", count: g.int(100...20_000)) + "x$"
        default: return "$x^{" + String(repeating: "^", count: 5_000) + "}$"
        }
    }
}

