import Foundation
import XCTest
@testable import Tensors

final class BLASKernelTests: XCTestCase {
    func testPinnedEnvironmentDropsEveryOpenBLASSettingAndSetsTheKernel() {
        let environment = ["PATH": "/bin", "OPENBLAS_CORETYPE": "SkylakeX", "OPENBLAS_L2_SIZE": "512",
                           "GOTO_NUM_THREADS": "4", "OPENBLAS_VERBOSE": "2", "HOME": "/root"]
        let pinned = BLASKernel.pinnedEnvironment(environment, kernel: "Haswell")
        XCTAssertEqual(pinned, ["PATH": "/bin", "HOME": "/root", "OPENBLAS_CORETYPE": "Haswell", "FOLIO_BLAS_PINNED": "Haswell"])
    }

    func testKernelIdentityNamesTheKernelInUseAndOpenBLASVersion() {
        XCTAssertTrue(BLASKernel.identity.hasPrefix(BLASKernel.current + "; OpenBLAS "), BLASKernel.identity)
    }

    /// Cache keys of notebooks rendered at once read the identity from several threads; each must
    /// see the same text (OpenBLAS builds its configuration string in one shared buffer).
    func testKernelIdentityIsTheSameFromConcurrentThreads() {
        let expected = BLASKernel.identity
        let seen = SeenTexts()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            var local = Set<String>()
            for _ in 0..<2000 { local.insert(BLASKernel.identity) }
            seen.add(local)
        }
        XCTAssertEqual(seen.all, [expected])
    }
}

/// The texts seen by concurrent readers (guarded by a lock).
private final class SeenTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts = Set<String>()
    func add(_ more: Set<String>) { lock.lock(); texts.formUnion(more); lock.unlock() }
    var all: Set<String> { lock.lock(); defer { lock.unlock() }; return texts }
}
