import Notebooks

/// The names an expression can read: `params`, the results of earlier cells by id, and (inside
/// some cells) local names such as a `{data}` cell's own columns.
public struct EvaluationScope: ExpressionScope, Sendable {
    public var params: Record
    public var results: [String: Value]
    public var locals: [String: Value]

    public init(params: Record, results: [String: Value] = [:], locals: [String: Value] = [:]) {
        self.params = params
        self.results = results
        self.locals = locals
    }

    public func lookup(_ name: String) -> Value? {
        if let v = locals[name] { return v }
        if name == "params" { return .record(params) }
        return results[name]
    }

    public func with(locals: [String: Value]) -> EvaluationScope {
        var copy = self
        copy.locals.merge(locals) { $1 }
        return copy
    }
}
