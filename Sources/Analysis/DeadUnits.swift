/// Hidden units of a ReLU layer that never fire on a dataset: unit j is dead when its
/// pre-activation (W1·x + b1)_j ≤ 0 for every row x of `data`. A dead unit contributes relu(·) = 0
/// to every output, so removing it (its row of W1, entry of b1 and column of W2) leaves the function
/// on that data unchanged: the network acts as a smaller one (a degeneracy of the parameter–function
/// map).
public func deadUnits(_ network: ReLUNetwork, on data: DenseMatrix) -> [Int] {
    let z = network.preActivations(data)
    return (0..<network.hiddenCount).filter { j in
        (0..<z.rows).allSatisfy { z.values[$0 * z.columns + j] <= 0 }
    }
}

/// The network with the listed hidden units removed (rows of W1 and b1, columns of W2).
public func prune(_ network: ReLUNetwork, removing units: [Int]) -> ReLUNetwork {
    let removed = Set(units)
    let kept = (0..<network.hiddenCount).filter { !removed.contains($0) }
    let inputs = network.inputCount, outputs = network.outputCount
    var w1 = DenseMatrix(rows: kept.count, columns: inputs)
    var w2 = DenseMatrix(rows: outputs, columns: kept.count)
    for (k, j) in kept.enumerated() {
        for i in 0..<inputs { w1[k, i] = network.w1[j, i] }
        for o in 0..<outputs { w2[o, k] = network.w2[o, j] }
    }
    return ReLUNetwork(w1: w1, b1: kept.map { network.b1[$0] }, w2: w2, b2: network.b2)
}

/// max over rows and outputs of |f_a(x) − f_b(x)| on `data`.
public func maxAbsOutputDifference(_ a: ReLUNetwork, _ b: ReLUNetwork, on data: DenseMatrix) -> Double {
    let fa = a.outputs(data), fb = b.outputs(data)
    precondition(fa.columns == fb.columns, "maxAbsOutputDifference: output counts differ")
    return zip(fa.values, fb.values).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// The result of removing a network's dead units on a dataset.
public struct PruningReport: Sendable, Equatable {
    /// Indices of the dead hidden units (ascending).
    public var deadUnits: [Int]
    /// The network without them.
    public var pruned: ReLUNetwork
    /// Parameter count of the original network.
    public var nominalParameterCount: Int
    /// Parameter count of the pruned network (each dead unit removes in + 1 + out parameters).
    public var effectiveParameterCount: Int
    /// max |f(x) − f_pruned(x)| over the data; zero up to rounding.
    public var maxAbsOutputDifference: Double
}

/// Finds the dead units on `data`, removes them and checks the function is unchanged.
public func pruneDeadUnits(_ network: ReLUNetwork, on data: DenseMatrix) -> PruningReport {
    let dead = deadUnits(network, on: data)
    let pruned = prune(network, removing: dead)
    return PruningReport(deadUnits: dead, pruned: pruned, nominalParameterCount: network.parameterCount,
                         effectiveParameterCount: pruned.parameterCount,
                         maxAbsOutputDifference: maxAbsOutputDifference(network, pruned, on: data))
}
