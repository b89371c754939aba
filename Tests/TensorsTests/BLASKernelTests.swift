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
}
