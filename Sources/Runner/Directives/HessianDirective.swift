import Analysis
import Learning
import Notebooks

/// `{hessian}`: the spectrum of the training loss's Hessian at a trained model, from
/// Hessian–vector products by central differences of gradients (Double precision): the full
/// spectrum through LAPACK for models up to `max_full` parameters, else the top `top_k` by
/// Lanczos. Flat directions are eigenvalues below `relative_threshold` × the largest.
///
/// Result: `eigenvalues` (descending), `index`, `top`, `largest`, `flat_count`, `flat_fraction`,
/// `parameters`, `full` (whether the whole spectrum was computed).
public enum HessianDirective: Directive {
    public static let kind = "hessian"
    public static let summary = "Hessian spectrum of the training loss and its flat directions."
    enum Field {
        static let eigenvalues = ResultField("eigenvalues", "descending"), index = ResultField("index"), top = ResultField("top")
        static let largest = ResultField("largest"), flatCount = ResultField("flat_count"), flatFraction = ResultField("flat_fraction")
        static let parameters = ResultField("parameters"), full = ResultField("full", "whether the whole spectrum was computed")
        static let all = [eigenvalues, index, top, largest, flatCount, flatFraction, parameters, full]
    }
    public static let result = ResultField.describe(Field.all)
    public static let traits: Set<DirectiveTrait> = [.analysesModel]
    static let model = TrainedModelOption.model("A {train} cell.")
    static let topK = DirectiveOption<Int>("top_k", "Eigenvalues by Lanczos when the full spectrum is too large.", default: 20)
    static let maxFull = DirectiveOption<Int>("max_full", "Compute the full spectrum up to this many parameters.", default: 3000)
    static let relativeThreshold = DirectiveOption<Double>("relative_threshold", "An eigenvalue below this × the largest counts as flat.", default: 1e-3)
    static let seed = DirectiveOption<Int>.seed("Seed of Lanczos's start vector.")
    public static let keys = OptionKey.of(model, topK, maxFull, relativeThreshold, seed)

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let (_, run) = try context.trainingRun(options)
        let objective = TrainedModelObjective(run.model)
        let w = run.model.flatParameters()
        let d = objective.dimension
        let threshold = try options.read(relativeThreshold)
        let full = d <= (try options.read(maxFull))
        let eigenvalues: [Double]
        if full {
            eigenvalues = hessianSpectrum(objective: objective, at: w).sorted(by: >)
        } else {
            let k = min(d, try options.read(topK))
            eigenvalues = lanczosTopEigenvalues(k: k, objective: objective, at: w, seed: try options.seed(seed))
        }
        let largest = eigenvalues.first ?? 0
        let flat = full ? flatDirectionCount(eigenvalues: eigenvalues, relativeThreshold: threshold) : 0
        let record = Record([
            (Field.eigenvalues, .numbers(eigenvalues)),
            (Field.index, .numbers((1...max(1, eigenvalues.count)).map(Double.init).prefix(eigenvalues.count).map { $0 })),
            (Field.top, .numbers(Array(eigenvalues.prefix(10)))),
            (Field.largest, .number(largest)),
            (Field.flatCount, full ? .number(Double(flat)) : .null),
            (Field.flatFraction, full ? .number(Double(flat) / Double(d)) : .null),
            (Field.parameters, .number(Double(d))),
            (Field.full, .bool(full)),
        ])
        var items: [(label: String, value: String)] = [("parameters", "\(d)"), ("largest eigenvalue", formatValue(.number(largest)))]
        if full {
            items.append(("flat directions (< \(formatValue(.number(threshold))) × largest)", "\(flat) (\(ValueFormat.percent(1).format(.number(Double(flat) / Double(d)))))"))
        } else {
            items.append(("method", "Lanczos, top \(eigenvalues.count)"))
        }
        return CellOutput(value: .record(record), display: [.summary(title: "Hessian spectrum", items: items)])
    }
}
