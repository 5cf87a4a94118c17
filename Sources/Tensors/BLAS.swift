// The only file in samlab that calls OpenBLAS (CBLAS + LAPACKE) directly.
import CBLAS

/// Thin, typed wrappers over the BLAS and LAPACK routines samlab uses. Every hot path (matrix products,
/// vector updates, eigendecompositions) goes through here.
public enum BLAS {
    /// `C ← α·op(A)·op(B) + β·C` in row-major layout, single precision.
    @inline(__always)
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `C ← α·op(A)·op(B) + β·C` in row-major layout, double precision.
    @inline(__always)
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Inner product of two contiguous vectors.
    public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float { cblas_sdot(Int32(n), x, 1, y, 1) }
    /// Inner product of two contiguous vectors.
    public static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double { cblas_ddot(Int32(n), x, 1, y, 1) }
    /// `y ← α·x + y`.
    public static func axpy(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) { cblas_saxpy(Int32(n), alpha, x, 1, y, 1) }
    /// `y ← α·x + y`.
    public static func axpy(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) { cblas_daxpy(Int32(n), alpha, x, 1, y, 1) }
    /// Euclidean norm, computed without overflow.
    public static func nrm2(_ n: Int, _ x: UnsafePointer<Float>) -> Float { cblas_snrm2(Int32(n), x, 1) }
    /// Euclidean norm, computed without overflow.
    public static func nrm2(_ n: Int, _ x: UnsafePointer<Double>) -> Double { cblas_dnrm2(Int32(n), x, 1) }
    /// `x ← α·x`.
    public static func scal(_ n: Int, _ alpha: Float, _ x: UnsafeMutablePointer<Float>) { cblas_sscal(Int32(n), alpha, x, 1) }
    /// `x ← α·x`.
    public static func scal(_ n: Int, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) { cblas_dscal(Int32(n), alpha, x, 1) }

    /// Symmetric eigendecomposition by divide and conquer (`ssyevd`), row-major `n×n` matrix overwritten
    /// by the eigenvectors (as columns); eigenvalues ascending. Returns LAPACK's `info` (0 on success).
    public static func syevd(_ n: Int, _ a: UnsafeMutablePointer<Float>, _ w: UnsafeMutablePointer<Float>) -> Int {
        Int(LAPACKE_ssyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n), a, Int32(n), w))
    }

    /// Symmetric eigendecomposition by divide and conquer (`dsyevd`); see the `Float` overload.
    public static func syevd(_ n: Int, _ a: UnsafeMutablePointer<Double>, _ w: UnsafeMutablePointer<Double>) -> Int {
        Int(LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n), a, Int32(n), w))
    }

    /// Symmetric tridiagonal eigenproblem (`dstev`): diagonal `d` (n), off-diagonal `e` (n−1, destroyed),
    /// eigenvalues ascending into `d`, eigenvectors (row-major n×n, as columns) into `z`.
    public static func stev(_ n: Int, _ d: UnsafeMutablePointer<Double>, _ e: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>) -> Int {
        Int(LAPACKE_dstev(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int32(n), d, e, z, Int32(n)))
    }

    /// The name of the kernel family OpenBLAS selected at load time (e.g. `Haswell`, `SkylakeX`, `Prescott`).
    public static var coreName: String { String(cString: openblas_get_corename()) }
    /// OpenBLAS's build configuration string.
    public static var configuration: String { String(cString: openblas_get_config()) }
    /// Threads OpenBLAS uses for one call.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }
}
