import Tensors

/// Elementwise arithmetic with broadcasting. The gradient reaching a broadcast operand is summed
/// over the stretched axes (`Tensor.summed(toShape:)`).
extension Variable {
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func + (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return a.tape.record(a.value + b.value, inputs: [a, b]) { g, need in
            [need[0] ? g.summed(toShape: sa) : nil, need[1] ? g.summed(toShape: sb) : nil]
        }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func - (a: Variable, b: Variable) -> Variable {
        let sa = a.shape, sb = b.shape
        return a.tape.record(a.value - b.value, inputs: [a, b]) { g, need in
            [need[0] ? g.summed(toShape: sa) : nil, need[1] ? (-g).summed(toShape: sb) : nil]
        }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func * (a: Variable, b: Variable) -> Variable {
        let va = a.value, vb = b.value
        return a.tape.record(va * vb, inputs: [a, b]) { g, need in
            [need[0] ? (g * vb).summed(toShape: va.shape) : nil, need[1] ? (g * va).summed(toShape: vb.shape) : nil]
        }
    }

    /// a / b; d/da = 1/b, d/db = −a/b².
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func / (a: Variable, b: Variable) -> Variable {
        let va = a.value, vb = b.value
        return a.tape.record(va / vb, inputs: [a, b]) { g, need in
            [need[0] ? (g / vb).summed(toShape: va.shape) : nil,
             need[1] ? (-(g * va) / (vb * vb)).summed(toShape: vb.shape) : nil]
        }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func * (a: Variable, s: Scalar) -> Variable {
        a.tape.record(a.value * s, inputs: [a]) { g, _ in [g * s] }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func * (s: Scalar, a: Variable) -> Variable { a * s }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public static func + (a: Variable, s: Scalar) -> Variable {
        a.tape.record(a.value + s, inputs: [a]) { g, _ in [g] }
    }

    public static prefix func - (a: Variable) -> Variable { a * Scalar(-1) }
}
