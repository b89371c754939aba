import XCTest
import Tensors
@testable import Learning

/// Compares the tape's gradient of L = Σ R ⊙ f(θ) (R a fixed random tensor, so every output entry
/// matters) with central finite differences (L(θ + h·eᵢ) − L(θ − h·eᵢ))/(2h), h = 1e-5, in Double.
/// The relative error ‖g_tape − g_fd‖ / (‖g_tape‖ + ‖g_fd‖) must stay below `tolerance` (1e-6):
/// the truncation error is O(h²) ≈ 1e-10 and the rounding error O(ε/h) ≈ 1e-11 relative.
func assertGradientsMatch(
    _ parameters: Parameters<Double>, tolerance: Double = 1e-6, seed: UInt64 = 99,
    file: StaticString = #filePath, line: UInt = #line,
    _ f: (ParameterVariables<Double>) -> Variable<Double>
) {
    let tape = Tape<Double>()
    let out = f(tape.bind(parameters))
    var rng = RandomGenerator(seed: seed)
    let weights = Tensor<Double>.normal(out.shape, using: &rng)
    let objective = out.shape.isEmpty ? out : (out * tape.constant(weights)).sum()
    let analytic = tape.gradients(of: objective)

    func value(_ p: Parameters<Double>) -> Double {
        let t = Tape<Double>()
        let y = f(t.bind(p)).value
        return y.shape.isEmpty ? y.scalar : (y * weights).sum()
    }
    let h = 1e-5
    var total = 0.0
    for (k, name) in parameters.names.enumerated() {
        let a = analytic[name] ?? Tensor<Double>.zeros(parameters.tensors[k].shape)
        var numeric = [Double](repeating: 0, count: a.count)
        for i in 0..<a.count {
            var plus = parameters, minus = parameters
            plus.tensors[k].scalars[i] += h
            minus.tensors[k].scalars[i] -= h
            numeric[i] = (value(plus) - value(minus)) / (2 * h)
        }
        var diff = 0.0, na = 0.0, nn = 0.0
        for i in 0..<a.count {
            diff += (a.scalars[i] - numeric[i]) * (a.scalars[i] - numeric[i])
            na += a.scalars[i] * a.scalars[i]; nn += numeric[i] * numeric[i]
        }
        let denominator = na.squareRoot() + nn.squareRoot()
        let relative = denominator == 0 ? 0 : diff.squareRoot() / denominator
        XCTAssertLessThan(relative, tolerance, "gradient of \(name): relative error \(relative)", file: file, line: line)
        total += denominator
    }
    XCTAssertGreaterThan(total, 0, "every gradient is identically zero; the check is vacuous", file: file, line: line)
}

/// Parameters from (name, shape) pairs with N(0, 1) entries, shifted away from 0 by `offset` in
/// magnitude when given (to keep ReLU inputs off the kink).
func randomParameters(_ shapes: [(String, [Int])], seed: UInt64 = 1, awayFromZero: Double = 0) -> Parameters<Double> {
    var rng = RandomGenerator(seed: seed)
    var p = Parameters<Double>()
    for (name, shape) in shapes {
        var t = Tensor<Double>.normal(shape, using: &rng)
        if awayFromZero > 0 { t = t.map { $0 >= 0 ? $0 + awayFromZero : $0 - awayFromZero } }
        p.append(name, t)
    }
    return p
}
