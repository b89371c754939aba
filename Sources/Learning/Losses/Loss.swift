import Tensors

/// The training losses.
///
/// - `cross_entropy`: L = (1/n) Σᵢ [logsumexp(zᵢ) − zᵢ,yᵢ], computed stably by subtracting each
///   row's maximum; ∂L/∂zᵢ = (softmax(zᵢ) − onehot(yᵢ))/n.
/// - `mse`: L = (1/(n·c)) Σᵢⱼ (zᵢⱼ − tᵢⱼ)², the mean over all n·c output entries (PyTorch's
///   `MSELoss` default). On a classification task the target tᵢ is onehot(yᵢ); on a regression task
///   it is the task's real target.
public enum LossKind: String, Sendable, Codable, CaseIterable {
    case crossEntropy = "cross_entropy"
    case mse

}

/// What a model's outputs are compared with.
public enum Targets<Scalar: BLASScalar> {
    /// Class labels (classification).
    case labels([Int])
    /// Real targets, n × outputs (regression).
    case values(Tensor<Scalar>)
}

extension Variable {
    /// Mean cross-entropy of logits [n, classes] against integer labels.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func crossEntropy(labels: [Int]) -> Variable {
        precondition(rank2 && shape[0] == labels.count, "crossEntropy: logits \(shape) for \(labels.count) labels")
        let n = shape[0], c = shape[1]
        let logits = value
        var total = 0.0
        let probabilities = Tensor<Scalar>(uninitializedShape: [n, c]) { out in
            logits.scalars.withUnsafeBufferPointer { z in
                for i in 0..<n {
                    let row = z.baseAddress! + i * c, p = out.baseAddress! + i * c
                    let (m, s) = Scalar.softmaxRow(row, count: c, into: p)
                    let inv = 1 / s
                    for j in 0..<c { p[j] *= inv }
                    let y = labels[i]
                    precondition(y >= 0 && y < c, "crossEntropy: label \(y) out of 0..<\(c)")
                    total += Double(m + Scalar.log(s) - row[y])
                }
            }
        }
        let loss = Tensor<Scalar>(Scalar(total / Double(n)))
        return tape.record(loss, inputs: [self]) { g, _ in
            // (softmax − onehot(label))·g/n, written in one pass over the kept probabilities.
            let scale = g.scalar / Scalar(n)
            let d = Tensor<Scalar>(uninitializedShape: [n, c]) { out in
                probabilities.scalars.withUnsafeBufferPointer { p in
                    for k in 0..<(n * c) { out[k] = p[k] * scale }
                    for i in 0..<n { out[i * c + labels[i]] = (p[i * c + labels[i]] - 1) * scale }
                }
            }
            return [d]
        }
    }

    /// Mean squared error against `target` of the same shape (mean over all entries).
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    public func meanSquaredError(_ target: Tensor<Scalar>) -> Variable {
        precondition(shape == target.shape, "meanSquaredError: outputs \(shape), targets \(target.shape)")
        let diff = value - target
        let count = Scalar(diff.count)
        let loss = Tensor<Scalar>(Scalar(diff.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(diff.count)))
        return tape.record(loss, inputs: [self]) { g, _ in [diff * (2 * g.scalar / count)] }
    }

    /// The loss of `kind` against `targets` (labels become one-hot targets for `mse`).
    public func loss(_ kind: LossKind, _ targets: Targets<Scalar>) -> Variable {
        switch (kind, targets) {
        case let (.crossEntropy, .labels(y)): return crossEntropy(labels: y)
        case let (.mse, .labels(y)): return meanSquaredError(Tensor.oneHot(y, classes: shape[1]))
        case let (.mse, .values(t)): return meanSquaredError(t)
        case (.crossEntropy, .values):
            preconditionFailure("cross-entropy needs class labels; this task has real-valued targets")
        }
    }

    private var rank2: Bool { shape.count == 2 }
}

/// The fraction of rows of `outputs` [n, classes] whose largest entry is at the label (ties go to
/// the lowest class index).
public func accuracy<S: BLASScalar>(_ outputs: Tensor<S>, labels: [Int]) -> Double {
    guard !labels.isEmpty else { return .nan }
    let predicted = outputs.argmax(alongAxis: 1)
    var correct = 0
    for (p, y) in zip(predicted, labels) where p == y { correct += 1 }
    return Double(correct) / Double(labels.count)
}
