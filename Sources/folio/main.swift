import ArgumentParser
import Foundation
import Tensors

/// Entry point. Every error becomes a message and an exit code here, in one place:
/// 0 success, 1 a cell or claim failed, 2 bad usage or an invalid notebook.
// First, before anything computes: OpenBLAS's kernel is fixed (this may re-execute the process).
BLASKernel.pinForReproducibility()
keepFreedTensorMemory()
do {
    var command = try Folio.parseAsRoot()
    try command.run()
} catch let failure as FolioFailure {
    if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
    exit(failure.code)
} catch {
    let code = Folio.exitCode(for: error)
    let message = Folio.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    // swift-argument-parser reports bad usage as 64; Folio's contract says 2.
    exit(code == .validationFailure ? 2 : code.rawValue)
}
