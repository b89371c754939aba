import Markup
import Notebooks
import Runner

/// The "About this run" block at the end of a report: what produced these numbers, so a reader
/// can reproduce them — Folio's version, the engine and presentation versions in every cell key,
/// the notebook's parameters (after `-P` overrides), the seeds its claims were checked at, the
/// seeds its cells used, and the date.
/// The date comes from the renderer (`SOURCE_DATE_EPOCH` when set), so that reports rendered
/// from the same sources are byte-identical.
enum RunBlock {
    static func html(_ run: NotebookRun, version: String, date: String?) -> String {
        var rows: [(String, String)] = [
            ("Folio", Markup.escape(version)),
            ("Engine", "<code>\(Markup.escape(CellKeys.engineVersion))</code>, <code>\(Markup.escape(CellKeys.presentationVersion))</code>"),
        ]
        let params = run.checked.params.fields.map { "<code>\(Markup.escape($0.key)) = \(Markup.escape(formatValue($0.value)))</code>" }
        rows.append(("Parameters", params.isEmpty ? "none" : params.joined(separator: ", ")))
        if run.checked.seeds.count > 1 {
            rows.append(("Claims checked at", "seeds " + run.checked.seeds.map { "<code>\($0)</code>" }.joined(separator: ", ")
                + " <span class=\"run-note\">(figures and prose from the first)</span>"))
        }
        var seeds: [String] = []
        let keys = CellKeys(run.checked)
        for id in keys.order {
            for seed in keys[id]?.seeds ?? [] where !seeds.contains(seed.value) { seeds.append(seed.value) }
        }
        if !seeds.isEmpty {
            rows.append(("Seeds", seeds.map { "<code>\(Markup.escape($0))</code>" }.joined(separator: ", ")
                + " <span class=\"run-note\">(every <code>seed</code> option of the cells, in order of first use)</span>"))
        }
        if let date { rows.append(("Rendered", Markup.escape(date))) }
        let items = rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined()
        return "<section class=\"run-block\" aria-labelledby=\"run-block-title\"><h2 id=\"run-block-title\">About this run</h2><dl>\(items)</dl></section>\n"
    }
}
