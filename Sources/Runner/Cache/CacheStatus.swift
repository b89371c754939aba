/// What the cache did for one cell in one render.
public enum CacheStatus: Sendable, Hashable {
    /// The stored result was used; the cell did not run.
    case reused
    /// The cell ran, and why it could not be reused; its result was stored.
    case computed(RecomputeReason)
    /// The cell ran and its result cannot be stored (why): a failure, or an artifact type without
    /// a codec. It runs again on every render.
    case notCacheable(String)
    /// `--no-cache`, or no cache given.
    case disabled

    /// One short phrase for `folio render`'s per-notebook summary.
    public var phrase: String {
        switch self {
        case .reused: "reused"
        case .computed(let reason): "computed (\(reason.phrase))"
        case .notCacheable(let why): "computed, not cached (\(why))"
        case .disabled: "computed (cache off)"
        }
    }

    public var wasReused: Bool { self == .reused }
}

/// Why a cell's stored result could not be used.
public enum RecomputeReason: Sendable, Hashable {
    /// The cache never saw this cell (a new cell, a new cache, or a cleaned one).
    case noEntry
    /// The cell's kind, id, options or the parameters it reads differ from its last run.
    case optionsChanged
    /// A cell it reads (named) has a different key than at its last run.
    case inputChanged([String])
    /// Same key as the last run, but the entry is gone (cleaned, or from another engine version).
    case entryMissing
    /// The entry failed its checksum or could not be decoded (what was wrong); it was not trusted.
    case corrupted(String)

    public var phrase: String {
        switch self {
        case .noEntry: "no entry"
        case .optionsChanged: "options changed"
        case .inputChanged(let ids): "an input changed: \(ids.joined(separator: ", "))"
        case .entryMissing: "entry missing"
        case .corrupted(let what): "corrupted entry: \(what)"
        }
    }
}

/// The cache's account of one notebook's render: every cell's key and status.
public struct CacheReport: Sendable {
    public var keys: CellKeys
    /// Status by cell id, for the cells that ran or were reused (not for skipped cells).
    public var status: [String: CacheStatus] = [:]

    public init(keys: CellKeys) { self.keys = keys }

    public var reused: [String] { keys.order.filter { status[$0] == .reused } }
    public var computed: [String] { keys.order.filter { status[$0].map { !$0.wasReused } ?? false } }
}
