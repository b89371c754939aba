import Tensors

extension Dataset {
    /// Teacher–student regression: inputs x ~ N(0, I_{d_in}), targets y = teacher(x) + noise·N(0, I).
    /// widths = [d_in, h₁, …, d_out]. Teachers:
    /// - `linear`: y = A x with A = B·C of rank r (B [d_out, r], C [r, d_in] Gaussian, scaled by
    ///   1/√d_in); r = min(d_in, d_out) when not given (widths beyond the ends are ignored);
    /// - `deep_linear`: y = W_L⋯W₁x with Gaussian Wℓ scaled 1/√fan_in; a `rank` r keeps only the
    ///   first r rows of W₁ (the rest zero), so the product has rank ≤ r;
    /// - `relu`: the ReLU network with those widths (no biases, He-scaled Gaussian weights).
    public static func teacherStudent(_ teacher: TeacherKind, widths: [Int], rank: Int?, noise: Double,
                                      trainSize: Int, testSize: Int, seed: UInt64) throws -> Dataset {
        guard widths.count >= 2, widths.allSatisfy({ $0 > 0 }) else { throw ConfigurationError(["task", "widths"], "teacher widths must list at least d_in and d_out") }
        var rng = RandomGenerator(seed: seed)
        let dIn = widths[0], dOut = widths[widths.count - 1]
        var layers: [Tensor<Double>] = []
        switch teacher {
        case .linear:
            let r = Swift.min(rank ?? Swift.min(dIn, dOut), Swift.min(dIn, dOut))
            let b = Tensor<Double>.normal([dOut, r], using: &rng)
            let c = Tensor<Double>.normal([r, dIn], std: 1 / Double(dIn).squareRoot(), using: &rng)
            layers = [b.matmul(c)]
        case .deepLinear, .relu:
            for l in 0..<(widths.count - 1) {
                let std = (teacher == .relu && l > 0 ? 2.0 : 1.0).squareRoot() / Double(widths[l]).squareRoot()
                var w = Tensor<Double>.normal([widths[l + 1], widths[l]], std: std, using: &rng)
                if l == 0, let r = rank, r < widths[1] {
                    for i in r..<widths[1] { for j in 0..<widths[0] { w[i, j] = 0 } }
                }
                layers.append(w)
            }
        }
        func draw(_ count: Int) -> Examples {
            let x = Tensor<Double>.normal([count, dIn], using: &rng)
            var h = x
            for (l, w) in layers.enumerated() {
                h = h.matmul(w, transposeOther: true)
                if teacher == .relu && l < layers.count - 1 { h = h.map { Swift.max($0, 0) } }
            }
            if noise > 0 { h = h + Tensor<Double>.normal(h.shape, std: noise, using: &rng) }
            return Examples(count: count, inputWidth: dIn, features: x.scalars, targets: h.scalars)
        }
        let train = draw(trainSize), test = draw(testSize)
        return Dataset(name: "\(teacher.rawValue) teacher \(widths)", vocabulary: nil, inputWidth: dIn, classes: nil,
                       outputWidth: dOut, train: train, test: test)
    }

    /// Compositional and generic regression targets on x ∈ [−1, 1]^d.
    ///
    /// Compositional (d a power of two): a binary tree of depth log₂d whose every node applies
    /// g(u, v) = tanh(a·u + b·v + c·u·v) with its own coefficients a, b, c ~ N(0, 1) + a fixed 1 on
    /// a and b's scale, combining pairs of inputs, then pairs of results, up to one output
    /// (Poggio et al. 2017's hierarchically local functions).
    /// Generic: y = (1/√m) Σⱼ cⱼ·tanh(wⱼ·x + bⱼ) with m = 4d dense random units (wⱼ ~ N(0, I/d)·2,
    /// bⱼ, cⱼ ~ N(0, 1)): every unit sees all d inputs, so the target has no local structure.
    public static func hierarchical(inputs d: Int, compositional: Bool, trainSize: Int, testSize: Int, noise: Double,
                                    seed: UInt64) throws -> Dataset {
        guard d >= 2 else { throw ConfigurationError(["task", "inputs"], "inputs must be at least 2") }
        if compositional && d & (d - 1) != 0 { throw ConfigurationError(["task", "inputs"], "compositional targets need inputs a power of two, got \(d)") }
        var rng = RandomGenerator(seed: seed)
        var nodes: [(Double, Double, Double)] = []
        for _ in 0..<(d - 1) { nodes.append((1 + 0.5 * rng.normal(), 1 + 0.5 * rng.normal(), rng.normal())) }
        let m = 4 * d
        let units = (0..<m).map { _ in ((0..<d).map { _ in 2 * rng.normal() / Double(d).squareRoot() }, rng.normal(), rng.normal()) }
        func target(_ x: ArraySlice<Double>) -> Double {
            if compositional {
                var level = Array(x), k = 0
                while level.count > 1 {
                    var next: [Double] = []
                    for i in stride(from: 0, to: level.count, by: 2) {
                        let (a, b, c) = nodes[k]; k += 1
                        next.append(Double.tanh(a * level[i] + b * level[i + 1] + c * level[i] * level[i + 1]))
                    }
                    level = next
                }
                return level[0]
            }
            var y = 0.0
            for (w, b, c) in units {
                var s = b
                for (wi, xi) in zip(w, x) { s += wi * xi }
                y += c * Double.tanh(s)
            }
            return y / Double(m).squareRoot()
        }
        func draw(_ count: Int) -> Examples {
            var x = [Double](), y = [Double]()
            for _ in 0..<count {
                let row = (0..<d).map { _ in rng.uniform(-1, 1) }
                x += row
                y.append(target(row[...]) + (noise > 0 ? noise * rng.normal() : 0))
            }
            return Examples(count: count, inputWidth: d, features: x, targets: y)
        }
        let train = draw(trainSize), test = draw(testSize)
        return Dataset(name: (compositional ? "compositional" : "generic") + " target on \(d) inputs", vocabulary: nil,
                       inputWidth: d, classes: nil, outputWidth: 1, train: train, test: test)
    }
}
