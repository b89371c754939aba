/// A dense tensor: contiguous row-major storage and a shape.
///
/// Storage is a Swift array, so copies are copy-on-write: assigning a tensor is O(1) and the first
/// mutation of a shared buffer copies it. Element (i₀, …, i_{r−1}) lives at offset Σ iₖ·strideₖ with
/// stride_{r−1} = 1 and strideₖ = stride_{k+1}·shape_{k+1}. A rank-0 tensor (shape `[]`) holds one
/// scalar.
public struct Tensor<Scalar: BLASScalar>: Sendable, Equatable {
    /// The extent of each axis.
    public private(set) var shape: [Int]
    /// The elements in row-major order. Mutate them in place (their count must stay
    /// `shape.reduce(1, *)`); no observer sits on this property, so in-place writes never copy.
    public var scalars: [Scalar]

    /// Creates a tensor of `shape` from row-major `scalars`.
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor: \(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of `shape` filled with `value`.
    @inlinable
    public init(repeating value: Scalar, shape: [Int]) {
        self.init(shape: shape, scalars: [Scalar](repeating: value, count: shape.reduce(1, *)))
    }

    /// A rank-0 tensor holding `value`.
    public init(_ value: Scalar) { self.init(shape: [], scalars: [value]) }

    /// A rank-1 tensor holding `values`.
    public init(_ values: [Scalar]) { self.init(shape: [values.count], scalars: values) }

    /// A rank-2 tensor from its rows (all of one length).
    public init(rows: [[Scalar]]) {
        let cols = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == cols }, "Tensor(rows:): ragged rows")
        self.init(shape: [rows.count, cols], scalars: rows.flatMap { $0 })
    }

    /// The rows of a rank-2 tensor as arrays: the inverse of `init(rows:)`.
    public var rowArrays: [[Scalar]] {
        precondition(rank == 2, "Tensor.rowArrays: rank \(rank), expected 2")
        let c = shape[1]
        return (0..<shape[0]).map { Array(scalars[($0 * c)..<(($0 + 1) * c)]) }
    }

    /// Creates a tensor of `shape` whose storage is written once by `body` (no zero fill first).
    /// `body` must initialize every element of the buffer it receives.
    @inlinable
    public init(uninitializedShape shape: [Int], _ body: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
        let n = shape.reduce(1, *)
        let storage = [Scalar](unsafeUninitializedCapacity: n) { buffer, initialized in
            body(buffer)
            initialized = n
        }
        self.init(shape: shape, scalars: storage)
    }

    @inlinable public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }
    @inlinable public static func ones(_ shape: [Int]) -> Tensor { Tensor(repeating: 1, shape: shape) }

    /// Number of elements.
    @inlinable public var count: Int { scalars.count }
    /// Number of axes.
    @inlinable public var rank: Int { shape.count }

    /// The row-major strides of `shape`.
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for k in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[k] = s
            s *= shape[k]
        }
        return strides
    }

    /// The element at a full multi-index.
    public subscript(index: Int...) -> Scalar {
        get { scalars[offset(index)] }
        set { scalars[offset(index)] = newValue }
    }

    private func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "Tensor: index \(index) for shape \(shape)")
        var o = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "Tensor: index \(index) out of range for shape \(shape)")
            o = o * n + i
        }
        return o
    }

    /// The single value of a one-element tensor.
    public var scalar: Scalar {
        precondition(count == 1, "Tensor.scalar: tensor of shape \(shape) has \(count) elements")
        return scalars[0]
    }

    /// The same elements under a new shape of equal count. One extent may be −1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let k = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != k }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "Tensor.reshaped: cannot infer \(newShape) from \(shape)")
            resolved[k] = count / known
        }
        var t = self
        precondition(resolved.reduce(1, *) == count, "Tensor.reshaped: \(shape) → \(newShape) changes the count")
        t.shape = resolved
        return t
    }

    /// The elements converted to another precision.
    public func converted<Other: BLASScalar>(to _: Other.Type = Other.self) -> Tensor<Other> {
        Tensor<Other>(shape: shape, scalars: scalars.map { Other($0) })
    }
}
