import Notebooks

/// Everything the report needs after a notebook ran.
public struct NotebookRun: Sendable {
    public var checked: CheckedNotebook
    public var cells: [CellRun]
    /// Inline values by their code-span text (`=expr | format`), formatted or failed.
    public var inlineValues: [String: InlineValue]
    /// Cells that failed at seeds other than the first (`SeedRuns.combine`).
    public var failuresAtOtherSeeds: [(seed: Int, diagnostic: Diagnostic)] = []
    /// Inline values whose expression failed when evaluated (not those blocked by a failed cell,
    /// which is reported itself), located at the expression, in document order. A render with
    /// any exits 1, like a failed cell.
    public var inlineFailures: [Diagnostic] = []

    public var claims: [ClaimContent] {
        cells.flatMap { run -> [ClaimContent] in
            guard case .succeeded(let output) = run.status else { return [] }
            return output.display.compactMap { if case .claim(let c) = $0 { c } else { nil } }
        }
    }
    public var claimsHeld: Int { claims.filter(\.holds).count }
    public var claimsFailed: Int { claims.count - claimsHeld }
    /// Cells whose directive threw.
    public var failedCells: [CellRun] { cells.filter { if case .failed = $0.status { true } else { false } } }
    /// Claims that could not be evaluated because a cell they read failed or was skipped.
    public var claimCellsNotRun: Int {
        cells.filter { $0.cell.directive.traits.contains(.claim) && !$0.status.succeeded }.count
    }
}

public struct CellRun: Sendable {
    public var cell: CheckedCell
    public var status: CellStatus
    /// Seconds spent running the cell (0 when reused from the cache or skipped).
    public var wallTime: Double
    /// True when the result came from the cache.
    public var reused: Bool

    public init(cell: CheckedCell, status: CellStatus, wallTime: Double, reused: Bool = false) {
        self.cell = cell
        self.status = status
        self.wallTime = wallTime
        self.reused = reused
    }
}

public enum CellStatus: Sendable {
    case succeeded(CellOutput)
    case failed(Diagnostic)
    /// Not run because a cell it reads (named) failed or was skipped.
    case skipped(because: String)

    public var succeeded: Bool { if case .succeeded = self { true } else { false } }
}

public enum InlineValue: Sendable, Equatable {
    case text(String)
    case failed(String)
}
