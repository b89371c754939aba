import CBLAS
import Dispatch

/// Runs `body` on consecutive parts of 0..<count, the parts on as many threads as OpenBLAS uses
/// (`setBLASThreads`), so that the loops between the matrix products use the cores the products
/// use. The parts cover 0..<count exactly once, in order, each at least `minimumPerPart` long
/// (fewer parts when count is small; one part runs on the calling thread).
///
/// Each part must write only its own outputs: then the result does not depend on the number of
/// parts, and a loop that adds up values keeps every sum in its serial order (split such a loop
/// over its outputs, never over the terms of one sum).
public func forEachPart(of count: Int, minimumPerPart: Int, _ body: (Range<Int>) -> Void) {
    let parts = Swift.max(1, Swift.min(Int(openblas_get_num_threads()), count / Swift.max(minimumPerPart, 1)))
    if parts == 1 {
        if count > 0 { body(0..<count) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let parallel = PartsBody(body: body)
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            parallel.body((count * p / parts)..<(count * (p + 1) / parts))
        }
    }
}

/// The loop body handed to the threads. Unchecked: `forEachPart` requires the parts to write
/// disjoint outputs, and it returns only after every part is done.
private struct PartsBody: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}
