import Tensors

/// Magnitude pruning (Frankle & Carbin 2019, "The lottery ticket hypothesis"): keep the largest
/// weights of a trained network by absolute value, set the others to zero, and hold them at zero
/// through further training.
///
/// Prunable parameters are the tensors of rank 2 or more — weight matrices, embedding and
/// unembedding tables; biases and other vectors are never pruned (as in Frankle & Carbin).
/// Of the prunable scalars, `keep` is the fraction kept: k = round(keep·n) of n, where n counts the
/// prunable scalars of the whole network (`global`: one threshold for every layer) or of each
/// tensor in turn (`layer`: every layer keeps the same fraction). The kept scalars are the k of
/// largest |w|; ties are broken by position (the earlier parameter, then the earlier scalar, wins),
/// so a mask is a function of the weights alone.
public enum PruningScope: String, Sendable, Codable, CaseIterable {
    case global
    case layer
}

/// Which scalars of each parameter are kept (1) and which are pruned (0). Parameters absent from
/// `factors` are kept whole.
public struct PruningMask: Sendable, Equatable {
    public var factors: [String: [Double]]

    public init(factors: [String: [Double]]) { self.factors = factors }

    /// The mask that keeps the `keep` fraction of largest-magnitude prunable weights of `parameters`.
    public static func magnitude<S: BLASScalar>(of parameters: Parameters<S>, keep: Double, scope: PruningScope) -> PruningMask {
        precondition(keep >= 0 && keep <= 1, "PruningMask: keep \(keep) outside [0, 1]")
        let prunable = parameters.tensors.indices.filter { parameters.tensors[$0].rank >= 2 }
        var factors: [String: [Double]] = [:]
        for k in prunable { factors[parameters.names[k]] = [Double](repeating: 0, count: parameters.tensors[k].count) }
        // Rank (tensor, scalar) pairs by |w|, largest first, ties by position; mark the first k kept.
        func keepLargest(_ group: [Int]) {
            var entries: [(magnitude: Double, tensor: Int, index: Int)] = []
            for k in group {
                for (i, w) in parameters.tensors[k].scalars.enumerated() { entries.append((Double(w).magnitude, k, i)) }
            }
            entries.sort { a, b in
                a.magnitude != b.magnitude ? a.magnitude > b.magnitude : (a.tensor, a.index) < (b.tensor, b.index)
            }
            let kept = Int((keep * Double(entries.count)).rounded())
            for e in entries.prefix(kept) { factors[parameters.names[e.tensor]]![e.index] = 1 }
        }
        switch scope {
        case .global: keepLargest(prunable)
        case .layer: for k in prunable { keepLargest([k]) }
        }
        return PruningMask(factors: factors)
    }

    /// Kept and prunable scalar counts.
    public var kept: Int { factors.values.reduce(0) { $0 + $1.reduce(0) { $0 + Int($1) } } }
    public var prunable: Int { factors.values.reduce(0) { $0 + $1.count } }

    /// Zeroes the pruned scalars of `parameters`.
    public func apply<S: BLASScalar>(to parameters: inout Parameters<S>) {
        for (name, f) in factors {
            let masked = parameters[name]
            parameters[name] = Tensor(shape: masked.shape, scalars: zip(masked.scalars, f).map { $0 * S($1) })
        }
    }

    /// Zeroes the gradients of the pruned scalars, so that no optimizer moves them (their Adam
    /// moments stay zero, and AdamW's decay of a zero is zero).
    public func apply<S: BLASScalar>(to gradients: inout Gradients<S>) {
        for (name, f) in factors { gradients.multiply(name, by: f.map { S($0) }) }
    }
}

/// Where a training run starts when it is not a plain run of its configuration: given weights (a
/// checkpoint of another run: "rewinding", Frankle et al. 2020) or a fresh draw independent of the
/// run's seed, and a mask whose zeros are held through training.
public struct TrainingStart: Sendable {
    public enum Weights: Sendable, Equatable {
        /// The configuration's own initialization (from `seed`).
        case initialization
        /// A second initialization from a stream of `seed` independent of the first, so a run with
        /// the same seed as the network it was pruned from still starts from unrelated weights
        /// (the random re-initialization control of Frankle & Carbin).
        case independentDraw
        /// These flat weights, in parameter order.
        case given([Double])
    }

    public var weights: Weights
    public var mask: PruningMask?

    public init(weights: Weights = .initialization, mask: PruningMask? = nil) {
        self.weights = weights
        self.mask = mask
    }

    /// Sets up the starting parameters: `initial` drawn from the seed's initialization stream,
    /// `independent` the stream for an independent draw.
    func parameters<S: BLASScalar>(_ architecture: any Architecture, initial: inout RandomGenerator,
                                   independent: inout RandomGenerator, as _: S.Type) throws -> Parameters<S> {
        var parameters = architecture.makeParameters(using: &initial, as: S.self)
        switch weights {
        case .initialization: break
        case .independentDraw: parameters = architecture.makeParameters(using: &independent, as: S.self)
        case .given(let flat):
            guard flat.count == parameters.count else {
                throw TrainingError.incompatibleStart(
                    "the starting weights have \(flat.count) values but this model has \(parameters.count) parameters")
            }
            parameters.setFlattened(flat)
        }
        if let mask {
            for (name, f) in mask.factors {
                guard let k = parameters.names.firstIndex(of: name), parameters.tensors[k].count == f.count else {
                    throw TrainingError.incompatibleStart("the mask does not fit this model (it prunes \(name), which this model lacks or shapes differently)")
                }
            }
            mask.apply(to: &parameters)
        }
        return parameters
    }
}

extension TrainingConfig {
    /// The parameter names that `freeze` holds fixed: a name is frozen when it equals an entry or
    /// begins with an entry and a dot (`layer0` freezes `layer0.weight` and `layer0.bias`).
    /// Throws when an entry matches no parameter, listing the layers there are.
    func frozenNames(among names: [String]) throws -> Set<String> {
        var frozen = Set<String>()
        for entry in freeze {
            let matched = names.filter { $0 == entry || $0.hasPrefix(entry + ".") }
            guard !matched.isEmpty else {
                var layers: [String] = []
                for n in names { let l = String(n.split(separator: ".").first ?? ""); if !layers.contains(l) { layers.append(l) } }
                throw ConfigurationError(["freeze"],
                    "this model has no layer '\(entry)'; its layers are \(layers.joined(separator: ", ")) (parameters \(names.joined(separator: ", ")))")
            }
            frozen.formUnion(matched)
        }
        return frozen
    }
}
