import Tensors
/// A deep linear network x ↦ P x with P = W_L ⋯ W_1, W_l of shape H_l × H_{l−1} (widths H_0..H_L),
/// trained by mean-squared error on teacher data y = T x + σ·ξ, with T a random rank-r matrix,
/// x ~ N(0, I), ξ ~ N(0, I) (r = 0 gives pure noise, as in devinterp's reduced-rank tests).
///
/// Loss (mean over the n·H_L output entries, as PyTorch's `mse_loss`):
///   L = (1/(n·N))·Σ_j ‖y_j − P x_j‖² = (1/N)·[tr C_yy − 2·tr(P C_xy) + tr(P C_xx Pᵀ)],
/// with N = H_L and the batch moments C_xx = mean x xᵀ, C_xy = mean x yᵀ, C_yy = mean y yᵀ.
/// Gradient: G = ∂L/∂P = (2/N)(P C_xx − C_yx) and ∂L/∂W_l = (W_L⋯W_{l+1})ᵀ · G · (W_{l−1}⋯W_1)ᵀ.
/// Parameters are flattened as W_1, W_2, …, W_L, each row-major.
///
/// Its true learning coefficient is `trueLambdaDeepLinear(widths:rank:)` (Aoyagi 2024).
public struct DeepLinearObjective: Objective {
    public let widths: [Int]
    public let rank: Int
    /// Inputs, n × H_0.
    public let inputs: DenseMatrix
    /// Targets, n × H_L.
    public let targets: DenseMatrix
    /// The teacher T (H_L × H_0), rank `rank`.
    public let teacher: DenseMatrix
    public let dimension: Int
    public var sampleCount: Int { inputs.rows }
    private let full: Moments

    struct Moments: Sendable {
        var xx: DenseMatrix   // H0 × H0
        var yx: DenseMatrix   // N × H0
        var trYY: Double
    }

    /// Data from `RandomGenerator(seed:)`: teacher factors (H_L×r)·(r×H_0) of N(0,1) entries scaled by
    /// 1/√r, then for each example x ~ N(0, I), y = T x + noise·ξ.
    public init(widths: [Int], rank: Int = 0, sampleCount n: Int = 1000, noise: Double = 1, seed: UInt64 = 0) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 >= 1 }, "DeepLinearObjective: widths")
        precondition(rank >= 0 && rank <= widths.min()!, "DeepLinearObjective: rank exceeds the narrowest width")
        let input = widths.first!, output = widths.last!
        var rng = RandomGenerator(seed: seed)
        var t = DenseMatrix(rows: output, columns: input)
        if rank > 0 {
            let scale = 1 / Double(rank).squareRoot()
            let left = DenseMatrix(rows: output, columns: rank, values: rng.normals(output * rank, std: scale))
            let right = DenseMatrix(rows: rank, columns: input, values: rng.normals(rank * input))
            t = left * right
        }
        let x = DenseMatrix(rows: n, columns: input, values: rng.normals(n * input))
        var y = DenseMatrix.product(x, t, transposeB: true)
        for i in 0..<y.values.count { y.values[i] += noise * rng.normal() }
        self.init(widths: widths, rank: rank, inputs: x, targets: y, teacher: t)
    }

    /// Uses the given data (rank is the teacher's rank, used only for `trueLambda`).
    public init(widths: [Int], rank: Int, inputs: DenseMatrix, targets: DenseMatrix, teacher: DenseMatrix) {
        precondition(inputs.columns == widths.first! && targets.columns == widths.last! && inputs.rows == targets.rows)
        self.widths = widths
        self.rank = rank
        self.inputs = inputs
        self.targets = targets
        self.teacher = teacher
        var d = 0
        for l in 1..<widths.count { d += widths[l] * widths[l - 1] }
        dimension = d
        full = Self.moments(inputs, targets, batch: nil)
    }

    /// λ of this model at the teacher's rank (Aoyagi 2024).
    public var trueLambda: Double { trueLambdaDeepLinear(widths: widths, rank: rank) }

    /// Initial weights N(0, 1/fan_in) per layer, from `RandomGenerator(seed:)`.
    public func initialParameters(seed: UInt64) -> [Double] {
        var rng = RandomGenerator(seed: seed)
        var w: [Double] = []
        for l in 1..<widths.count {
            w += rng.normals(widths[l] * widths[l - 1], std: 1 / Double(widths[l - 1]).squareRoot())
        }
        return w
    }

    /// The layer matrices W_1..W_L from a flat parameter vector.
    public func layers(_ w: [Double]) -> [DenseMatrix] {
        precondition(w.count == dimension)
        var out: [DenseMatrix] = []
        var offset = 0
        for l in 1..<widths.count {
            let size = widths[l] * widths[l - 1]
            out.append(DenseMatrix(rows: widths[l], columns: widths[l - 1], values: Array(w[offset..<(offset + size)])))
            offset += size
        }
        return out
    }

    /// The end-to-end matrix P = W_L ⋯ W_1.
    public func endToEnd(_ w: [Double]) -> DenseMatrix {
        layers(w).dropFirst().reduce(layers(w)[0]) { $1 * $0 }
    }

    static func moments(_ x: DenseMatrix, _ y: DenseMatrix, batch: [Int]?) -> Moments {
        let rows = batch ?? Array(0..<x.rows)
        let m = x.columns, n = y.columns
        var xx = DenseMatrix(rows: m, columns: m), yx = DenseMatrix(rows: n, columns: m)
        var tr = 0.0
        for j in rows {
            let xo = j * m, yo = j * n
            for a in 0..<m {
                let xa = x.values[xo + a]
                for b in 0..<m { xx.values[a * m + b] += xa * x.values[xo + b] }
            }
            for a in 0..<n {
                let ya = y.values[yo + a]
                tr += ya * ya
                for b in 0..<m { yx.values[a * m + b] += ya * x.values[xo + b] }
            }
        }
        let c = 1 / Double(rows.count)
        for i in 0..<xx.values.count { xx.values[i] *= c }
        for i in 0..<yx.values.count { yx.values[i] *= c }
        return Moments(xx: xx, yx: yx, trYY: tr * c)
    }

    private func evaluate(_ w: [Double], batch: [Int]?, gradient: Bool) -> (Double, [Double]) {
        let s = batch == nil ? full : Self.moments(inputs, targets, batch: batch)
        let ws = layers(w)
        // Prefix products Q_l = W_l ⋯ W_1 (Q_0 = I is represented by nil).
        var prefix: [DenseMatrix] = [ws[0]]
        for l in 1..<ws.count { prefix.append(ws[l] * prefix[l - 1]) }
        let p = prefix.last!
        let nOut = Double(widths.last!)
        // tr(P C_xy) = Σ P ∘ C_yx ; tr(P C_xx Pᵀ) = Σ (P C_xx) ∘ P.
        let pxx = p * s.xx
        var cross = 0.0, quad = 0.0
        for i in 0..<p.values.count {
            cross += p.values[i] * s.yx.values[i]
            quad += pxx.values[i] * p.values[i]
        }
        let loss = (s.trYY - 2 * cross + quad) / nOut
        guard gradient else { return (loss, []) }
        var g = pxx
        for i in 0..<g.values.count { g.values[i] = 2 * (pxx.values[i] - s.yx.values[i]) / nOut }
        var grads = [DenseMatrix](repeating: DenseMatrix(rows: 0, columns: 0), count: ws.count)
        var suffixT = g   // R_lᵀ G accumulates from the top: starts as G (R_L = I)
        for l in stride(from: ws.count - 1, through: 0, by: -1) {
            // ∂L/∂W_l = (R_lᵀ G) · Q_{l−1}ᵀ, with Q_{−1} = I.
            grads[l] = l == 0 ? suffixT : DenseMatrix.product(suffixT, prefix[l - 1], transposeB: true)
            if l > 0 { suffixT = DenseMatrix.product(ws[l], transposeA: true, suffixT) }
        }
        return (loss, grads.flatMap(\.values))
    }

    public func loss(at w: [Double], batch: [Int]?) -> Double { evaluate(w, batch: batch, gradient: false).0 }

    public func lossAndGradient(at w: [Double], batch: [Int]?) -> (loss: Double, gradient: [Double]) {
        let (l, g) = evaluate(w, batch: batch, gradient: true)
        return (l, g)
    }
}
