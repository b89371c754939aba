import Tensors
/// A differentiable training loss over `sampleCount` examples, evaluated at a flat parameter
/// vector `w` of length `dimension`.
///
/// Every algorithm in `Analysis` that needs a loss (SGLD for the local learning coefficient,
/// Hessian–vector products, Lanczos) is written against this protocol and plain vectors of
/// `Scalar` (Double unless the objective says otherwise: a trained network evaluated in Float
/// runs SGLD in Float), so any trained model can be analysed once it exposes its loss this way.
/// Losses are reported in Double whatever `Scalar` is.
///
/// - `loss(at:batch:)` is the **mean** loss over the examples whose indices are in `batch`
///   (`nil` means the full training set of `sampleCount` examples).
/// - `lossAndGradient(at:batch:)` returns the same mean loss and its gradient with respect to `w`.
public protocol Objective<Scalar>: Sendable {
    /// The precision of parameters and gradients.
    associatedtype Scalar: BLASScalar = Double
    /// Number of parameters d.
    var dimension: Int { get }
    /// n, the full training-set size (used for the default inverse temperature nβ = n / ln n).
    var sampleCount: Int { get }
    /// Mean loss over `batch` (indices in 0..<sampleCount), or over all examples when `nil`.
    func loss(at w: [Scalar], batch: [Int]?) -> Double
    /// Mean loss over `batch` (or all examples) and its gradient with respect to `w`.
    func lossAndGradient(at w: [Scalar], batch: [Int]?) -> (loss: Double, gradient: [Scalar])
}

extension Objective {
    /// The full-batch gradient ∇L_n(w).
    public func gradient(at w: [Scalar]) -> [Scalar] { lossAndGradient(at: w, batch: nil).gradient }
}
