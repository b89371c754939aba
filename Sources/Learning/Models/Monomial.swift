import Tensors

/// The scalar monomial model f(x) = x·Π_i w_i^{p_i} of devinterp's polynomial ("normal crossing")
/// tests: one real input, one output, parameters `weight` [1, k] holding w_1 … w_k and fixed
/// powers p_i ≥ 0 (at least one positive).
///
/// Trained by mean-squared error on data where y does not depend on x, its population loss is
/// E[x²]·Π_i w_i^{2p_i} + E[y²], minimal on the coordinate hyperplanes, and its learning
/// coefficient at the origin is min over p_i > 0 of 1/(2p_i) (docs/references.md).
public struct Monomial: Architecture, Equatable {
    public var powers: [Int]
    public var initialization: WeightInit

    /// What `powers` may hold: each from 0 to 1000 (a bound that keeps the tape short), one positive.
    public static let powersRule = "from 0 to 1000, at least one of them positive"

    /// Whether `powers` follows `powersRule`.
    public static func accepts(_ powers: [Int]) -> Bool {
        powers.allSatisfy { (0...1_000).contains($0) } && powers.contains { $0 > 0 }
    }

    public init(powers: [Int], initialization: WeightInit = .framework(scale: 1)) {
        precondition(Self.accepts(powers), "Monomial: powers \(powers)")
        self.powers = powers
        self.initialization = initialization
    }

    public var summary: String {
        "monomial x·" + powers.enumerated().filter { $0.element > 0 }
            .map { "w\($0.offset + 1)" + ($0.element == 1 ? "" : "^\($0.element)") }.joined(separator: "·")
    }

    /// w drawn as the weight of a Linear layer with k inputs and one output (`WeightInit.linear`).
    public func makeParameters<S: BLASScalar>(using rng: inout RandomGenerator, as _: S.Type) -> Parameters<S> {
        let (w, _): (Tensor<S>, Tensor<S>) = initialization.linear(out: 1, in: powers.count, hidden: 1, rng: &rng)
        var p = Parameters<S>()
        p.append("weight", w)
        return p
    }

    /// m = Π_i w_i^{p_i} as a [1, 1] product of slices of `weight`, then x·m.
    public func forward<S: BLASScalar>(_ input: ModelInput<S>, _ p: ParameterVariables<S>) -> ForwardPass<S> {
        guard case let .features(x) = input, x.rank == 2, x.shape[1] == 1 else { preconditionFailure("Monomial: needs one real input") }
        let w = p["weight"]
        var m: Variable<S>?
        for (i, power) in powers.enumerated() where power > 0 {
            let wi = w.slice(alongAxis: 1, i..<(i + 1))
            for _ in 0..<power { m = m.map { $0 * wi } ?? wi }
        }
        return ForwardPass(output: w.tape.constant(x).matmul(m!), hidden: [])
    }
}
