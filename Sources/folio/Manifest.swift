import Foundation
import Notebooks
import Runner

/// The provenance written next to each report as `NAME.json`: parameters, per-cell status and
/// claims. It holds nothing that varies between identical runs (no times), so it is
/// byte-identical when nothing changed; the index page is built from these files.
struct Manifest: Codable {
    struct CellEntry: Codable {
        var id: String
        var kind: String
        var status: String
    }
    struct ClaimEntry: Codable {
        var says: String
        var that: String
        var holds: Bool
    }

    var notebook: String
    var report: String
    var title: String
    var description: String
    var params: [String: String]
    var cells: [CellEntry]
    var claims: [ClaimEntry]
    var folio: String

    init(run: NotebookRun) {
        let nb = run.checked.notebook
        notebook = (nb.file as NSString).lastPathComponent
        report = nb.name + ".html"
        title = nb.frontMatter.title
        description = nb.frontMatter.description
        params = Dictionary(uniqueKeysWithValues: run.checked.params.fields.map { ($0.key, formatValue($0.value)) })
        cells = run.cells.map { cell in
            let status = switch cell.status {
            case .succeeded: "ok"
            case .failed: "failed"
            case .skipped: "skipped"
            }
            return CellEntry(id: cell.cell.id, kind: cell.cell.cell.kind, status: status)
        }
        claims = run.claims.map { ClaimEntry(says: $0.says, that: $0.that, holds: $0.holds) }
        // Claims that could not run count as not holding.
        for cell in run.cells where cell.cell.cell.kind == "claim" && !cell.status.succeeded {
            claims.append(ClaimEntry(says: "(not checked: a cell it reads did not run)", that: cell.cell.id, holds: false))
        }
        folio = Folio.version
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
