import Foundation
import Notebooks

/// What a cell would need, estimated in the check phase from its options, so that a cell that
/// cannot fit in memory or finish in reasonable time is refused before anything runs (with the
/// estimate) instead of dying with "failed to allocate" or running for ever.
///
/// Estimates are orders of magnitude, not measurements: memory counts the arrays a run must
/// hold at once (parameters with their gradients and optimizer state, the dataset, one batch of
/// activations), work counts multiply-adds of the forward and backward passes (about 6 per
/// parameter per example per step for a network). Only cells far outside the limits are refused;
/// every notebook in the repository needs less than 1% of them.
public struct ResourceEstimate: Sendable, Equatable {
    /// Bytes the cell must hold at once.
    public var bytes: Double
    /// Floating-point operations the cell performs.
    public var operations: Double
    /// The option the estimate grows with most (where the error points), e.g. "steps".
    public var key: String

    public init(bytes: Double, operations: Double, key: String) {
        self.bytes = bytes
        self.operations = operations
        self.key = key
    }

    /// Memory a cell may use: half of this machine's physical memory (the rest is the system's,
    /// the other notebooks' and the cache's).
    public static var memoryLimit: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// Work a cell may do: 10¹⁵ operations, about a day at the 10-20 GFLOP/s a training step
    /// reaches on one core (docs/performance.md). The largest cell in the notebooks needs ~10¹³.
    /// The environment variable `FOLIO_MAX_OPERATIONS` sets another limit (the fuzzer uses 10⁹
    /// so that every run it allows ends within its time bound).
    public static var operationLimit: Double {
        ProcessInfo.processInfo.environment["FOLIO_MAX_OPERATIONS"].flatMap(Double.init) ?? 1e15
    }

    /// The error for an estimate past either limit, located at `key` in `options`; nil if it fits.
    func refusal(_ options: OptionNode, kind: String) -> Diagnostic? {
        let location = Self.node(options, path: key.split(separator: ".").map(String.init))?.location ?? options.location
        if !(bytes <= Self.memoryLimit) {
            return Diagnostic(at: location, "this {\(kind)} cell would need about \(Self.bytesText(bytes)) of memory; at most \(Self.bytesText(Self.memoryLimit)) (half of this machine's) is allowed",
                              note: "reduce '\(key)'")
        }
        if !(operations <= Self.operationLimit) {
            return Diagnostic(at: location, "this {\(kind)} cell would need about \(String(format: "%.1e", operations)) operations; at most \(String(format: "%.0e", Self.operationLimit)) are allowed (about a day's work; FOLIO_MAX_OPERATIONS sets another limit)",
                              note: "reduce '\(key)'")
        }
        return nil
    }

    static func bytesText(_ b: Double) -> String {
        guard b.isFinite else { return "unbounded" }
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = b, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == units.count - 1 && value >= 1000 ? String(format: "%.1e bytes", b) : String(format: "%.3g %@", value, units[unit])
    }

    static func node(_ options: OptionNode, path: [String]) -> OptionNode? {
        var node: OptionNode? = options
        for key in path { node = node?[key] }
        return node
    }
}

/// A cell's options as the check phase can know them: literals, and expressions that read only
/// `params`. Anything else (an expression over an earlier cell) is unknown, and estimates leave
/// it out.
public struct KnownOptions: Sendable {
    public var node: OptionNode
    public var scope: EvaluationScope

    /// The number at a dotted path (`task.modulus`), if known.
    public func number(_ path: String) -> Double? {
        guard let node = ResourceEstimate.node(node, path: path.split(separator: ".").map(String.init)),
              case .number(let x)? = try? Options.resolve(node, scope: scope) else { return nil }
        return x
    }

    public func numbers(_ path: String) -> [Double]? {
        guard let node = ResourceEstimate.node(node, path: path.split(separator: ".").map(String.init)),
              let value = try? Options.resolve(node, scope: scope) else { return nil }
        if case .number(let x) = value { return [x] }
        return value.numbers
    }

    /// The number a declared option holds (under the mapping `prefix`, e.g. "objective."), else
    /// its default; 0 when it has neither (a default that is not a number counts as none).
    public func number<T>(_ option: DirectiveOption<T>, under prefix: String = "") -> Double {
        if let x = number(prefix + option.name) { return x }
        if case .number(let x)? = option.defaultValue?.optionValue { return x }
        return 0
    }

    /// The numbers a declared option holds, else its default.
    public func numbers<T>(_ option: DirectiveOption<T>) -> [Double]? {
        numbers(option.name) ?? option.defaultValue?.optionValue.numbers
    }

    public func string(_ path: String) -> String? {
        guard let node = ResourceEstimate.node(node, path: path.split(separator: ".").map(String.init)),
              let value = try? Options.resolve(node, scope: scope) else { return nil }
        return value.string
    }
}
