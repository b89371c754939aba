/// Elementwise arithmetic with broadcasting (see `Tensor+Broadcasting.swift`) and with scalars.
extension Tensor {
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func + (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, +) }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func - (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, -) }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func * (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, *) }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func / (a: Tensor, b: Tensor) -> Tensor { broadcasting(a, b, /) }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func + (a: Tensor, s: Scalar) -> Tensor { a.map { $0 + s } }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func - (a: Tensor, s: Scalar) -> Tensor { a.map { $0 - s } }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func * (a: Tensor, s: Scalar) -> Tensor { a.map { $0 * s } }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func / (a: Tensor, s: Scalar) -> Tensor { a.map { $0 / s } }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func * (s: Scalar, a: Tensor) -> Tensor { a.map { s * $0 } }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

    /// In-place a ← a + b for equal shapes (BLAS axpy).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public static func += (a: inout Tensor, b: Tensor) {
        precondition(a.shape == b.shape, "Tensor +=: shapes \(a.shape) and \(b.shape)")
        a.addScaled(b, by: 1)
    }

    /// In-place self ← self + α·other for equal counts (BLAS axpy).
    @inlinable public mutating func addScaled(_ other: Tensor, by alpha: Scalar) {
        precondition(count == other.count, "Tensor.addScaled: counts \(count) and \(other.count)")
        let n = count
        other.scalars.withUnsafeBufferPointer { x in
            scalars.withUnsafeMutableBufferPointer { y in
                Scalar.axpy(n: n, alpha: alpha, x: x.baseAddress!, y: y.baseAddress!)
            }
        }
    }

    /// `f` applied to every element.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    @inlinable public func map(_ f: (Scalar) -> Scalar) -> Tensor {
        Tensor(uninitializedShape: shape) { out in
            scalars.withUnsafeBufferPointer { p in for i in 0..<out.count { out[i] = f(p[i]) } }
        }
    }

    /// Σ xᵢ·yᵢ over all elements (BLAS dot); shapes must have equal counts.
    public func dot(_ other: Tensor) -> Scalar {
        precondition(count == other.count, "Tensor.dot: counts \(count) and \(other.count)")
        if count == 0 { return 0 }
        return scalars.withUnsafeBufferPointer { x in
            other.scalars.withUnsafeBufferPointer { y in Scalar.dot(n: count, x: x.baseAddress!, y: y.baseAddress!) }
        }
    }

    /// The Euclidean (Frobenius) norm ‖x‖₂ over all elements (BLAS nrm2).
    public var norm: Scalar {
        if count == 0 { return 0 }
        return scalars.withUnsafeBufferPointer { Scalar.nrm2(n: count, x: $0.baseAddress!) }
    }

    /// Elementwise eˣ, ln x, tanh x.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func exp() -> Tensor { map { Scalar.exp($0) } }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func log() -> Tensor { map { Scalar.log($0) } }
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func tanh() -> Tensor { map { Scalar.tanh($0) } }
    /// Elementwise √x (IEEE correctly rounded).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func squareRoot() -> Tensor { map { $0.squareRoot() } }
}
