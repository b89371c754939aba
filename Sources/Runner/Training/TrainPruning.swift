import Learning
import Notebooks

/// `prune:` on a `{train}` cell: train a magnitude-pruned copy of an earlier run (a lottery ticket,
/// Frankle & Carbin 2019). The earlier run's final weights choose the mask (`PruningMask.magnitude`);
/// the surviving weights restart from one of its checkpoints ("rewinding", Frankle et al. 2020) or,
/// for the control, from a fresh random draw with the same mask; the pruned weights stay exactly
/// zero throughout. The earlier run is a dependency of the cell (its cache key is in this one's).
///
/// ```yaml
/// prune: {model: dense, keep: 0.2, rewind_to: 50}       # the ticket
/// prune: {model: dense, keep: 0.2, start: random}       # the same mask on new weights
/// ```
extension PruningScope: OptionChoice {}

enum TrainPruning {
    enum Start: String, OptionChoice { case rewind, random }

    static let model = DirectiveOption<String>("model", "The {train} cell whose final weights are ranked by magnitude; it must train the same model on a task of the same shape.",
                                               type: .cellReference, required: true)
    static let keep = DirectiveOption<Double>("keep", "Fraction of the prunable weights kept, in (0, 1]: round(keep·n) of them. Prunable are weight matrices and embedding tables; biases are never pruned.",
                                              required: true)
    static let scope = DirectiveOption<PruningScope>("scope", "`layer`: every weight tensor keeps the same fraction; `global`: one magnitude threshold across all layers, which can cut nearly all of a layer whose weights are smaller (an MLP's output layer) and disconnect the network.",
                                                     default: .layer)
    static let start = DirectiveOption<Start>("start", "`rewind`: the kept weights restart from `model`'s checkpoint at `rewind_to`; `random`: from a fresh initialization drawn independently of `model`'s (from this cell's seed), the control.",
                                              default: .rewind)
    /// The checkpoint a ticket rewinds to without `rewind_to`: the initialization.
    static let initialStep = 0
    static let rewindTo = DirectiveOption<Int>("rewind_to", "rewind: the step of `model`'s checkpoint to restart from (the initialization by default); `model` must keep it (`checkpoints`).",
                                               default: initialStep)
    /// `prune:` itself, a key of `{train}`.
    static let option = OptionKey("prune", .mapping(OptionKey.of(model, keep, scope, start, rewindTo)), "Train a magnitude-pruned copy of an earlier run (a lottery ticket): its `keep` fraction of largest final weights survive, restart from its checkpoint at `rewind_to` (or from a random draw, `start: random`) and train with the others held at exactly zero.")

    /// `option`'s word in the resolved `prune` mapping (a sweep may have set it), else its
    /// default (`scope` and `start` are declared with one).
    static func word<T: OptionChoice>(_ option: DirectiveOption<T>, in prune: Record) -> T {
        prune[option.name]?.string.flatMap(T.init(rawValue:)) ?? option.defaultValue!
    }

    /// Why a `keep` value is refused, or nil.
    static func keepProblem(_ keep: Double) -> String? {
        keep > 0 && keep <= 1 ? nil : "'prune.keep' must be a fraction in (0, 1], found \(formatValue(.number(keep)))"
    }

    /// Check-phase problems of literal values: `keep` out of range, `rewind_to` with `start: random`.
    static func validate(_ options: OptionNode) -> [Diagnostic] {
        guard let prune = options["prune"], prune.entries != nil else { return [] }
        var problems: [Diagnostic] = []
        if let node = prune["keep"], case .number(let keep)? = node.scalarValue, let problem = keepProblem(keep) {
            problems.append(Diagnostic(at: node.location, problem))
        }
        if let node = prune["rewind_to"], case .scalar("random", _, _)? = prune["start"] {
            problems.append(Diagnostic(at: node.location, "'prune.rewind_to' has no effect with 'start: random'",
                                       note: "remove it, or use start: rewind"))
        }
        return problems
    }

    /// The mask and starting weights `prune` (resolved) asks for.
    static func start(_ prune: Record, cell: CellInput, context: RunContext) throws(Diagnostic) -> TrainingStart {
        guard let options = try cell.options.sub("prune") else {
            throw Diagnostic(at: cell.options.location(of: "prune"), "'prune' must be a mapping")
        }
        func location(_ key: String) -> SourceLocation {
            options.has(key) ? options.location(of: key) : options.location
        }
        guard case .string(let id)? = prune["model"] else {
            throw Diagnostic(at: location("model"), "'prune.model' must name an earlier {train} cell")
        }
        let source = try context.artifact(id, as: TrainingRun.self, at: location("model"), what: "trained model")
        guard case .number(let keep)? = prune["keep"] else {
            throw Diagnostic(at: location("keep"), "'prune.keep' must be a number")
        }
        if let problem = keepProblem(keep) { throw Diagnostic(at: location("keep"), problem) }
        let scope = word(Self.scope, in: prune)
        let startKind = word(Self.start, in: prune)
        let mask = PruningMask.magnitude(of: source.model.parameters, keep: keep, scope: scope)
        switch startKind {
        case .random:
            if prune["rewind_to"] != nil {
                throw Diagnostic(at: location("rewind_to"), "'prune.rewind_to' has no effect with 'start: random'")
            }
            return TrainingStart(weights: .independentDraw, mask: mask)
        case .rewind:
            var step = initialStep
            if case .number(let x)? = prune[rewindTo.name] {
                guard x >= 0, x.rounded() == x else {
                    throw Diagnostic(at: location("rewind_to"), "'prune.rewind_to' must be a step, a whole number ≥ 0")
                }
                step = Int(x)
            }
            let weights = try source.parameters(atStep: step, id: id, at: location("rewind_to"))
            return TrainingStart(weights: .given(weights), mask: mask)
        }
    }
}
