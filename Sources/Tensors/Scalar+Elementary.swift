#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// File-scope helpers resolve to the C library's functions (inside the static methods below an
// unqualified `exp` would name the method itself).
@inline(__always) private func cExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func cLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func cTanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) private func cErf(_ x: Double) -> Double { erf(x) }

extension Float {
    @inline(__always) public static func exp(_ x: Float) -> Float { expf(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { logf(x) }
    @inline(__always) public static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) public static func erf(_ x: Float) -> Float { erff(x) }
}

extension Double {
    @inline(__always) public static func exp(_ x: Double) -> Double { cExp(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { cLog(x) }
    @inline(__always) public static func tanh(_ x: Double) -> Double { cTanh(x) }
    @inline(__always) public static func erf(_ x: Double) -> Double { cErf(x) }
}
