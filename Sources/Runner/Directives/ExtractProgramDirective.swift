import Analysis
import Learning
import Notebooks

/// `{extract_program}`: reads the algorithm off a grokked modular-addition MLP
/// f(a, b) = W·(U·[onehot(a); onehot(b)])² — each neuron's frequency and phases — builds the
/// symbolic program Σ_k A_k cos(2πσ_k(a + b − q)/p + φ_k) over its frequencies, and runs it on all
/// p² inputs. Result: `accuracy` (the program against (a + b) mod p), `agreement` (with the
/// network's answers), `network_accuracy`, `frequencies`, `neuron_counts`, `terms`.
public enum ExtractProgramDirective: Directive {
    public static let kind = "extract_program"
    public static let summary = "Read the modular-addition algorithm off a grokked network and run it."
    public static let result = "`accuracy` (the extracted program against (a + b) mod p), `agreement` (with the network's answers), `network_accuracy`, `frequencies`, `neuron_counts`, `terms`."
    public static let keys = [
        OptionKey("model", .cellReference, required: true, "A {train} cell: one-hot MLP, quadratic activation, two tokens mod p."),
    ]

    public static func run(_ cell: CellInput, context: RunContext) throws -> CellOutput {
        let options = cell.options
        let (id, run) = try context.trainingRun(options)
        guard let network = run.model.gromovMLP() else {
            throw Diagnostic(at: options.location(of: "model"),
                             "'\(id)' is not a one-hot pair MLP with quadratic activation on a task over Z_p\(run.model.hiddenActivation.map { $0 == .quadratic ? "" : " (its activation is \($0.rawValue))" } ?? ""), so no modular program can be read off it")
        }
        let program = extractProgram(network)
        let record = Record([
            ("accuracy", .number(program.accuracy)),
            ("agreement", .number(program.agreement)),
            ("network_accuracy", .number(program.networkAccuracy)),
            ("frequencies", .numbers(program.terms.map(\.frequency))),
            ("neuron_counts", .numbers(program.terms.map(\.neuronCount))),
            ("terms", .number(Double(program.terms.count))),
        ])
        let summary = CellDisplay.summary(title: "Program read off the weights", items: [
            ("frequencies (neurons)", program.terms.map { "\($0.frequency) (\($0.neuronCount))" }.joined(separator: ", ")),
            ("program accuracy on all \(network.p)² inputs", ValueFormat.percent(2).format(.number(program.accuracy))),
            ("agreement with the network", ValueFormat.percent(2).format(.number(program.agreement))),
        ])
        return CellOutput(value: .record(record), display: [summary, .note(program.description)])
    }
}
