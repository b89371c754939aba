import Analysis
import Learning
import Notebooks

/// `{prune}`: finds the ReLU units of a one-hidden-layer network that never fire on its training
/// inputs, removes them, and checks that the smaller network computes the same function
/// (the largest absolute output difference, zero up to rounding). Activations and outputs come
/// from the training core's forward pass (`TrainedModel.pruneDeadUnits`).
///
/// Result: `dead` (count), `dead_units`, `hidden`, `nominal_parameters`, `effective_parameters`,
/// `max_abs_difference`.
public enum PruneDirective: Directive {
    public static let kind = "prune"
    public static let summary = "Remove dead ReLU units and check the function is unchanged."
    enum Field {
        static let dead = ResultField("dead", "count"), deadUnits = ResultField("dead_units"), hidden = ResultField("hidden")
        static let nominal = ResultField("nominal_parameters"), effective = ResultField("effective_parameters")
        static let maxDifference = ResultField("max_abs_difference")
    }
    public static let result = ResultField.describe([Field.dead, Field.deadUnits, Field.hidden, Field.nominal, Field.effective, Field.maxDifference])
    public static let traits: Set<DirectiveTrait> = [.analysesModel]
    public static let keys = OptionKey.of(TrainedModelOption.model("A {train} cell: an MLP with one hidden ReLU layer and biases."))

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let (id, run) = try context.trainingRun(options)
        guard let report = run.model.pruneDeadUnits() else {
            let reason: String
            if let activation = run.model.hiddenActivation, activation != .relu {
                reason = "its activation is \(activation.rawValue)"
            } else {
                reason = "it is \(run.model.architecture.summary)"
            }
            throw Diagnostic(at: options.location(of: "model"), "'\(id)' must be an MLP with one hidden ReLU layer and biases (\(reason))")
        }
        let record = Record([
            (Field.dead, .number(Double(report.deadUnits.count))),
            (Field.deadUnits, .numbers(report.deadUnits)),
            (Field.hidden, .number(Double(report.hiddenCount))),
            (Field.nominal, .number(Double(report.nominalParameterCount))),
            (Field.effective, .number(Double(report.effectiveParameterCount))),
            (Field.maxDifference, .number(report.maxAbsOutputDifference)),
        ])
        return CellOutput(value: .record(record), display: [.summary(title: "Dead units pruned", items: [
            ("dead units", "\(report.deadUnits.count) of \(report.hiddenCount)"),
            ("parameters: nominal → effective", "\(report.nominalParameterCount) → \(report.effectiveParameterCount)"),
            ("largest output difference", formatValue(.number(report.maxAbsOutputDifference))),
        ])])
    }
}
