import Foundation

/// Runs `body` for 0..<count on up to `jobs` threads and hands the results to `then` on the
/// calling thread in index order, each as soon as it and every earlier one are ready. A parallel
/// run is thus assembled exactly as a serial one, and a serial run still writes each notebook's
/// report as soon as that notebook is done.
enum ParallelMap {
    static func forEach<T: Sendable>(_ count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T,
                                     then: (Int, T) throws -> Void) rethrows {
        if jobs <= 1 || count <= 1 {
            for i in 0..<count { try then(i, body(i)) }
            return
        }
        let slots = Slots<T>(count)
        for _ in 0..<min(jobs, count) {
            DispatchQueue.global().async {
                while let i = slots.claim() { slots.set(i, body(i)) }
            }
        }
        for i in 0..<count { try then(i, slots.wait(for: i)) }
    }

    /// Work queue and results, guarded by a condition variable.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var next = 0
        private var results: [T?]

        init(_ count: Int) { results = Array(repeating: nil, count: count) }

        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }

        func set(_ i: Int, _ value: T) {
            condition.lock()
            results[i] = value
            condition.broadcast()
            condition.unlock()
        }

        func wait(for i: Int) -> T {
            condition.lock()
            defer { condition.unlock() }
            while results[i] == nil { condition.wait() }
            return results[i]!
        }
    }
}
