import Learning
import Notebooks

/// How the analysis directives read the `{train}` cell they analyse (`model: grok`) and one of its
/// checkpoints, with one wording for every error.
extension RunContext {
    /// The training run of the cell named by the option `key`. (A sweep never reaches here: the
    /// executor runs the analysis once per run of it, `SweepAnalysis`.)
    func trainingRun(_ options: Options, key: String = "model") throws(Diagnostic) -> (id: String, run: TrainingRun) {
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
