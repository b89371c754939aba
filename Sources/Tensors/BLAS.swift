import CBLAS

/// The one file that calls CBLAS and LAPACK. Every wrapper takes row-major buffers and states its
/// shapes; callers never see the C types. Generic code dispatches on `BLASScalar`.
public protocol BLASScalar: BinaryFloatingPoint, SoftmaxExponentials, Sendable {
    /// C ← α·op(A)·op(B) + β·C, row-major; op(A) is m×k, op(B) is k×n, C is m×n.
    static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// y ← α·op(A)·x + β·y, A row-major rows×cols.
    static func gemv(
        trans: Bool, rows: Int, cols: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
        x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>)
    /// y ← α·x + y
    static func axpy(n: Int, alpha: Self, x: UnsafePointer<Self>, y: UnsafeMutablePointer<Self>)
    static func dot(n: Int, x: UnsafePointer<Self>, y: UnsafePointer<Self>) -> Self
    static func nrm2(n: Int, x: UnsafePointer<Self>) -> Self
    static func scal(n: Int, alpha: Self, x: UnsafeMutablePointer<Self>)
    /// Eigen-decomposition of a symmetric n×n matrix (LAPACK ?syevd). `a` is overwritten by the
    /// eigenvectors (as rows, since LAPACK is column-major and the matrix is symmetric) when
    /// `vectors` is true; eigenvalues are returned ascending. Returns LAPACK's `info` (0 = success).
    static func syevd(n: Int, a: UnsafeMutablePointer<Self>, vectors: Bool, eigenvalues: UnsafeMutablePointer<Self>) -> Int
    /// Elementary functions from the C library (implemented in `Scalar+Elementary.swift`), so that
    /// generic tensor code can apply them in either precision.
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
}

@inline(__always) private func op(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: BLASScalar {
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor, op(transA), op(transB), Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    public static func gemv(
        trans: Bool, rows: Int, cols: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, op(trans), Int32(rows), Int32(cols), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
    public static func axpy(n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(Int32(n), alpha, x, 1, y, 1)
    }
    public static func dot(n: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>) -> Float {
        cblas_sdot(Int32(n), x, 1, y, 1)
    }
    public static func nrm2(n: Int, x: UnsafePointer<Float>) -> Float { cblas_snrm2(Int32(n), x, 1) }
    public static func scal(n: Int, alpha: Float, x: UnsafeMutablePointer<Float>) { cblas_sscal(Int32(n), alpha, x, 1) }
    public static func syevd(n: Int, a: UnsafeMutablePointer<Float>, vectors: Bool, eigenvalues: UnsafeMutablePointer<Float>) -> Int {
        lapackSyevd(n: n, a: a, vectors: vectors, w: eigenvalues, call: ssyevd_)
    }
}

extension Double: BLASScalar {
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(CblasRowMajor, op(transA), op(transB), Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    public static func gemv(
        trans: Bool, rows: Int, cols: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(CblasRowMajor, op(trans), Int32(rows), Int32(cols), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
    public static func axpy(n: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(Int32(n), alpha, x, 1, y, 1)
    }
    public static func dot(n: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>) -> Double {
        cblas_ddot(Int32(n), x, 1, y, 1)
    }
    public static func nrm2(n: Int, x: UnsafePointer<Double>) -> Double { cblas_dnrm2(Int32(n), x, 1) }
    public static func scal(n: Int, alpha: Double, x: UnsafeMutablePointer<Double>) { cblas_dscal(Int32(n), alpha, x, 1) }
    public static func syevd(n: Int, a: UnsafeMutablePointer<Double>, vectors: Bool, eigenvalues: UnsafeMutablePointer<Double>) -> Int {
        lapackSyevd(n: n, a: a, vectors: vectors, w: eigenvalues, call: dsyevd_)
    }
}

/// The ?syevd workspace query and call, shared by both precisions.
private func lapackSyevd<T: BinaryFloatingPoint>(
    n: Int, a: UnsafeMutablePointer<T>, vectors: Bool, w: UnsafeMutablePointer<T>,
    call: (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<Int32>, UnsafeMutablePointer<T>,
           UnsafePointer<Int32>, UnsafeMutablePointer<T>, UnsafeMutablePointer<T>, UnsafePointer<Int32>,
           UnsafeMutablePointer<Int32>, UnsafePointer<Int32>, UnsafeMutablePointer<Int32>) -> Void
) -> Int {
    var jobz = CChar(UInt8(ascii: vectors ? "V" : "N")), uplo = CChar(UInt8(ascii: "U"))
    var n32 = Int32(n), lda = Int32(max(1, n)), info: Int32 = 0
    var workSize = T(0), iworkSize: Int32 = 0, query: Int32 = -1
    call(&jobz, &uplo, &n32, a, &lda, w, &workSize, &query, &iworkSize, &query, &info)
    guard info == 0 else { return Int(info) }
    var lwork = Int32(workSize), liwork = iworkSize
    var work = [T](repeating: 0, count: Int(lwork)), iwork = [Int32](repeating: 0, count: Int(liwork))
    call(&jobz, &uplo, &n32, a, &lda, w, &work, &lwork, &iwork, &liwork, &info)
    return Int(info)
}

/// Sets the number of threads OpenBLAS uses. Folio sets it explicitly (never from the
/// environment) so results and timings do not depend on the machine's defaults.
public func setBLASThreads(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }

/// The number of threads OpenBLAS uses now.
public func currentBLASThreads() -> Int { Int(openblas_get_num_threads()) }
