import Learning

/// The models whose learning coefficient λ is known exactly, each as an architecture plus a task
/// that the training core trains like any other (`trainingConfig`), so SGLD measures them through
/// the same tape as any trained network (`TrainedModelObjective`). Their closed-form losses and
/// gradients live in the tests, as oracles the tape must reproduce.
///
/// | model | architecture | task | w* | λ |
/// |---|---|---|---|---|
/// | quadratic (d, a) | `deep_linear` with no hidden layer: w ↦ w·x | teacher `linear` [d, 1], noise 1, inputs whitened to second moment (a/2)·I | one SGD step of size 1/a | d/2 |
/// | polynomial (p_i) | `monomial`: x·Π w_i^{p_i} | teacher of rank 0 (y independent of x), x ~ N(0, 2²), noise 0.25 | 0 | min 1/(2p_i) |
/// | reduced rank (M, H, N, r) | `deep_linear` [M, H, N] | teacher `linear` [M, N] of rank r, noise 1 | Adam from variance 1/fan_in | Aoyagi & Watanabe 2005 |
/// | deep linear (H_0 … H_L, r) | `deep_linear` H_0 … H_L | teacher `linear` [H_0, H_L] of rank r, noise 1 | Adam from variance 1/fan_in | Aoyagi 2024 |
///
/// **Quadratic.** With one output, the mean-squared error of w ↦ w·x is
/// L(w) = wᵀC_xx w − 2wᵀC_xy + C_yy, exactly quadratic with Hessian 2·C_xx; whitened inputs make
/// C_xx = (a/2)·I exactly, so L = L* + ½·a·‖w − w*‖² with w* = (2/a)·C_xy. Since the Hessian is
/// a·I, one full-batch gradient step of size 1/a is Newton's step and lands on w* from anywhere
/// (to rounding).
///
/// **Polynomial.** devinterp's protocol: y = 0.25·ξ independent of x ~ N(0, 2²), so the
/// population loss 4·Π w_i^{2p_i} + 1/16 is minimal on the coordinate hyperplanes, and λ is
/// that of the origin, where devinterp places w*. The monomial starts at zero (`init_std: 0`)
/// and takes no step: w* = 0. (The sample loss at 0 has a gradient of order 1/√n in a
/// direction with p_i = 1; devinterp's tests keep w* = 0 all the same.)
///
/// **Reduced rank and deep linear.** Adam (lr 0.01, full batch, no weight decay, 5000 steps)
/// from weights of variance 1/fan_in (`defaultInitScale` times PyTorch's default, whose variance
/// is 1/(3·fan_in)): LeCun's variance-preserving initialization for linear units, under which
/// each layer passes its input's scale on (PyTorch's default would shrink the signal threefold per
/// layer), and the initialization the earlier hand-derived objectives drew from.
///
/// The point training reaches matters. The set of minima is not a point: hidden directions that
/// the teacher does not use can hold any balanced weights, and λ̂ at the validated setting grows
/// with ‖w*‖ along that set (measured on eight held-out shapes at eight seeds each: from an
/// initialization of 0.1× PyTorch's, ‖w*‖ is smallest and λ̂ reads 12–50% low on average; from
/// PyTorch's, 11–38% low; from variance 1/fan_in, 0–18% low). Aoyagi's λ is the global one, the
/// smallest local λ over the minima, attained at the most degenerate (smallest) point; but
/// there, at n = 1000, the curvature that a product of small factors leaves (nβ·‖B‖²) is of the
/// order of γ = 100, and the localization cuts λ̂ by about half. Notebook 03 states this.
public enum KnownLambdaModel: Sendable, Equatable {
    case quadratic(dimension: Int, curvature: Double)
    case polynomial(powers: [Int])
    case reducedRank(inputs: Int, hidden: Int, outputs: Int, rank: Int)
    case deepLinear(widths: [Int], rank: Int)

    /// The Adam learning rate of the networks' training.
    public static let learningRate = 0.01
    /// Adam steps that train the networks when a cell does not say.
    public static let defaultTrainSteps = 5000
    /// The networks' initialization when a cell does not say, relative to PyTorch's default:
    /// √3, weights of variance 1/fan_in (see above).
    public static let defaultInitScale = 3.0.squareRoot()
    /// devinterp's polynomial data: x ~ N(0, inputStd²), y = noise·N(0, 1).
    public static let polynomialInputStd = 2.0, polynomialNoise = 0.25
    /// The label noise of the quadratic and the linear networks' teachers.
    public static let teacherNoise = 1.0

    /// The exact learning coefficient.
    public var trueLambda: Double {
        switch self {
        case let .quadratic(d, _): Double(d) / 2
        case let .polynomial(powers): powers.filter { $0 > 0 }.map { 1 / (2 * Double($0)) }.min()!
        case let .reducedRank(m, h, n, r): trueLambdaReducedRank(M: m, H: h, N: n, r: r)
        case let .deepLinear(widths, r): trueLambdaDeepLinear(widths: widths, rank: r)
        }
    }

    /// The training run that finds w*: this model's architecture and task with `samples` training
    /// examples; `seed` seeds the data and `seed + 1` the initialization. Double precision.
    /// `trainSteps` and `initScale` apply to the linear networks only.
    public func trainingConfig(samples n: Int, seed: UInt64, trainSteps: Int = defaultTrainSteps,
                               initScale: Double = defaultInitScale) -> TrainingConfig {
        let task: TaskConfig, model: ModelConfig, optimizer: OptimizerConfig, steps: Int
        switch self {
        case let .quadratic(d, a):
            task = TaskConfig(kind: .teacher, seed: seed, trainSize: n, testSize: 0, teacher: .linear, widths: [d, 1],
                              noise: Self.teacherNoise, inputStd: (a / 2).squareRoot(), whiten: true)
            model = ModelConfig(kind: .deepLinear, widths: [])
            optimizer = OptimizerConfig(kind: .sgd, lr: 1 / a)
            steps = 1
        case let .polynomial(powers):
            task = TaskConfig(kind: .teacher, seed: seed, trainSize: n, testSize: 0, teacher: .linear, widths: [1, 1], rank: 0,
                              noise: Self.polynomialNoise, inputStd: Self.polynomialInputStd)
            model = ModelConfig(kind: .monomial, initialization: .normal, initStd: 0, powers: powers)
            optimizer = OptimizerConfig(kind: .sgd)
            steps = 0
        case .reducedRank, .deepLinear:
            let (widths, rank) = layerWidths
            task = TaskConfig(kind: .teacher, seed: seed, trainSize: n, testSize: 0, teacher: .linear,
                              widths: [widths.first!, widths.last!], rank: rank, noise: Self.teacherNoise)
            model = ModelConfig(kind: .deepLinear, widths: Array(widths.dropFirst().dropLast()), initScale: initScale)
            optimizer = OptimizerConfig(kind: .adam, lr: Self.learningRate)
            steps = trainSteps
        }
        return TrainingConfig(task: task, model: model, optimizer: optimizer, steps: steps, recordEvery: max(1, steps),
                              seed: seed &+ 1, precision: .double)
    }

    /// The trained model; its parameters are w*.
    public func train(samples n: Int, seed: UInt64, trainSteps: Int = defaultTrainSteps,
                      initScale: Double = defaultInitScale) throws -> TrainedModel {
        try Learning.train(trainingConfig(samples: n, seed: seed, trainSteps: trainSteps, initScale: initScale)).model
    }

    /// The widths H_0 … H_L and rank of a linear network.
    private var layerWidths: (widths: [Int], rank: Int) {
        switch self {
        case let .reducedRank(m, h, n, r): ([m, h, n], r)
        case let .deepLinear(widths, r): (widths, r)
        case .quadratic, .polynomial: preconditionFailure("not a linear network")
        }
    }
}
