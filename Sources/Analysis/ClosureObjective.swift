import Tensors
/// An `Objective` from closures: the adapter for models whose loss lives elsewhere (e.g. a trained
/// network of the Learning module flattened to `[Double]`). The closures must be safe to call from
/// several threads at once, since `estimateLLC` runs chains concurrently.
public struct ClosureObjective: Objective {
    public typealias Scalar = Double
    public let dimension: Int
    public let sampleCount: Int
    private let evaluate: @Sendable ([Double], [Int]?) -> (loss: Double, gradient: [Double])
    private let lossOnly: (@Sendable ([Double], [Int]?) -> Double)?

    /// - Parameters:
    ///   - lossAndGradient: mean loss over the batch (nil = all n examples) and its gradient.
    ///   - loss: optional cheaper loss-only evaluation; defaults to `lossAndGradient(...).loss`.
    public init(dimension: Int, sampleCount: Int,
                lossAndGradient: @escaping @Sendable ([Double], [Int]?) -> (loss: Double, gradient: [Double]),
                loss: (@Sendable ([Double], [Int]?) -> Double)? = nil) {
        self.dimension = dimension
        self.sampleCount = sampleCount
        self.evaluate = lossAndGradient
        self.lossOnly = loss
    }

    public func loss(at w: [Double], batch: [Int]?) -> Double { lossOnly?(w, batch) ?? evaluate(w, batch).loss }

    public func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) { evaluate(w, batch) }
}
