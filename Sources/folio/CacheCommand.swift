import ArgumentParser
import Foundation
import Runner

/// `folio cache clean`: empties the cell cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Manage the cell cache (.folio-cache/ by default; format in docs/cache.md).",
        subcommands: [Clean.self])

    struct Clean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete every stored cell result, so the next render computes everything.")

        @Option(help: "Folder of the cell cache.")
        var cacheDir: String = ".folio-cache"

        func run() throws {
            do {
                let removed = try CellCache(directory: cacheDir).clean()
                print("removed \(removed) cached cell result\(removed == 1 ? "" : "s") from \(cacheDir)")
            } catch {
                throw FolioFailure.failed("error: cannot clean \(cacheDir): \(error.localizedDescription)")
            }
        }
    }
}

extension CacheReport {
    /// One line for `folio render`: counts, then each computed cell with its reason.
    var summaryLine: String {
        let reusedCount = reused.count
        let computedCells = computed
        var line = "cache: \(reusedCount) reused, \(computedCells.count) computed"
        // Cells recomputed for the same reason are listed together, in document order.
        var groups: [(reason: String, ids: [String])] = []
        for id in computedCells {
            let reason: String
            switch status[id] {
            case .computed(let r)?: reason = r.phrase
            case .notCacheable(let why)?: reason = "not cacheable: \(why)"
            default: continue
            }
            if let k = groups.firstIndex(where: { $0.reason == reason }) { groups[k].ids.append(id) } else { groups.append((reason, [id])) }
        }
        let reasons = groups.map { "\($0.ids.joined(separator: ", ")) (\($0.reason))" }
        if !reasons.isEmpty { line += ": " + reasons.joined(separator: "; ") }
        return line
    }
}
