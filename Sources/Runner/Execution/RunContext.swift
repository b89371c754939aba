import Notebooks

/// What a running cell can see besides its own options: earlier cells' values and artifacts, the
/// notebook's parameters, and a progress reporter.
public struct RunContext: Sendable {
    public var scope: EvaluationScope
    public var artifacts: [String: any Sendable]
    /// Called by long-running cells: (step, total, a short status such as the current loss).
    public var progress: @Sendable (_ step: Int, _ total: Int, _ status: String) -> Void
    /// The id of the running cell.
    public var cellID: String
    /// The element id the check phase gave the cell's (first) figure (`CrossReferences.figureIDs`),
    /// from which the figure's SVG ids derive.
    public var anchor: String?
    /// The number of BLAS/worker threads this cell may use.
    public var threads: Int
    /// Where the single runs of a sweep are cached (nil: no cache, run everything).
    public var runCache: RunCache?

    public init(scope: EvaluationScope, artifacts: [String: any Sendable], cellID: String, anchor: String? = nil, threads: Int = 2,
                runCache: RunCache? = nil, progress: @escaping @Sendable (Int, Int, String) -> Void = { _, _, _ in }) {
        self.runCache = runCache
        self.scope = scope
        self.artifacts = artifacts
        self.cellID = cellID
        self.anchor = anchor
        self.threads = threads
        self.progress = progress
    }

    /// The artifact of an earlier cell, such as a trained model; throws a located error when the
    /// cell named at `location` produced none of that type.
    public func artifact<T>(_ id: String, as type: T.Type, at location: SourceLocation, what: String) throws(Diagnostic) -> T {
        guard let a = artifacts[id] else {
            throw Diagnostic(at: location, "'\(id)' has no \(what); name a cell that produces one")
        }
        guard let t = a as? T else {
            throw Diagnostic(at: location, "'\(id)' does not produce \(what)")
        }
        return t
    }
}
