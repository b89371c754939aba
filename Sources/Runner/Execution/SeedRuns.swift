import Foundation
import Notebooks

/// Seeds as an axis of a notebook: the notebook runs once per seed in `CheckedNotebook.seeds`
/// (the first seed in full; the others only the claims and the cells they read), and `combine`
/// folds the claims' outcomes at every seed into the first seed's run, which the report shows.
///
/// A claim holds when it holds at every seed, or, with `at_least: f`, at ⌈f·n⌉ of the n seeds.
/// A claim that could not be evaluated at a seed (a cell it reads failed there) fails there.
public enum SeedRuns {
    /// The cells to run at the i-th of the notebook's seeds (nil: every cell, for the first).
    /// At the other seeds: the claims and, walking back from them, the inputs of each wanted cell
    /// whose result is not in `cache` (a cached result needs nothing it read, so a warm render
    /// reads only the claims' small entries, not the trained models behind them). `notebook` is
    /// the copy at that seed (its keys include the seed). Without a cache: the claims and all
    /// their inputs.
    public static func cells(of notebook: CheckedNotebook, seedIndex i: Int, threads: Int = 2, cache: CellCache? = nil) -> Set<String>? {
        guard i > 0 else { return nil }
        guard let cache else { return notebook.claimCellsAndInputs }
        let keys = CellKeys(notebook, threads: threads)
        var wanted = Set(notebook.cells.filter { $0.directive.traits.contains(.claim) }.map(\.id))
        for cell in notebook.cells.reversed() where wanted.contains(cell.id) {
            if let key = keys[cell.id], case .hit = cache.lookup(key, notebook: notebook.ledgerName, cell: cell.id) { continue }
            wanted.formUnion(cell.dependencies)
        }
        return wanted
    }

    /// How many of `n` seeds a claim with `at_least: fraction` must hold at: ⌈fraction·n⌉ (all
    /// of them without a fraction), at least 1.
    public static func required(atLeast fraction: Double?, of n: Int) -> Int {
        guard let fraction else { return n }
        return max(1, Int((fraction * Double(n) - 1e-9).rounded(.up)))
    }

    /// The first run, its claims carrying their outcome at every seed and `holds` across seeds.
    /// `runs` are in seed order, the first being the notebook's first seed.
    public static func combine(_ runs: [(seed: Int, run: NotebookRun)]) -> NotebookRun {
        guard var combined = runs.first?.run else { preconditionFailure("no runs to combine") }
        let outputs = runs.map { seedRun in
            Dictionary(seedRun.run.cells.map { ($0.cell.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        }
        for i in combined.cells.indices {
            guard case .succeeded(var output) = combined.cells[i].status else { continue }
            let id = combined.cells[i].cell.id
            output.display = output.display.map { item in
                guard case .claim(var claim) = item else { return item }
                claim.seeds = zip(runs, outputs).map { seedRun, statuses in outcome(of: id, at: seedRun.seed, statuses[id]) }
                claim.holds = claim.seedsHeld >= required(atLeast: claim.atLeast, of: claim.seeds.count)
                return .claim(claim)
            }
            combined.cells[i].status = .succeeded(output)
        }
        combined.failuresAtOtherSeeds = runs.dropFirst().flatMap { seedRun in
            seedRun.run.failedCells.compactMap { cell -> (seed: Int, diagnostic: Diagnostic)? in
                if case .failed(let d) = cell.status { (seedRun.seed, d) } else { nil }
            }
        }
        return combined
    }

    private static func outcome(of id: String, at seed: Int, _ status: CellStatus?) -> SeedOutcome {
        switch status {
        case .succeeded(let output)?:
            for case .claim(let claim) in output.display {
                return SeedOutcome(seed: seed, holds: claim.holds, comparisons: claim.comparisons)
            }
            return SeedOutcome(seed: seed, holds: false, comparisons: [], problem: "no claim output")
        case .failed?:
            return SeedOutcome(seed: seed, holds: false, comparisons: [], problem: "could not be evaluated")
        case .skipped(let blocker)?:
            return SeedOutcome(seed: seed, holds: false, comparisons: [], problem: "'\(blocker)' did not run")
        case nil:
            return SeedOutcome(seed: seed, holds: false, comparisons: [], problem: "not run")
        }
    }
}
