/// `--shard I/N`: a deterministic share of a notebook's cells, so N processes (CI matrix jobs,
/// Slurm array tasks) fill one cache in parallel.
///
/// Ownership follows the dependency trees: a cell that reads no other cell belongs to shard
/// `1 + (k mod N)`, where k is the first 8 bytes of its key read as a big-endian integer; a cell
/// that reads others belongs to the shard of the first cell it reads. A training run and the
/// plots, claims and analyses of it therefore land in one shard, and the run — usually by far the
/// most expensive cell — is computed once, not by every shard that has a cell reading it. A shard
/// runs its own cells and every cell they read, transitively: a cell reading two trees owned by
/// different shards makes its shard compute (or reuse from the cache) the other tree too, and both
/// write identical entries. Keys depend only on the notebook, so every process agrees on the split
/// without talking to the others.
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

    /// The shard (1...count) a key belongs to when its cell reads nothing.
    public func owner(of key: String) -> Int {
        let k = UInt64(key.prefix(16), radix: 16) ?? 0
        return 1 + Int(k % UInt64(count))
    }

    /// The owning shard of every cell, by id.
    public func owners(of notebook: CheckedNotebook, keys: CellKeys) -> [String: Int] {
        var owners: [String: Int] = [:]
        for cell in notebook.cells {
            if let first = cell.dependencies.first, let inherited = owners[first] {
                owners[cell.id] = inherited
            } else {
                owners[cell.id] = keys[cell.id].map { owner(of: $0.key) } ?? 1
            }
        }
        return owners
    }

    /// The cells this shard runs: its own and, transitively, the cells they read.
    public func cells(of notebook: CheckedNotebook, keys: CellKeys) -> Set<String> {
        var wanted: Set<String> = []
        let byID = Dictionary(notebook.cells.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ id: String) {
            guard wanted.insert(id).inserted, let cell = byID[id] else { return }
            for dependency in cell.dependencies { add(dependency) }
        }
        for (id, shard) in owners(of: notebook, keys: keys) where shard == index { add(id) }
        return wanted
    }
}
