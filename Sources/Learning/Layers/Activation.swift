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
}

enum QuadraticFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { x * x }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { x + x }
}

enum IdentityFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { x }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { 1 }
}

enum ReLUFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { x > 0 ? x : 0 }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { x > 0 ? 1 : 0 }
}

enum TanhFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { Activation.tanh.apply(x) }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { Activation.tanh.derivative(x) }
}

enum GELUFunction: PointwiseFunction {
    @inline(__always) static func value<S: BLASScalar>(_ x: S) -> S { Activation.gelu.apply(x) }
    @inline(__always) static func slope<S: BLASScalar>(_ x: S) -> S { Activation.gelu.derivative(x) }
}
