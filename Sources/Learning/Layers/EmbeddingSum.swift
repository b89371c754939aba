import Tensors

extension Variable {
    /// act(Σₜ Eₜ[idx[i, t]]) for tables Eₜ of shape [vocabₜ, width] and integer inputs `indices`
    /// (row-major n × tables.count): the first layer of a one-hot MLP, U·[onehot(a); onehot(b)],
    /// computed as embedding look-ups in one pass without a dense one-hot product.
    ///
    /// The pullback recomputes the pre-activation from the (small, cache-resident) tables instead of
    /// storing it, and scatter-adds act′(pre) ⊙ g into each table's rows in the same pass.
    ///
    /// The loops run on the calling thread. Splitting them over both cores measured no faster in
    /// `folio bench` (62.2 against 63.6 steps/s, medians of 8 interleaved runs): OpenBLAS's idle
    /// worker spins on the second core between products and the two contend.
    public static func embeddingSum(_ tables: [Variable], indices: [Int], activation: Activation) -> Variable {
        let kernel = EmbeddingSumKernel(tables: tables.map(\.value), indices: indices, activation: activation)
        return tables[0].tape.record(kernel.hidden(), inputs: tables) { g, need in
            let grads = g.scalars.withUnsafeBufferPointer { gs in
                kernel.tableGradients { rows in gs.baseAddress! + rows.lowerBound * kernel.width }
            }
            return grads.enumerated().map { need[$0.offset] ? $0.element : nil }
        }
    }
}

/// The loops of `embeddingSum` and `embeddingSumLinear`, specialized per activation (the switch
/// is hoisted out of the element loops so that they vectorize).
struct EmbeddingSumKernel<Scalar: BLASScalar> {
    let tables: [Tensor<Scalar>]
    let indices: [Int]
    let width: Int
    let activation: Activation
    /// Rows (examples): indices.count / tables.count.
    let rows: Int

    /// Checks the shapes and every index.
    init(tables: [Tensor<Scalar>], indices: [Int], activation: Activation) {
        let k = tables.count
        precondition(k > 0 && indices.count % k == 0, "embeddingSum: \(indices.count) indices for \(k) tables")
        let width = tables[0].shape[1]
        for (t, v) in tables.enumerated() {
            precondition(v.rank == 2 && v.shape[1] == width, "embeddingSum: table shape \(v.shape), width \(width)")
            for i in stride(from: t, to: indices.count, by: k) {
                precondition(indices[i] >= 0 && indices[i] < v.shape[0], "embeddingSum: index \(indices[i]) out of range for table \(t)")
            }
        }
        self.tables = tables; self.indices = indices; self.width = width; self.activation = activation
        self.rows = indices.count / k
    }

    /// The activations, [rows, width].
    func hidden() -> Tensor<Scalar> {
        Tensor<Scalar>(uninitializedShape: [rows, width]) { out in forward(rows: 0..<rows, into: out.baseAddress!) }
    }

    /// The tables' gradients, accumulated in rounds of `rowsPerRound` rows: each round asks
    /// `gradientRows(rows)` for the gradient of the activations of those rows (rows.count × width,
    /// row-major; the pointer must stay valid until the next call) and scatters it into the tables'
    /// gradients. Rows are accumulated in order whatever `rowsPerRound` is.
    func tableGradients(rowsPerRound: Int = .max,
                        _ gradientRows: (_ rows: Range<Int>) -> UnsafePointer<Scalar>) -> [Tensor<Scalar>] {
        let buffers = tables.map { GradientBuffer<Scalar>(count: $0.count) }
        defer { for b in buffers { b.deallocate() } }
        var start = 0
        while start < rows {
            let end = rows - start > rowsPerRound ? start + rowsPerRound : rows
            accumulate(rows: start..<end, gradient: gradientRows(start..<end), into: buffers)
            start = end
        }
        return zip(tables, buffers).map { table, buffer in buffer.tensor(shape: table.shape) }
    }

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    func forward(rows: Range<Int>, into out: UnsafeMutablePointer<Scalar>) {
        switch activation {
        case .quadratic: forward(rows, out, QuadraticFunction.self)
        case .identity: forward(rows, out, IdentityFunction.self)
        case .relu: forward(rows, out, ReLUFunction.self)
        case .tanh: forward(rows, out, TanhFunction.self)
        case .gelu: forward(rows, out, GELUFunction.self)
        }
    }

    /// Eₜ[idx[i, t]] += g[i] ⊙ act′(pre[i]) for i in `rows`, into `buffers` (one per table); `g`
    /// points at the gradient row of `rows.lowerBound`.
    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    func accumulate(rows: Range<Int>, gradient g: UnsafePointer<Scalar>, into buffers: [GradientBuffer<Scalar>]) {
        let gp = buffers.map(\.pointer)
        switch activation {
        case .quadratic: accumulate(rows, g, gp, QuadraticFunction.self)
        case .identity: accumulate(rows, g, gp, IdentityFunction.self)
        case .relu: accumulate(rows, g, gp, ReLUFunction.self)
        case .tanh: accumulate(rows, g, gp, TanhFunction.self)
        case .gelu: accumulate(rows, g, gp, GELUFunction.self)
        }
    }

    /// out[i] = act(Σₜ Eₜ[idx[i, t]]) for the rows `rows`.
    private func forward<A: PointwiseFunction>(_ rows: Range<Int>, _ out: UnsafeMutablePointer<Scalar>, _: A.Type) {
        let k = tables.count, w = width
        withTablePointers(tables) { tp in
            indices.withUnsafeBufferPointer { idx in
                for i in rows {
                    let row = out + i * w
                    let first = tp[0] + idx[i * k] * w
                    if k == 2 {
                        let second = tp[1] + idx[i * k + 1] * w
                        for j in 0..<w { row[j] = A.value(first[j] + second[j]) }
                    } else {
                        for j in 0..<w { row[j] = first[j] }
                        for t in 1..<k {
                            let src = tp[t] + idx[i * k + t] * w
                            for j in 0..<w { row[j] += src[j] }
                        }
                        for j in 0..<w { row[j] = A.value(row[j]) }
                    }
                }
            }
        }
    }

    /// The pre-activation is recomputed from the tables rather than stored.
    private func accumulate<A: PointwiseFunction>(_ rows: Range<Int>, _ g: UnsafePointer<Scalar>,
                                                  _ gp: [UnsafeMutablePointer<Scalar>], _: A.Type) {
        let k = tables.count, w = width
        withTablePointers(tables) { tp in
            indices.withUnsafeBufferPointer { idx in
                if k == 2 {
                    for i in rows {
                        let gRow = g + (i - rows.lowerBound) * w
                        let a = idx[2 * i], b = idx[2 * i + 1]
                        let ea = tp[0] + a * w, eb = tp[1] + b * w
                        let da = gp[0] + a * w, db = gp[1] + b * w
                        for j in 0..<w {
                            let d = gRow[j] * A.slope(ea[j] + eb[j])
                            da[j] += d
                            db[j] += d
                        }
                    }
                    return
                }
                let d = UnsafeMutablePointer<Scalar>.allocate(capacity: w)
                defer { d.deallocate() }
                for i in rows {
                    let gRow = g + (i - rows.lowerBound) * w
                    for j in 0..<w { d[j] = 0 }
                    for t in 0..<k {
                        let src = tp[t] + idx[i * k + t] * w
                        for j in 0..<w { d[j] += src[j] }
                    }
                    for j in 0..<w { d[j] = gRow[j] * A.slope(d[j]) }
                    for t in 0..<k {
                        let dst = gp[t] + idx[i * k + t] * w
                        for j in 0..<w { dst[j] += d[j] }
                    }
                }
            }
        }
    }
}

/// A zeroed buffer that a gradient is accumulated into.
struct GradientBuffer<Scalar: BLASScalar> {
    let pointer: UnsafeMutablePointer<Scalar>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: 0, count: Swift.max(count, 1))
    }

    func tensor(shape: [Int]) -> Tensor<Scalar> {
        Tensor(shape: shape, scalars: Array(UnsafeBufferPointer(start: pointer, count: count)))
    }

    func deallocate() { pointer.deallocate() }
}

/// Base addresses of several tensors' storage, valid inside `body`.
func withTablePointers<S: BLASScalar, R>(_ tensors: [Tensor<S>], _ body: ([UnsafePointer<S>]) -> R) -> R {
    func go(_ k: Int, _ acc: [UnsafePointer<S>]) -> R {
        if k == tensors.count { return body(acc) }
        return tensors[k].scalars.withUnsafeBufferPointer { go(k + 1, acc + [$0.baseAddress!]) }
    }
    return go(0, [])
}
