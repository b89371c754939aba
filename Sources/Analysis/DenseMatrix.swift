import Tensors

// Goes when the hand-derived known-λ objectives and AdamTrainer leave Analysis (issue 13); use Tensor<Double>.
/// A row-major matrix of Doubles: element (i, j) is `values[i * columns + j]`. Only the hand-derived
/// known-λ objectives still use it; every analysis takes rank-2 `Tensor<Double>`.
public struct DenseMatrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    /// Row-major storage, `rows * columns` elements.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "DenseMatrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: value, count: rows * columns))
    }

    /// A matrix from its rows (all of equal length).
    public init(rowArrays: [[Double]]) {
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "DenseMatrix: ragged rows")
        self.init(rows: rowArrays.count, columns: c, values: rowArrays.flatMap { $0 })
    }

    public subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// op(A)·op(B) through BLAS dgemm.
    public static func product(_ a: DenseMatrix, transposeA: Bool = false, _ b: DenseMatrix, transposeB: Bool = false) -> DenseMatrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "DenseMatrix.product: inner dimensions \(k) and \(kb) differ")
        var c = DenseMatrix(rows: m, columns: n)
        if m == 0 || n == 0 { return c }
        if k == 0 { return c }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    Double.gemm(transA: transposeA, transB: transposeB, m: m, n: n, k: k, alpha: 1,
                                a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                                beta: 0, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }

    public static func * (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix { product(a, b) }
}
