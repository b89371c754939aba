import Analysis
import Learning
import Notebooks
import Tensors

/// `{cka}`: representation similarity (Kornblith et al. 2019) between the hidden layers of
/// several trained models on the same inputs: every model's test inputs must be the same. For
/// `untrained: true` the models' initial checkpoints (step 0) are compared instead, the baseline.
///
/// Result: `matrix` (rows of CKA values), `names`, `mean_off_diagonal`, `min_off_diagonal`.
public enum CKADirective: Directive {
    public static let kind = "cka"
    public static let summary = "CKA similarity of the hidden representations of several models."
    enum Field {
        static let matrix = ResultField("matrix", "rows of linear CKA values between the models, in the order listed")
        static let names = ResultField("names"), mean = ResultField("mean_off_diagonal"), min = ResultField("min_off_diagonal")
    }
    public static let result = ResultField.describe([Field.matrix, Field.names, Field.mean, Field.min])
    enum Kind: String, OptionChoice { case linear, rbf }
    static let models = DirectiveOption<Value>("models", "{train} cells trained on the same task.", type: .list(.cellReference), required: true)
    static let layer = DirectiveOption<Int>("layer", "Which hidden layer (0 = first, -1 = last).", default: -1)
    static let kindOption = DirectiveOption<Kind>("kind", "Linear or RBF CKA.", default: .linear)
    static let untrained = DirectiveOption<Bool>("untrained", "Compare the models at their step-0 checkpoints.", default: false)
    static let examples = DirectiveOption<Int>("examples", "Use at most this many test inputs.", default: 2000)
    public static let keys = OptionKey.of(models, layer, kindOption, untrained, examples)

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        guard case .list(let nodes, _)? = options.node("models") else {
            throw Diagnostic(at: options.location, "'models' must be a list of {train} cell ids")
        }
        let layer = try options.read(Self.layer)
        let untrained = try options.read(Self.untrained)
        let limit = try options.read(examples)
        var names: [String] = [], representations: [Tensor<Double>] = []
        var reference: Examples?
        for node in nodes {
            guard case .scalar(let id, _, let location) = node else { continue }
            let run = try context.artifact(id, as: TrainingRun.self, at: location, what: "trained model")
            var examples = run.dataset.test.count > 0 ? run.dataset.test : run.dataset.train
            if examples.count > limit { examples = examples.subset(Array(0..<limit)) }
            if let reference, reference != examples {
                throw Diagnostic(at: location, "'\(id)' was evaluated on different inputs than '\(names[0])'; CKA needs the same task and data seed")
            }
            reference = examples
            var flat: [Double]?
            if untrained { flat = try run.parameters(atStep: 0, id: id, at: location) }
            let hidden = run.model.hiddenActivations(at: flat, input: ModelInput(examples))
            guard !hidden.isEmpty else { throw Diagnostic(at: location, "'\(id)' has no hidden layer") }
            let index = layer < 0 ? hidden.count + layer : layer
            guard hidden.indices.contains(index) else {
                throw Diagnostic(at: options.location(of: "layer"), "'\(id)' has \(hidden.count) hidden layers; layer \(layer) does not exist")
            }
            names.append(id)
            representations.append(hidden[index])
        }
        let kind: CKAKind = try options.read(kindOption) == .rbf ? .rbf(bandwidthScale: 1) : .linear
        let matrix = ckaMatrix(representations, kind: kind)
        let rows = matrix.rowArrays
        var offDiagonal: [Double] = []
        for (i, row) in rows.enumerated() { for (j, v) in row.enumerated() where i != j { offDiagonal.append(v) } }
        let mean = offDiagonal.isEmpty ? Double.nan : offDiagonal.reduce(0, +) / Double(offDiagonal.count)
        let record = Record([
            (Field.matrix, .list(rows.map { .numbers($0) })),
            (Field.names, .strings(names)),
            (Field.mean, .number(mean)),
            (Field.min, .number(offDiagonal.min() ?? .nan)),
        ])
        return CellOutput(value: .record(record), display: [.summary(title: "CKA between \(names.count) models", items: [
            ("mean off-diagonal CKA", formatValue(.number(mean))),
            ("lowest", formatValue(.number(offDiagonal.min() ?? .nan))),
        ])])
    }
}
