import Dispatch
import Tensors

extension Variable {
    /// act(Σₜ Eₜ[idx[i, t]]) for tables Eₜ of shape [vocabₜ, width] and integer inputs `indices`
    /// (row-major n × tables.count): the first layer of a one-hot MLP, U·[onehot(a); onehot(b)],
    /// computed as embedding look-ups in one pass without a dense one-hot product.
    ///
    /// The pullback recomputes the pre-activation from the (small, cache-resident) tables instead of
    /// storing it, and scatter-adds act′(pre) ⊙ g into each table's rows in the same pass. Rows are
    /// split into `EmbeddingSumKernel.chunks` fixed blocks processed concurrently; each block has its
    /// own gradient accumulator and the blocks are summed in a fixed order, so results do not depend
    /// on scheduling.
    public static func embeddingSum(_ tables: [Variable], indices: [Int], activation: Activation) -> Variable {
        let k = tables.count
        precondition(k > 0 && indices.count % k == 0, "embeddingSum: \(indices.count) indices for \(k) tables")
        let width = tables[0].shape[1]
        let values = tables.map(\.value)
        for (t, v) in values.enumerated() {
            precondition(v.rank == 2 && v.shape[1] == width, "embeddingSum: table shape \(v.shape), width \(width)")
            for i in stride(from: t, to: indices.count, by: k) {
                precondition(indices[i] >= 0 && indices[i] < v.shape[0], "embeddingSum: index \(indices[i]) out of range for table \(t)")
            }
        }
        let n = indices.count / k
        let kernel = EmbeddingSumKernel<Scalar>(tables: values, indices: indices, width: width, activation: activation)
        let out = Tensor<Scalar>(uninitializedShape: [n, width]) { out in
            let base = SendablePointer(out.baseAddress!)
            kernel.concurrently(rows: n) { rows in kernel.forward(rows: rows, into: base.pointer) }
        }
        return tables[0].tape.record(out, inputs: tables) { g, need in
            let blocks = EmbeddingSumKernel<Scalar>.blocks(rows: n)
            let slots = SendableBox([[Tensor<Scalar>]](repeating: [], count: blocks.count))
            kernel.concurrently(count: blocks.count) { b in slots.set(b, kernel.backward(rows: blocks[b], gradient: g)) }
            let partials = slots.collected
            var grads = partials[0]
            for b in 1..<partials.count { for t in 0..<k { grads[t] += partials[b][t] } }
            return grads.enumerated().map { need[$0.offset] ? $0.element : nil }
        }
    }
}

/// The loops of `embeddingSum`, specialized per activation (the switch is hoisted out of the
/// element loops so they vectorize).
struct EmbeddingSumKernel<Scalar: BLASScalar>: @unchecked Sendable {
    let tables: [Tensor<Scalar>]
    let indices: [Int]
    let width: Int
    let activation: Activation

    /// Rows per block below which one block is used; two blocks otherwise (the machines have 2 cores).
    static func blocks(rows n: Int) -> [Range<Int>] {
        let count = n >= 512 ? 2 : 1
        return (0..<count).map { b in (b * n / count)..<((b + 1) * n / count) }
    }

    func concurrently(rows n: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let blocks = Self.blocks(rows: n)
        concurrently(count: blocks.count) { body(blocks[$0]) }
    }

    func concurrently(count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
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

    @_specialize(where Scalar == Float) @_specialize(where Scalar == Double)
    func backward(rows: Range<Int>, gradient g: Tensor<Scalar>) -> [Tensor<Scalar>] {
        switch activation {
        case .quadratic: return backward(rows, g, QuadraticFunction.self)
        case .identity: return backward(rows, g, IdentityFunction.self)
        case .relu: return backward(rows, g, ReLUFunction.self)
        case .tanh: return backward(rows, g, TanhFunction.self)
        case .gelu: return backward(rows, g, GELUFunction.self)
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

    /// The tables' gradients from the rows `rows`: Eₜ[idx[i, t]] += g[i] ⊙ act′(pre[i]), with the
    /// pre-activation recomputed from the tables.
    private func backward<A: PointwiseFunction>(_ rows: Range<Int>, _ g: Tensor<Scalar>, _: A.Type) -> [Tensor<Scalar>] {
        let k = tables.count, w = width
        return withTablePointers(tables) { tp in
            withZeroedBuffers(like: tables) { gp in
                indices.withUnsafeBufferPointer { idx in
                    g.scalars.withUnsafeBufferPointer { gs in
                        if k == 2 {
                            for i in rows {
                                let gRow = gs.baseAddress! + i * w
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
                            let gRow = gs.baseAddress! + i * w
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
    }
}

/// A pointer handed to concurrent blocks that write disjoint rows.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { pointer = p }
}

/// Per-block results written by concurrent blocks into distinct slots.
final class SendableBox<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T>
    init(_ values: [T]) {
        buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
    }
    /// Stores slot `i` (each slot is written by exactly one block).
    func set(_ i: Int, _ value: T) { buffer[i] = value }
    deinit { buffer.deinitialize(); buffer.deallocate() }
    /// Collects the slots after all blocks finished.
    var collected: [T] { Array(buffer) }
}

/// Base addresses of several tensors' storage, valid inside `body`.
func withTablePointers<S: BLASScalar, R>(_ tensors: [Tensor<S>], _ body: ([UnsafePointer<S>]) -> R) -> R {
    func go(_ k: Int, _ acc: [UnsafePointer<S>]) -> R {
        if k == tensors.count { return body(acc) }
        return tensors[k].scalars.withUnsafeBufferPointer { go(k + 1, acc + [$0.baseAddress!]) }
    }
    return go(0, [])
}

/// Zeroed scratch buffers shaped like `tensors`, handed to `body` and returned as tensors.
func withZeroedBuffers<S: BLASScalar>(like tensors: [Tensor<S>], _ body: ([UnsafeMutablePointer<S>]) -> Void) -> [Tensor<S>] {
    let buffers = tensors.map { t -> UnsafeMutableBufferPointer<S> in
        let b = UnsafeMutableBufferPointer<S>.allocate(capacity: Swift.max(t.count, 1))
        b.initialize(repeating: 0)
        return b
    }
    defer { for b in buffers { b.deallocate() } }
    body(buffers.map { $0.baseAddress! })
    return zip(tensors, buffers).map { t, b in Tensor(shape: t.shape, scalars: Array(b.prefix(t.count))) }
}
