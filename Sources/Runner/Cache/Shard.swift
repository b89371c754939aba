/// `--shard I/N`: a deterministic share of a notebook's cells, so N processes (CI matrix jobs,
/// Slurm array tasks) fill one cache in parallel.
///
/// A cell belongs to shard `1 + (k mod N)`, where k is the first 8 bytes of its key read as a
/// big-endian integer. Keys depend only on the notebook, so every process agrees on the split
/// without talking to the others. A shard also runs (or reuses from the cache) every cell its own
/// cells read, transitively; such a shared dependency may be computed by several shards, which
/// write identical entries.
public struct Shard: Sendable, Equatable {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N` with 1 ≤ I ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    /// The shard (1...count) a key belongs to.
    public func owner(of key: String) -> Int {
        let k = UInt64(key.prefix(16), radix: 16) ?? 0
        return 1 + Int(k % UInt64(count))
    }

    /// The cells this shard runs: its own and, transitively, the cells they read.
    public func cells(of notebook: CheckedNotebook, keys: CellKeys) -> Set<String> {
        var wanted: Set<String> = []
        let byID = Dictionary(notebook.cells.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ id: String) {
            guard wanted.insert(id).inserted, let cell = byID[id] else { return }
            for dependency in cell.dependencies { add(dependency) }
        }
        for cell in notebook.cells where keys[cell.id].map({ owner(of: $0.key) == index }) == true { add(cell.id) }
        return wanted
    }
}
