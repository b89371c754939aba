import Tensors

extension Variable {
    /// A Linear layer x·Wᵀ (+ b) with W of shape [out, in] (PyTorch's layout) and b of shape [out].
    public func linear(weight: Variable, bias: Variable? = nil) -> Variable {
        let y = matmul(weight, transposeOther: true)
        guard let bias else { return y }
        return y + bias
    }
}

/// Dense one-hot encoding of token inputs: each of the `width` tokens of a row becomes a block of
/// `vocabulary` indicator columns, so a row has width·vocabulary entries.
public func oneHotFeatures<S: BLASScalar>(_ tokens: [Int], width: Int, vocabulary: Int) -> Tensor<S> {
    let n = width == 0 ? 0 : tokens.count / width
    var t = Tensor<S>.zeros([n, width * vocabulary])
    for i in 0..<n {
        for k in 0..<width { t.scalars[i * width * vocabulary + k * vocabulary + tokens[i * width + k]] = 1 }
    }
    return t
}
