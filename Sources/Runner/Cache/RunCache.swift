import Foundation
import Learning
import Notebooks
import Tensors

/// The cache of the single runs inside a cell: each training run of a `{train}` sweep, and each
/// run of an analysis over a sweep, is stored under a key of its own, so extending a sweep by one
/// seed trains (and analyses) only the new run. Entries live beside the cells' entries
/// (`CellCache`) and are checked the same way; they keep no ledger, since `folio explain` speaks
/// of cells.
///
/// key = SHA-256 of the UTF-8 text
///
///     folio-run-key
///     engine: <CellKeys.engineVersion>
///     blas threads: <threads>
///     blas kernel: <BLASKernel.identity>
///     kind: <directive kind>
///     <what defines the run>
///
/// where a training run is defined by its `TrainingConfig` as JSON with sorted keys (every
/// option after the sweep's values are set, expressions evaluated and defaults applied), and an
/// analysis run by its resolved options, the key of the training run it reads and the digest of
/// that run's final parameters. A pruned training run (`prune:`) is not cached on its own.
public struct RunCache: Sendable {
    public let cache: CellCache
    public let threads: Int
    public let kernel: String
    public let engine: String

    public init(cache: CellCache, threads: Int, kernel: String = BLASKernel.identity, engine: String = CellKeys.engineVersion) {
        self.cache = cache
        self.threads = threads
        self.kernel = kernel
        self.engine = engine
    }

    func key(kind: String, _ definition: String) -> String {
        CellKeys.sha256("folio-run-key\nengine: \(engine)\nblas threads: \(threads)\nblas kernel: \(kernel)\nkind: \(kind)\n\(definition)\n")
    }

    /// The key of the training run `config` defines.
    public func trainingKey(_ config: TrainingConfig) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(config)).map { String(decoding: $0, as: UTF8.self) } ?? "\(config)"
        return key(kind: "train", "config: \(json)")
    }

    /// The key of an analysis `kind` with these resolved options of `run`: its configuration's
    /// key and the SHA-256 of its final parameters (a pruned run starts from another cell's mask
    /// and weights, which its configuration does not describe; its parameters do).
    public func analysisKey(kind: String, options: Record, of run: TrainingRun) -> String {
        let parameters = run.model.flatParameters().withUnsafeBufferPointer { Data(buffer: $0) }
        return key(kind: kind, "options: \(CanonicalText.value(.record(options)))\nrun: \(trainingKey(run.config))\n"
                   + "parameters: \(CellKeys.sha256(parameters))")
    }

    /// The stored output under `key`, or the output of `compute` (then stored). `reused` says which.
    public func output(_ key: String, kind: String, cell: String,
                       compute: () throws -> CellOutput) throws -> (output: CellOutput, reused: Bool) {
        if let bytes = try? Data(contentsOf: cache.entryURL(key)), let output = try? cache.decodeEntry(bytes, key: key) {
            return (output, true)
        }
        let output = try compute()
        cache.write(output, key: key, kind: kind, cell: cell)
        return (output, false)
    }
}
