import Analysis
import Tensors

/// Test oracle: a deep linear network x ↦ P x with P = W_L ⋯ W_1, W_l of shape H_l × H_{l−1}
/// (widths H_0..H_L; one hidden layer is reduced-rank regression), trained by mean-squared error
/// on the given data, in closed form from the batch's moments:
///   L = (1/(n·N))·Σ_j ‖y_j − P x_j‖² = (1/N)·[tr C_yy − 2·tr(P C_xy) + tr(P C_xx Pᵀ)],
/// with N = H_L and the batch moments C_xx = mean x xᵀ, C_xy = mean x yᵀ, C_yy = mean y yᵀ.
/// Gradient: G = ∂L/∂P = (2/N)(P C_xx − C_yx) and ∂L/∂W_l = (W_L⋯W_{l+1})ᵀ · G · (W_{l−1}⋯W_1)ᵀ.
/// Parameters are flattened as W_1, W_2, …, W_L, each row-major: the layout of the `deep_linear`
/// architecture, whose tape must reproduce this loss and gradient (KnownModelOracleTests).
struct DeepLinearObjective: Objective {
    let widths: [Int]
    /// Inputs n × H_0 and targets n × H_L, row-major.
    let inputs: Tensor<Double>
    let targets: Tensor<Double>
    let dimension: Int
    var sampleCount: Int { inputs.shape[0] }

    init(widths: [Int], inputs: [Double], targets: [Double]) {
        precondition(widths.count >= 2 && inputs.count % widths.first! == 0, "DeepLinearObjective: shapes")
        let n = inputs.count / widths.first!
        precondition(targets.count == n * widths.last!, "DeepLinearObjective: targets")
        self.widths = widths
        self.inputs = Tensor(shape: [n, widths.first!], scalars: inputs)
        self.targets = Tensor(shape: [n, widths.last!], scalars: targets)
        dimension = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The layer matrices W_1..W_L from a flat parameter vector.
    func layers(_ w: [Double]) -> [Tensor<Double>] {
        precondition(w.count == dimension)
        var out: [Tensor<Double>] = [], offset = 0
        for l in 1..<widths.count {
            let size = widths[l] * widths[l - 1]
            out.append(Tensor(shape: [widths[l], widths[l - 1]], scalars: Array(w[offset..<(offset + size)])))
            offset += size
        }
        return out
    }

    /// The end-to-end matrix P = W_L ⋯ W_1.
    func endToEnd(_ w: [Double]) -> Tensor<Double> {
        let ws = layers(w)
        return ws.dropFirst().reduce(ws[0]) { $1.matmul($0) }
    }

    private func evaluate(_ w: [Double], batch: [Int]?) -> (Double, [Double]) {
        let rows = batch ?? Array(0..<sampleCount)
        let x = Tensor(shape: [rows.count, widths.first!], scalars: rows.flatMap { j in (0..<widths.first!).map { inputs[j, $0] } })
        let y = Tensor(shape: [rows.count, widths.last!], scalars: rows.flatMap { j in (0..<widths.last!).map { targets[j, $0] } })
        let c = 1 / Double(rows.count), nOut = Double(widths.last!)
        let cxx = x.matmul(x, transposeSelf: true) * c          // H_0 × H_0
        let cyx = y.matmul(x, transposeSelf: true) * c          // N × H_0
        let trYY = y.scalars.reduce(0) { $0 + $1 * $1 } * c
        let ws = layers(w)
        // Prefix products Q_l = W_l ⋯ W_1.
        var prefix = [ws[0]]
        for l in 1..<ws.count { prefix.append(ws[l].matmul(prefix[l - 1])) }
        let p = prefix.last!, pxx = p.matmul(cxx)
        let cross = zip(p.scalars, cyx.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        let quad = zip(pxx.scalars, p.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        let loss = (trYY - 2 * cross + quad) / nOut
        let g = (pxx - cyx) * (2 / nOut)
        var grads = [Tensor<Double>](repeating: g, count: ws.count)
        var suffixT = g   // R_lᵀ G, R_L = I
        for l in stride(from: ws.count - 1, through: 0, by: -1) {
            grads[l] = l == 0 ? suffixT : suffixT.matmul(prefix[l - 1], transposeOther: true)
            if l > 0 { suffixT = ws[l].matmul(suffixT, transposeSelf: true) }
        }
        return (loss, grads.flatMap(\.scalars))
    }

    func loss(at w: [Double], batch: [Int]?) -> Double { evaluate(w, batch: batch).0 }

    func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) { evaluate(w, batch: batch) }
}
