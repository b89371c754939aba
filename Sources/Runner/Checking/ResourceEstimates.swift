import Foundation
import Learning
import Notebooks

/// The estimates of the directives that train or sample (`ResourceEstimate`), one per directive,
/// from the sizes their options name. Floats are 4 bytes, Doubles 8.
extension TrainDirective {
    public static func estimate(_ options: KnownOptions) -> ResourceEstimate? {
        let task = options.string("task.kind") ?? ""
        // Examples, input width and output width of the task.
        var examples: Double, inputs: Double, outputs: Double, grows = "task.train_size"
        let size = Double(TaskConfig.defaultSampleSize)
        switch task {
        case "modular":
            // modulus and bits are required; when an expression hides them, assume a typical size.
            let p = options.number("task.modulus") ?? 97
            (examples, inputs, outputs, grows) = (p * p, 2 * p, p, "task.modulus")
        case "boolean", "parity", "staircase":
            let bits = options.number("task.bits") ?? 8
            examples = task == "boolean" ? pow(2, bits) : (options.number("task.train_size") ?? size) + (options.number("task.test_size") ?? size)
            (inputs, outputs) = (bits, 2)
            if task == "boolean" { grows = "task.bits" }
        default:
            let widths = options.numbers("task.widths") ?? []
            examples = (options.number("task.train_size") ?? size) + (options.number("task.test_size") ?? size)
            inputs = widths.first ?? options.number("task.inputs") ?? Double(TaskConfig.defaultInputs)
            outputs = widths.last ?? 1
        }
        let hidden: [Double]
        if options.string("model.kind") == "transformer" {
            let d = options.number("model.d_model") ?? Double(ModelConfig.defaultDModel)
            let mlp = options.number("model.d_mlp") ?? Double(ModelConfig.defaultMLPRatio) * d
            hidden = [d, mlp, d]
        } else {
            hidden = options.numbers("model.widths")
                ?? Array(repeating: options.number("model.hidden") ?? Double(ModelConfig.defaultHidden),
                         count: Int(min(1_000, max(1, options.number("model.depth") ?? Double(ModelConfig.defaultDepth)))))
        }
        let layers = [inputs] + hidden + [outputs]
        let parameters = zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        let batch = min(examples, options.number("batch_size") ?? examples)
        let steps = options.number("steps") ?? 0
        // Parameters, gradients and two Adam moments in Float; the dataset's inputs and targets;
        // a batch's activations forward and backward.
        let bytes = 4 * (4 * parameters + examples * (inputs + outputs) + 2 * batch * layers.reduce(0, +))
        let operations = 6 * parameters * batch * steps
        let key = operations > ResourceEstimate.operationLimit && bytes <= ResourceEstimate.memoryLimit
            ? "steps" : (hidden.max() ?? 0) > max(inputs, outputs, examples) ? (options.numbers("model.widths") != nil ? "model.widths" : "model.hidden") : grows
        return ResourceEstimate(bytes: bytes, operations: operations, key: key)
    }
}

extension LLCDirective {
    public static func estimate(_ options: KnownOptions) -> ResourceEstimate? {
        let chains = options.number(Self.chains)
        let steps = options.number(Self.draws) + options.number(Self.burnIn)
        // A known objective: n samples of dimension d in Double, trained for `train_steps` (the
        // linear networks) or whitened (the quadratic, 4·n·d² for two Gram–Schmidt passes); a
        // trained model: its own size is not known here, so each SGLD step counts as one pass
        // over a 10⁶-operation model.
        let samples = options.number(Known.samples, under: "objective.")
        var dimension = options.number("objective.dimension") ?? 0
        for key in ["objective.inputs", "objective.hidden", "objective.outputs"] { dimension = max(dimension, options.number(key) ?? 0) }
        if let widths = options.numbers("objective.widths") { dimension = max(dimension, widths.reduce(0, +)) }
        let known = options.node["objective"] != nil
        let perStep = known ? 6 * samples * max(1, dimension) : 1e6
        let trained = ["reduced_rank", "deep_linear"].contains(options.string("objective.kind") ?? "")
        let training = (trained ? options.number(Known.trainSteps, under: "objective.") * perStep : 0) + 4 * samples * dimension * dimension
        let bytes = 8 * (2 * samples * max(1, dimension) + chains * (max(1, dimension) + steps))
        let operations = chains * steps * perStep + training
        let key = chains > steps ? "chains" : 16 * samples * dimension > ResourceEstimate.memoryLimit
            ? (dimension > samples ? "objective.dimension" : "objective.samples")
            : trained && training > chains * steps * perStep ? "objective.train_steps" : "draws"
        return ResourceEstimate(bytes: bytes, operations: operations, key: key)
    }
}

extension SimplicityDirective {
    public static func estimate(_ options: KnownOptions) -> ResourceEstimate? {
        let layers = options.numbers(Self.layers) ?? []
        let samples = options.number(Self.samples)
        let weights = zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        let inputs = pow(2, layers.first ?? 0)
        // Every sampled network is evaluated on all 2ⁿ inputs; the distinct functions are kept.
        let operations = 2 * samples * weights * inputs
        let bytes = 8 * (weights + inputs * (layers.max() ?? 1)) + samples * inputs / 8
        return ResourceEstimate(bytes: bytes, operations: operations, key: samples * weights > inputs * weights * 1e3 ? "samples" : "layers")
    }
}

extension LLCCalibrationDirective {
    /// One `{llc}` estimate on a trained model per setting of the grid.
    public static func estimate(_ options: KnownOptions) -> ResourceEstimate? {
        let settings = [options.numbers("epsilons"), options.numbers("n_betas"), options.numbers("gammas")]
            .reduce(1.0) { $0 * Double(max(1, $1?.count ?? 1)) }
        let chains = options.number("chains") ?? 4
        let steps = (options.number("draws") ?? 200) + (options.number("burn_in") ?? 0)
        // As for {llc} on a trained model: each SGLD step counts as one pass over a 10⁶-operation model.
        return ResourceEstimate(bytes: 8 * chains * steps * settings, operations: settings * chains * steps * 1e6,
                                key: chains > steps ? "chains" : "draws")
    }
}
