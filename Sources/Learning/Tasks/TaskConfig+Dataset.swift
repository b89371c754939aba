/// Builds the dataset of a task configuration; `defaultSeed` seeds it when the task has no seed.
/// Missing keys take `TaskConfig`'s defaults. Throws `ConfigurationError` naming the key at fault.
public func makeDataset(_ task: TaskConfig, defaultSeed: UInt64 = 0) throws -> Dataset {
    typealias D = TaskConfig
    let seed = task.seed ?? defaultSeed
    let labelNoise = task.labelNoise ?? D.defaultLabelNoise, noise = task.noise ?? D.defaultNoise
    let trainSize = task.trainSize ?? D.defaultSampleSize, testSize = task.testSize ?? D.defaultSampleSize
    func needs(_ key: String) -> ConfigurationError { ConfigurationError(["task"], "a \(task.kind.rawValue) task needs '\(key)'") }
    switch task.kind {
    case .modular:
        guard let p = task.modulus else { throw needs("modulus") }
        return try .modular(task.op ?? D.defaultOperation, modulus: p, trainFraction: task.trainFraction ?? D.defaultModularTrainFraction,
                            seed: seed, labelNoise: labelNoise)
    case .parity, .staircase:
        guard let n = task.bits else { throw needs("bits") }
        return try .parity(bits: n, degree: task.degree ?? Swift.min(D.defaultDegree, n), staircase: task.kind == .staircase,
                           trainSize: trainSize, testSize: testSize, seed: seed, labelNoise: labelNoise)
    case .boolean:
        guard let table = task.truthTable else { throw needs("truth_table") }
        return try .boolean(truthTable: table, trainFraction: task.trainFraction ?? D.defaultBooleanTrainFraction, seed: seed,
                            labelNoise: labelNoise)
    case .teacher:
        guard let widths = task.widths else { throw needs("widths") }
        return try .teacherStudent(task.teacher ?? D.defaultTeacher, widths: widths, rank: task.rank, noise: noise,
                                   inputStd: task.inputStd ?? D.defaultInputStd, whiten: task.whiten ?? false,
                                   trainSize: trainSize, testSize: testSize, seed: seed)
    case .compositional, .generic:
        return try .hierarchical(inputs: task.inputs ?? D.defaultInputs, compositional: task.kind == .compositional,
                                 trainSize: trainSize, testSize: testSize, noise: noise, seed: seed)
    }
}
