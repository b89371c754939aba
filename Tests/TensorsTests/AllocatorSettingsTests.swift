import Glibc
import XCTest
@testable import Tensors

final class AllocatorSettingsTests: XCTestCase {
    /// Minor page faults of this process so far (getrusage).
    private func minorFaults() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_minflt
    }

    /// The pattern of a training step: three 10 MB tensors allocated, written and freed together,
    /// 20 times. glibc's defaults unmap or trim them after every round (about 7,500 faults a round);
    /// with freed memory kept, only the first round faults.
    func testFreedTensorMemoryIsReusedWithoutPageFaults() {
        XCTAssertTrue(keepFreedTensorMemory(), "glibc refused the allocator settings")
        func round() -> Float {
            let buffers = (0..<3).map { Tensor<Float>(repeating: Float($0), shape: [2_500, 1_000]) }
            return buffers.reduce(0) { $0 + $1.scalars[$1.count - 1] }
        }
        XCTAssertEqual(round(), 3)
        let before = minorFaults()
        var total: Float = 0
        for _ in 0..<20 { total += round() }
        XCTAssertEqual(total, 60)
        let faults = minorFaults() - before
        XCTAssertLessThan(faults, 2_000, "\(faults) page faults in 20 rounds: freed tensors are not being reused")
    }
}
