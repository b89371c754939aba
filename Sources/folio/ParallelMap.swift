import Foundation

/// Runs `body` for 0..<count on up to `jobs` threads and returns the results in index order, so
/// the output of a parallel run is assembled exactly as a serial one.
enum ParallelMap {
    static func map<T: Sendable>(_ count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        if jobs <= 1 || count <= 1 { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, count) {
            DispatchQueue.global().async(group: group) {
                while let i = slots.claim() { slots.set(i, body(i)) }
            }
        }
        group.wait()
        return slots.values
    }

    /// Work queue and results, guarded by a lock.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var results: [T?]

        init(_ count: Int) { results = Array(repeating: nil, count: count) }

        func claim() -> Int? {
            lock.withLock {
                guard next < results.count else { return nil }
                defer { next += 1 }
                return next
            }
        }

        func set(_ i: Int, _ value: T) { lock.withLock { results[i] = value } }

        var values: [T] { lock.withLock { results.map { $0! } } }
    }
}
