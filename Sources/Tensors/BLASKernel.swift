import CBLAS
import Foundation

/// Which OpenBLAS kernel computes Folio's matrix products, and pinning it so that reports do not
/// depend on the machine.
///
/// OpenBLAS (built with DYNAMIC_ARCH, as Debian ships it) picks its kernel from the CPU when the
/// library loads: Haswell, Zen, SkylakeX, Cooperlake, ... The kernels block and order their sums
/// differently, so a training run's last digits differ between machines (01-grokking's final loss
/// 0.0009901 under one kernel, 0.0009873 under another). The choice can be forced with the
/// environment variable `OPENBLAS_CORETYPE`, but only before the library loads, which for a
/// dynamically linked program is before `main`. So `pinForReproducibility` re-executes the
/// process with a fixed OpenBLAS environment when the one it started with differs.
///
/// What holds where (the guarantee is same OpenBLAS version, same glibc):
/// - x86-64 with AVX2 and FMA (every Intel CPU since Haswell, every AMD CPU since Zen): the
///   Haswell kernel is pinned, whatever the CPU or the environment would choose, and reports are
///   byte-identical across these machines. glibc's `exp`/`log`/`tanh` pick their FMA variants on
///   all of them.
/// - x86-64 without AVX2, and other architectures (arm64, ...): nothing is pinned; OpenBLAS's own
///   choice stands, and reports are identical only between machines on which it chooses the
///   same kernel. The cache key names the kernel (`BLASKernel.identity`), so cache entries made
///   under different kernels are never mixed, and `folio render --check` reports such a
///   difference as "same inputs, different numbers".
public enum BLASKernel {
    /// The kernel pinned on x86-64 machines with AVX2 and FMA: the baseline those machines share.
    public static let pinned = "Haswell"

    /// Variables OpenBLAS reads at load time that change its blocking or kernel (and so results):
    /// every `OPENBLAS_*` and `GOTO_*` variable is removed before the re-execution, then
    /// `OPENBLAS_CORETYPE` is set.
    static func isOpenBLASVariable(_ name: String) -> Bool {
        name.hasPrefix("OPENBLAS_") || name.hasPrefix("GOTO_")
    }

    /// Marks a process started by `pinForReproducibility`, so a library that ignores the setting
    /// cannot make it re-execute for ever.
    static let marker = "FOLIO_BLAS_PINNED"

    /// The kernel OpenBLAS is using in this process (e.g. "Haswell").
    public static var current: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }

    /// What the cache key records: the kernel and OpenBLAS's build (its version, e.g.
    /// "Haswell; OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64").
    ///
    /// Read once per process: OpenBLAS assembles `openblas_get_config()`'s text in one static
    /// buffer on every call, so two notebooks computing their keys at once (`render --jobs 2`)
    /// could read each other's half-written text and get keys that match nothing (seen: the first
    /// two notebooks of a render recomputed as "options changed", and their reports' keys
    /// differed from the next render's). The kernel is fixed when OpenBLAS loads.
    public static let identity: String = {
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown build"
        return "\(current); \(config.trimmingCharacters(in: .whitespaces))"
    }()

    /// Set `FOLIO_BLAS_KERNEL=native` to leave OpenBLAS's own choice (and the environment's
    /// `OPENBLAS_*` settings) in place, e.g. to measure what pinning changes.
    static let optOut = "FOLIO_BLAS_KERNEL"

    /// The kernel this machine can be pinned to, or nil when it has none (see the type's comment).
    public static var pinnableKernel: String? {
        if ProcessInfo.processInfo.environment[optOut] == "native" { return nil }
        #if arch(x86_64) && os(Linux)
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        return flags.contains("avx2") && flags.contains("fma") ? pinned : nil
        #else
        return nil
        #endif
    }

    /// The OpenBLAS environment a pinned process runs with: `environment` without any OpenBLAS
    /// variable, plus `OPENBLAS_CORETYPE=kernel` and the marker.
    static func pinnedEnvironment(_ environment: [String: String], kernel: String) -> [String: String] {
        var out = environment.filter { !isOpenBLASVariable($0.key) }
        out["OPENBLAS_CORETYPE"] = kernel
        out[marker] = kernel
        return out
    }

    /// Whether this process already runs as pinning wants: the kernel in use is `kernel` and no
    /// other OpenBLAS variable is set.
    static func isPinned(_ environment: [String: String], kernel: String) -> Bool {
        current == kernel && environment.keys.allSatisfy { !isOpenBLASVariable($0) || $0 == "OPENBLAS_CORETYPE" }
    }

    /// Call first thing in `main`. On a machine with a pinnable kernel, when this process runs
    /// another kernel or other OpenBLAS settings, replaces the process by itself (same arguments)
    /// with the pinned environment; returns only when no re-execution is needed or it failed
    /// (then a warning says so and the run continues unpinned).
    public static func pinForReproducibility() {
        guard let kernel = pinnableKernel else { return }
        let environment = ProcessInfo.processInfo.environment
        if isPinned(environment, kernel: kernel) { return }
        if environment[marker] != nil {
            warn("warning: OpenBLAS runs the \(current) kernel although \(kernel) was requested; results may differ from other machines")
            return
        }
        let arguments = CommandLine.arguments
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = pinnedEnvironment(environment, kernel: kernel).map { strdup("\($0.key)=\($0.value)") } + [nil]
        execve("/proc/self/exe", argv, envp)
        warn("warning: could not re-execute with OPENBLAS_CORETYPE=\(kernel) (\(String(cString: strerror(errno)))); results may differ from other machines")
    }

    private static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
