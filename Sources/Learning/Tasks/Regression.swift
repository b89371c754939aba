import Tensors

extension Dataset {
    /// Teacher–student regression: inputs x ~ N(0, s²·I_{d_in}) (s = `inputStd`), targets
    /// y = teacher(x) + noise·N(0, I), the noise drawn afresh for every example of both splits (so
    /// the best possible test MSE is noise², the noise floor). widths = [d_in, h₁, …, d_out].
    /// With `whiten`, the training inputs are then transformed (`whitened`) so that their second
    /// moment (1/n)·XᵀX is exactly s²·I, before the teacher sees them. Teachers:
    /// - `linear`: y = A x with A = B·C of rank r (B [d_out, r] with N(0, 1) entries, C [r, d_in]
    ///   with N(0, 1/(r·d_in)) entries), so E[y_j²] = s² for every output j; r = 0 gives A = 0
    ///   (y is pure noise); r = min(d_in, d_out) when not given (widths beyond the ends are ignored);
    /// - `deep_linear`: y = W_L⋯W₁x with Gaussian Wℓ scaled 1/√fan_in; a `rank` r keeps only the
    ///   first r rows of W₁ (the rest zero), so the product has rank ≤ r;
    /// - `relu`: the ReLU network with those widths (no biases, He-scaled Gaussian weights).
    ///   Both keep E[h²] = 1 through the layers on average over teachers, so outputs have variance
    ///   1 in expectation (a given ReLU teacher's can differ by tens of percent).
    ///
    /// The teacher and the training set are drawn from the stream of `seed`; the test set from a
    /// stream of its own (`testStream(seed)`), so changing `train_size` changes no test example.
    public static func teacherStudent(_ teacher: TeacherKind, widths: [Int], rank: Int?, noise: Double, inputStd: Double = 1,
                                      whiten: Bool = false, trainSize: Int, testSize: Int, seed: UInt64) throws -> Dataset {
        guard widths.count >= 2, widths.allSatisfy({ $0 > 0 }) else { throw ConfigurationError(["task", "widths"], "teacher widths must list at least d_in and d_out") }
        guard inputStd > 0, inputStd.isFinite else { throw ConfigurationError(["task", "input_std"], "input_std must be positive, got \(inputStd)") }
        if whiten && trainSize < widths[0] {
            throw ConfigurationError(["task", "whiten"], "whiten needs train_size at least d_in = \(widths[0]), got \(trainSize)")
        }
        var rng = RandomGenerator(seed: seed)
        let dIn = widths[0], dOut = widths[widths.count - 1]
        var layers: [Tensor<Double>] = []
        switch teacher {
        case .linear:
            let r = Swift.min(rank ?? Swift.min(dIn, dOut), Swift.min(dIn, dOut))
            if r == 0 {
                layers = [Tensor<Double>.zeros([dOut, dIn])]
            } else {
                let b = Tensor<Double>.normal([dOut, r], using: &rng)
                let c = Tensor<Double>.normal([r, dIn], std: 1 / Double(r * dIn).squareRoot(), using: &rng)
                layers = [b.matmul(c)]
            }
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
        func draw(_ count: Int, exactMoments: Bool, using rng: inout RandomGenerator) -> Examples {
            var x = Tensor<Double>.normal([count, dIn], std: inputStd, using: &rng)
            if exactMoments { x = whitened(x, std: inputStd) }
            var h = x
            for (l, w) in layers.enumerated() {
                h = h.matmul(w, transposeOther: true)
                if teacher == .relu && l < layers.count - 1 { h = h.map { Swift.max($0, 0) } }
            }
            if noise > 0 { h = h + Tensor<Double>.normal(h.shape, std: noise, using: &rng) }
            return Examples(count: count, inputWidth: dIn, features: x.scalars, targets: h.scalars)
        }
        var testRNG = testStream(seed)
        let train = draw(trainSize, exactMoments: whiten, using: &rng), test = draw(testSize, exactMoments: false, using: &testRNG)
        return Dataset(name: "\(teacher.rawValue) teacher \(widths)", vocabulary: nil, inputWidth: dIn, classes: nil,
                       outputWidth: dOut, train: train, test: test)
    }

    /// X [n, d] (n ≥ d, full column rank) made to have second moment exactly s²·I: modified
    /// Gram–Schmidt on the columns, run twice (the second pass removes the first's rounding), gives
    /// Q with QᵀQ = I, and √n·s·Q has (1/n)·XᵀX = s²·I to rounding. For Gaussian X, Q is uniform
    /// on the orthonormal frames, so the rows' distribution stays rotation invariant.
    static func whitened(_ x: Tensor<Double>, std s: Double) -> Tensor<Double> {
        let n = x.shape[0], d = x.shape[1]
        var columns = (0..<d).map { j in (0..<n).map { x[$0, j] } }
        for _ in 0..<2 {
            for j in 0..<d {
                for k in 0..<j {
                    let dot = zip(columns[j], columns[k]).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<n { columns[j][i] -= dot * columns[k][i] }
                }
                let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
                for i in 0..<n { columns[j][i] /= norm }
            }
        }
        let scale = Double(n).squareRoot() * s
        return Tensor(shape: [n, d], scalars: (0..<(n * d)).map { columns[$0 % d][$0 / d] * scale })
    }

    /// Compositional and generic regression targets on x ∈ [−1, 1]^d.
    ///
    /// Compositional (d a power of two): a binary tree of depth log₂d whose every node applies
    /// g(u, v) = tanh(a·u + b·v + c·u·v) with its own coefficients a, b, c ~ N(0, 1) + a fixed 1 on
    /// a and b's scale, combining pairs of inputs, then pairs of results, up to one output
    /// (Poggio et al. 2017's hierarchically local functions).
    /// Generic: y = (1/√m) Σⱼ cⱼ·tanh(wⱼ·x + bⱼ) with m = 4d dense random units (wⱼ ~ N(0, I/d)·2,
    /// bⱼ, cⱼ ~ N(0, 1)): every unit sees all d inputs, so the target has no local structure.
    /// Inputs are uniform on [−1, 1]^d; `noise`·N(0, 1) is added to the targets of both splits (the
    /// test MSE floor is noise²). The test set has its own stream (`testStream(seed)`).
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
        func draw(_ count: Int, using rng: inout RandomGenerator) -> Examples {
            var x = [Double](), y = [Double]()
            for _ in 0..<count {
                let row = (0..<d).map { _ in rng.uniform(-1, 1) }
                x += row
                y.append(target(row[...]) + (noise > 0 ? noise * rng.normal() : 0))
            }
            return Examples(count: count, inputWidth: d, features: x, targets: y)
        }
        var testRNG = testStream(seed)
        let train = draw(trainSize, using: &rng), test = draw(testSize, using: &testRNG)
        return Dataset(name: (compositional ? "compositional" : "generic") + " target on \(d) inputs", vocabulary: nil,
                       inputWidth: d, classes: nil, outputWidth: 1, train: train, test: test)
    }

    /// The stream a sampled task's test set is drawn from: independent of the training set's, so
    /// the test examples do not depend on `train_size`.
    static func testStream(_ seed: UInt64) -> RandomGenerator {
        var base = RandomGenerator(seed: seed)
        return base.split()
    }
}
