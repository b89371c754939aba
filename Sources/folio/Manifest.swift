import Foundation
import Notebooks
import Runner
import Tensors

/// The provenance written next to each report as `NAME.json`: the notebook's SHA-256, parameters,
/// seeds, per-cell status and cache key, claims with their values at every seed. The index page is built from these files.
///
/// By default it holds nothing that varies between runs of unchanged inputs: no wall times and
/// no cache status (whether a cell was computed or reused). A render that reuses every cell, a
/// render assembled from `--shard` jobs and a serial `--no-cache` render then write the same
/// bytes, so `folio render --check` and `git diff` flag only real changes, and committing the
/// reports after a re-render never creates noise. The cache key of each cell is deterministic
/// and names exactly what the cell computed from, so it is always included. `--timings` adds
/// `seconds` and `cache` to every cell, for a one-off look, at the price of that stability.
struct Manifest: Codable {
    struct CellEntry: Codable {
        var id: String
        var kind: String
        var status: String
        /// The cell's cache key (`CellKeys`): SHA-256 of its kind, options, inputs' keys, engine.
        var key: String?
        /// With `--timings` only: seconds spent running the cell (0 when reused).
        var seconds: Double?
        /// With `--timings` only: "reused", "computed (reason)", ...
        var cache: String?
    }
    struct ClaimEntry: Codable {
        var says: String
        var that: String
        /// Across the notebook's seeds: at every one, or at `at_least` of them.
        var holds: Bool
        var atLeast: Double?
        /// The claim at each seed, in the notebook's seed order.
        var seeds: [SeedEntry]?
    }
    struct SeedEntry: Codable {
        var seed: Int
        var holds: Bool
        /// The top-level comparisons of `that`, both sides evaluated at this seed.
        var comparisons: [ComparisonEntry]
        var problem: String?
    }
    struct ComparisonEntry: Codable {
        var left: String
        var op: String
        var right: String
        var leftValue: ManifestValue
        var rightValue: ManifestValue
    }
    /// A number as a JSON number, anything else as its text.
    enum ManifestValue: Codable {
        case number(Double)
        case text(String)

        init(_ value: Value) {
            if case .number(let x) = value, x.isFinite { self = .number(x) } else { self = .text(formatValue(value)) }
        }
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .text(try c.decode(String.self)) }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .number(let x): try c.encode(x)
            case .text(let s): try c.encode(s)
            }
        }
    }

    var notebook: String
    var report: String
    var title: String
    var description: String
    var params: [String: String]
    /// SHA-256 of each input ("notebook": the notebook's source; "templates": `TemplateSet.digest`).
    var inputs: [String: String]?
    /// The seeds the claims were checked at (params.seed in turn); the report shows the first.
    var seeds: [Int]?
    /// Values of `seed` options at the first seed, by "cell.path" (e.g. "grok.task.seed").
    var seedOptions: [String: String]?
    var cells: [CellEntry]
    var claims: [ClaimEntry]
    var folio: String
    /// `CellKeys.engineVersion` of the render.
    var engine: String?
    /// The BLAS kernel the cells were computed with (`BLASKernel.identity`), so a report that
    /// differs only because another kernel computed it says so.
    var blas: String?

    init(run: NotebookRun, cache: CacheReport? = nil, templates: String? = nil, timings: Bool = false) {
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
            var entry = CellEntry(id: cell.cell.id, kind: cell.cell.cell.kind, status: status, key: cache?.keys[cell.cell.id]?.key)
            if timings {
                entry.seconds = (cell.wallTime * 1000).rounded() / 1000
                entry.cache = cache?.status[cell.cell.id]?.phrase ?? "not run"
            }
            return entry
        }
        inputs = ["notebook": CellKeys.sha256(nb.source)]
        if let templates { inputs?["templates"] = templates }
        if let keys = cache?.keys {
            var seeds: [String: String] = [:]
            for id in keys.order { for seed in keys[id]?.seeds ?? [] { seeds[id + "." + seed.path] = seed.value } }
            seedOptions = seeds
        }
        seeds = run.checked.seeds.isEmpty ? nil : run.checked.seeds
        claims = run.claims.map { claim in
            ClaimEntry(says: claim.says, that: claim.that, holds: claim.holds, atLeast: claim.atLeast,
                       seeds: claim.seeds.isEmpty ? nil : claim.seeds.map { outcome in
                           SeedEntry(seed: outcome.seed, holds: outcome.holds, comparisons: outcome.comparisons.map {
                               ComparisonEntry(left: $0.left, op: $0.op, right: $0.right,
                                               leftValue: ManifestValue($0.leftValue), rightValue: ManifestValue($0.rightValue))
                           }, problem: outcome.problem)
                       })
        }
        // Claims that could not run count as not holding.
        for cell in run.cells where cell.cell.directive.traits.contains(.claim) && !cell.status.succeeded {
            claims.append(ClaimEntry(says: "(not checked: a cell it reads did not run)", that: cell.cell.id, holds: false))
        }
        folio = Folio.version
        engine = CellKeys.engineVersion
        blas = BLASKernel.identity
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
