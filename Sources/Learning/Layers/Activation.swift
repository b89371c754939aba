import Tensors

/// Pointwise nonlinearities, with their derivatives for the pullbacks.
///
/// - relu(x) = max(x, 0), derivative 1 for x > 0 else 0 (0 at the kink, as PyTorch);
/// - gelu(x) = x·Φ(x) = ½x(1 + erf(x/√2)) (the exact form, PyTorch's default), derivative Φ(x) + x·φ(x);
/// - tanh(x), derivative 1 − tanh²x;
/// - quadratic(x) = x², derivative 2x (the Gromov grokking model);
/// - identity(x) = x.
public enum Activation: String, Sendable, Codable, CaseIterable {
    case relu, gelu, tanh, quadratic, identity

    @_specialize(where S == Float) @_specialize(where S == Double)
    @inlinable
    public func apply<S: BLASScalar>(_ x: S) -> S {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .gelu: return x * Self.phiCDF(x)
        case .tanh: return S.tanh(x)
        case .quadratic: return x * x
        case .identity: return x
        }
    }

    @_specialize(where S == Float) @_specialize(where S == Double)
    @inlinable
    public func derivative<S: BLASScalar>(_ x: S) -> S {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case .gelu: return Self.phiCDF(x) + x * S.exp(-x * x / 2) * S(0.3989422804014327)
        case .tanh: let t = S.tanh(x); return 1 - t * t
        case .quadratic: return 2 * x
        case .identity: return 1
        }
    }

    /// Φ(x) = ½(1 + erf(x/√2)), the standard normal distribution function.
    @inlinable
    static func phiCDF<S: BLASScalar>(_ x: S) -> S { S(0.5) * (1 + S.erf(x * S(0.7071067811865476))) }
}

extension Variable {
    /// The activation applied elementwise; the pullback multiplies by its derivative.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func activated(_ activation: Activation) -> Variable {
        if activation == .identity { return self }
        let x = value
        return tape.record(x.map { activation.apply($0) }, inputs: [self]) { g, _ in
            [Tensor.broadcasting(g, x) { gi, xi in gi * activation.derivative(xi) }]
        }
    }

    public func relu() -> Variable { activated(.relu) }
    public func gelu() -> Variable { activated(.gelu) }
    public func tanh() -> Variable { activated(.tanh) }
    public func squared() -> Variable { activated(.quadratic) }

    /// Elementwise eˣ; derivative eˣ.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func exp() -> Variable {
        let y = value.exp()
        return tape.record(y, inputs: [self]) { g, _ in [g * y] }
    }

    /// Elementwise ln x; derivative 1/x.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func log() -> Variable {
        let x = value
        return tape.record(x.log(), inputs: [self]) { g, _ in [g / x] }
    }
}

/// An activation as a type, for fused kernels: generic loops over `A: PointwiseFunction` are
/// specialized per activation, so the element loops carry no switch or closure call and
/// vectorize (the values are those of `Activation.apply` and `Activation.derivative`).
protocol PointwiseFunction {
    static func value<S: BLASScalar>(_ x: S) -> S
    static func slope<S: BLASScalar>(_ x: S) -> S
    /// Whether the slope is a function of the value y = value(x) alone (`slope(ofValue:)`), so that a
    /// layer need not keep its pre-activation for the pullback.
    static var slopeFollowsFromValue: Bool { get }
    /// act′(x) read from y = act(x), bit for bit `slope(x)`; only when `slopeFollowsFromValue`.
    static func slope<S: BLASScalar>(ofValue y: S) -> S
}

extension PointwiseFunction {
    static var slopeFollowsFromValue: Bool { false }
    static func slope<S: BLASScalar>(ofValue y: S) -> S {
        preconditionFailure("\(Self.self): the slope does not follow from the value")
    }
}

/// A loop generic over the activation, run by `Activation.dispatch` with the activation's
/// `PointwiseFunction` type (mutating, so that it may update a buffer it holds uniquely).
protocol PointwiseLoop {
    associatedtype Result
    mutating func run<A: PointwiseFunction>(_ function: A.Type) -> Result
}

extension Activation {
    /// Runs `loop` specialized for this activation: the one switch from the enum to its type.
    @inline(__always)
    func dispatch<L: PointwiseLoop>(_ loop: inout L) -> L.Result {
        switch self {
        case .relu: loop.run(ReLUFunction.self)
        case .gelu: loop.run(GELUFunction.self)
        case .tanh: loop.run(TanhFunction.self)
        case .quadratic: loop.run(QuadraticFunction.self)
        case .identity: loop.run(IdentityFunction.self)
        }
    }
}

enum QuadraticFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { x * x }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { x + x }
}

enum IdentityFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { x }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { 1 }
    static var slopeFollowsFromValue: Bool { true }
    @inline(__always) static func slope<S: BLASScalar>(ofValue y: S) -> S { 1 }
}

enum ReLUFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { x > 0 ? x : 0 }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { x > 0 ? 1 : 0 }
    /// relu(x) > 0 exactly when x > 0 (a NaN input gives 0 and slope 0 both ways).
    static var slopeFollowsFromValue: Bool { true }
    @inline(__always) static func slope<S: BLASScalar>(ofValue y: S) -> S { y > 0 ? 1 : 0 }
}

enum TanhFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { Activation.tanh.apply(x) }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { Activation.tanh.derivative(x) }
}

enum GELUFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { Activation.gelu.apply(x) }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { Activation.gelu.derivative(x) }
}
