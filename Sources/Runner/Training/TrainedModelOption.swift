import Learning
import Notebooks

/// The options of a directive that analyses a `{train}` cell's model (trait `.analysesModel`),
/// declared once for all of them.
public enum TrainedModelOption {
    /// The key that names the analysed cell.
    public static let modelKey = "model"
    /// The `{train}` cell analysed; each directive says what kind of model it needs.
    public static func model(_ doc: String) -> DirectiveOption<String> {
        DirectiveOption<String>(modelKey, doc, type: .cellReference, required: true)
    }
}

/// How the analysis directives read the `{train}` cell they analyse (`model: grok`) and one of its
/// checkpoints, with one wording for every error.
extension RunContext {
    /// The training run of the cell named by the `model` option. (A sweep never reaches here: the
    /// executor runs the analysis once per run of it, `SweepAnalysis`.)
    public func trainingRun(_ options: Options) throws(Diagnostic) -> (id: String, run: TrainingRun) {
        let key = TrainedModelOption.modelKey
        let id = try options.requiredString(key)
        return (id, try artifact(id, as: TrainingRun.self, at: options.location(of: key), what: "trained model"))
    }
}

extension TrainingRun {
    /// The flat parameters kept at `step`, or a diagnostic at `location` listing the kept steps.
    func parameters(atStep step: Int, id: String, at location: SourceLocation) throws(Diagnostic) -> [Double] {
        guard let checkpoint = checkpoints.first(where: { $0.step == step }) else {
            let kept = checkpoints.map { String($0.step) }.joined(separator: ", ")
            throw Diagnostic(at: location, "'\(id)' kept no checkpoint at step \(step)",
                             note: kept.isEmpty ? "add `checkpoints: [...]` to the {train} cell" : "kept: \(kept); add the step to its `checkpoints`")
        }
        return checkpoint.parameters
    }

    /// The steps an analysis runs at over training (its `checkpoints` option): `all` (or a missing
    /// list) means every kept checkpoint; each listed step must have been kept.
    func checkpointSteps(_ options: Options, id: String) throws(Diagnostic) -> [Int] {
        if case .string("all")? = try options.value("checkpoints") { return checkpoints.map(\.step) }
        guard let steps = try options.ints("checkpoints") else { return checkpoints.map(\.step) }
        for step in steps { _ = try parameters(atStep: step, id: id, at: options.location(of: "checkpoints")) }
        return steps
    }
}
