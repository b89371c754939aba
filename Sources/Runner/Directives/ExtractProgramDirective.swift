import Analysis
import Learning
import Notebooks

/// `{extract_program}`: reads the modular-addition algorithm off a grokked network and runs it on
/// all p² inputs. For a one-hot MLP with quadratic activation f(a, b) = W·(U·[onehot(a); onehot(b)])²,
/// from its weights: each neuron's frequency and phases, summed into
/// Σ_k A_k cos(2πσ_k(a + b − q)/p + φ_k). For any other network over Z_p with a token embedding
/// (the transformer), from its logits on every input: their projection on cos/sin(w_k(a + b − q))
/// along the embedding's key frequencies (Nanda et al. 2023). At the end of training or over
/// checkpoints (a table, along the final parameters' key frequencies).
public enum ExtractProgramDirective: Directive {
    public static let kind = "extract_program"
    public static let summary = "Read the modular-addition algorithm off a grokked network and run it."
    enum Field {
        static let accuracy = ResultField("accuracy", "the extracted program against (a + b) mod p")
        static let agreement = ResultField("agreement", "with the network's answers"), networkAccuracy = ResultField("network_accuracy")
        static let frequencies = ResultField("frequencies"), neuronCounts = ResultField("neuron_counts", "one-hot MLP"), terms = ResultField("terms")
        static let explained = ResultField("explained", "read off the logits: the terms' share of the centred logits' energy; NaN for an MLP")
        static let step = ResultField("step")
        static let atOnePoint = [accuracy, agreement, networkAccuracy, frequencies, neuronCounts, terms, explained]
        static let overTraining = [step, accuracy, agreement, networkAccuracy, explained]
    }
    public static let result = ResultField.describe(Field.atOnePoint) + " Over checkpoints: a table of "
        + ResultField.describe(Field.overTraining).dropLast() + ", plus `frequencies`."
    public static let traits: Set<DirectiveTrait> = [.analysesModel]
    public static let keys = OptionKey.of(
        TrainedModelOption.model("A {train} cell: a one-hot MLP with quadratic activation, or a transformer, on two tokens mod p."),
        OptionKey("checkpoints", .any, "`all` or a list of kept steps: one row per checkpoint (transformer: along the final key frequencies)."))

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let (id, run) = try context.trainingRun(options)
        let model = run.model
        let finalKeys = model.architecture is OneHotMLP ? nil : model.keyFrequencies()
        func program(_ flat: [Double]?) throws -> ExtractedProgram {
            if let program = model.weightProgram(at: flat) { return program }
            if !(model.architecture is OneHotMLP), let program = model.logitProgram(at: flat, keyFrequencies: finalKeys) { return program }
            throw Diagnostic(at: options.location(of: "model"),
                             "'\(id)' is neither a one-hot pair MLP with quadratic activation\(run.model.hiddenActivation.map { $0 == .quadratic ? "" : " (its activation is \($0.rawValue))" } ?? "") nor a transformer on a task over Z_p, so no modular program can be read off it")
        }
        if options.has("checkpoints") {
            let steps = try run.checkpointSteps(options, id: id)
            var programs: [ExtractedProgram] = []
            for (i, step) in steps.enumerated() {
                context.progress(i, steps.count, "checkpoint \(step)")
                programs.append(try program(try run.parameters(atStep: step, id: id, at: options.location(of: "checkpoints"))))
            }
            var record = Record([
                (Field.step, .numbers(steps)),
                (Field.accuracy, .numbers(programs.map(\.accuracy))),
                (Field.agreement, .numbers(programs.map(\.agreement))),
                (Field.networkAccuracy, .numbers(programs.map(\.networkAccuracy))),
                (Field.explained, .numbers(programs.map { $0.explainedFraction ?? .nan })),
            ])
            record[Field.frequencies.name] = .numbers(finalKeys ?? [])
            return CellOutput(value: .record(record), display: [.summary(title: "Program over training", items: [
                ("checkpoints", "\(steps.count)"),
                ("program accuracy", "\(ValueFormat.percent(1).format(.number(programs.first?.accuracy ?? .nan))) → \(ValueFormat.percent(1).format(.number(programs.last?.accuracy ?? .nan)))"),
            ])])
        }
        let extracted = try program(nil)
        let record = Record([
            (Field.accuracy, .number(extracted.accuracy)),
            (Field.agreement, .number(extracted.agreement)),
            (Field.networkAccuracy, .number(extracted.networkAccuracy)),
            (Field.frequencies, .numbers(extracted.terms.map(\.frequency))),
            (Field.neuronCounts, .numbers(extracted.terms.map(\.neuronCount))),
            (Field.terms, .number(Double(extracted.terms.count))),
            (Field.explained, .number(extracted.explainedFraction ?? .nan)),
        ])
        let frequencies = extracted.neurons.isEmpty
            ? ("frequencies", extracted.terms.map { String($0.frequency) }.joined(separator: ", "))
            : ("frequencies (neurons)", extracted.terms.map { "\($0.frequency) (\($0.neuronCount))" }.joined(separator: ", "))
        let summary = CellDisplay.summary(title: "Program read off the \(extracted.neurons.isEmpty ? "logits" : "weights")", items: [
            frequencies,
            ("program accuracy on all \(extracted.p)² inputs", ValueFormat.percent(2).format(.number(extracted.accuracy))),
            ("agreement with the network", ValueFormat.percent(2).format(.number(extracted.agreement))),
        ])
        return CellOutput(value: .record(record), display: [summary, .note(extracted.description)])
    }
}
