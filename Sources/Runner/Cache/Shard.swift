/// `--shard I/N`: a deterministic share of a notebook's cells, so N processes (CI matrix jobs,
/// Slurm array tasks) fill one cache in parallel.
///
/// The unit of work is a connected component of the notebook's dependency graph (cells linked by
/// reading one another, directly or not): a component belongs to shard `1 + (k mod N)`, where k is
/// the first 8 bytes of the key of its first cell, read as a big-endian integer. A training run,
/// everything computed from it, and every other run compared with it in one cell therefore land
/// in one shard, so no cell is ever computed by two shards; splitting a component would make
/// every shard holding a part of it recompute the shared training runs, usually by far the most
/// expensive cells. Parallelism comes from independent components and notebooks. Keys depend only
/// on the notebook, so every process agrees on the split without talking to the others.
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

    /// The shard (1...count) of the component whose first cell has this key.
    public func owner(of key: String) -> Int {
        let k = UInt64(key.prefix(16), radix: 16) ?? 0
        return 1 + Int(k % UInt64(count))
    }

    /// The owning shard of every cell, by id: that of its component's first cell.
    public func owners(of notebook: CheckedNotebook, keys: CellKeys) -> [String: Int] {
        // Union-find over cell ids; the root of a component is its earliest cell.
        var parent: [String: String] = [:]
        func root(_ id: String) -> String {
            var r = id
            while let p = parent[r], p != r { r = p }
            return r
        }
        let position = Dictionary(notebook.cells.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for cell in notebook.cells {
            parent[cell.id] = cell.id
            for dependency in cell.dependencies where parent[dependency] != nil {
                let (a, b) = (root(cell.id), root(dependency))
                if a != b {
                    if position[a, default: 0] < position[b, default: 0] { parent[b] = a } else { parent[a] = b }
                }
            }
        }
        var owners: [String: Int] = [:]
        for cell in notebook.cells {
            owners[cell.id] = keys[root(cell.id)].map { owner(of: $0.key) } ?? 1
        }
        return owners
    }

    /// The cells this shard runs: its components (closed under reading, so nothing is missing).
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
