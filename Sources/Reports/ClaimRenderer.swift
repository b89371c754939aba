import Markup
import Foundation
import Notebooks
import Runner

/// A claim's callout: its status across the notebook's seeds ("holds at 5/5 seeds"), the
/// condition and the values that decided it at the first seed, and a table with one row per
/// seed giving both sides of each top-level comparison and the margin by which it holds.
enum ClaimRenderer {
    static func render(_ claim: ClaimContent, says: String) -> String {
        let status = claim.holds ? "holds" : "fails"
        let values = claim.values.map { "<li><code>\(Markup.escape($0.source))</code> = <strong>\(Markup.escape($0.value))</strong></li>" }.joined()
        return """
        <div class="callout claim \(status)"><p class="callout-title"><span class="badge">Claim \(status)\(Markup.escape(seedBadge(claim)))</span> \(says)</p>\
        <p class="claim-that"><code>\(Markup.escape(claim.that))</code></p><ul class="claim-values">\(values)</ul>\(seedTable(claim))</div>
        """
    }

    /// " at 5/5 seeds", " at 4/5 seeds (needs 4 of 5: at least 80%)"; "" for a notebook without seeds.
    static func seedBadge(_ claim: ClaimContent) -> String {
        guard !claim.seeds.isEmpty else { return "" }
        let count = claim.seeds.count
        var text = " at \(claim.seedsHeld)/\(count) seed\(count == 1 ? "" : "s")"
        if let fraction = claim.atLeast {
            text += " (needs \(SeedRuns.required(atLeast: fraction, of: count)) of \(count): at least \(String(format: "%g", fraction * 100))%)"
        }
        return text
    }

    /// One row per seed: both sides of every comparison with its relative margin, and ✓ or ✗.
    static func seedTable(_ claim: ClaimContent) -> String {
        let comparisons = claim.seeds.first?.comparisons ?? claim.comparisons
        guard !claim.seeds.isEmpty, !comparisons.isEmpty || claim.seeds.count > 1 else { return "" }
        let headers = comparisons.map { "<th scope=\"col\"><code>\(Markup.escape("\($0.left) \($0.op) \($0.right)"))</code></th>" }.joined()
        let rows = claim.seeds.map { outcome -> String in
            let mark = outcome.holds ? "✓" : "✗"
            let cells: String
            if let problem = outcome.problem {
                cells = "<td colspan=\"\(max(1, comparisons.count))\">\(Markup.escape(problem))</td>"
            } else {
                cells = outcome.comparisons.map { c in
                    let (left, right) = c.formattedSides
                    let margin = c.relativeMargin.map { " <span class=\"margin\">(\(signedPercent($0)))</span>" } ?? ""
                    return "<td class=\"\(c.holds ? "holds" : "fails")\">\(Markup.escape(left)) \(Markup.escape(c.op)) \(Markup.escape(right))\(margin)</td>"
                }.joined()
            }
            return "<tr class=\"\(outcome.holds ? "holds" : "fails")\"><th scope=\"row\">\(outcome.seed)</th>\(cells)<td class=\"mark\">\(mark)</td></tr>"
        }.joined(separator: "\n")
        // In a scrolling box: a claim with several comparisons is wider than a phone.
        let table = """
        <div class="table-wrap"><table class="claim-seeds"><caption>At each seed (margin: how far from the threshold, relative to it)</caption>\
        <thead><tr><th scope="col">seed</th>\(headers)<th scope="col">holds</th></tr></thead>
        <tbody>
        \(rows)
        </tbody></table></div>
        """
        // Long tables (many seeds) are folded; a failing seed keeps them open.
        guard claim.seeds.count > foldAbove else { return table }
        let open = claim.seeds.allSatisfy(\.holds) ? "" : " open"
        return "<details class=\"claim-seeds-fold\"\(open)><summary>At each of the \(claim.seeds.count) seeds</summary>\(table)</details>"
    }

    /// Tables of more seeds than this are folded under a summary line.
    static let foldAbove = 10

    /// "+12%", "-3.4%", "+0.051%": two significant digits.
    static func signedPercent(_ x: Double) -> String {
        let p = x * 100
        let digits = abs(p) >= 10 ? 0 : abs(p) >= 1 ? 1 : abs(p) >= 0.1 ? 2 : 3
        return (p >= 0 ? "+" : "−") + String(format: "%.\(digits)f", abs(p)) + "%"
    }
}

/// Seed lists in words: consecutive runs as ranges ("0–4", "0–4, 9", "101, 102, 105").
enum SeedText {
    static func list(_ seeds: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < seeds.count {
            var j = i
            while j + 1 < seeds.count, seeds[j + 1] == seeds[j] + 1 { j += 1 }
            parts += j - i >= 2 ? ["\(seeds[i])–\(seeds[j])"] : seeds[i...j].map(String.init)
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
