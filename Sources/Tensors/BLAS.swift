// The only file in samlab that calls OpenBLAS (CBLAS + LAPACKE) directly.
import CBLAS

/// Typed wrappers over the BLAS and LAPACK routines samlab uses. Every hot path (matrix products,
/// vector updates, eigendecompositions) goes through here.
///
/// **Threads.** samlab splits products and long vector operations between threads itself (see
/// `GEMMSchedule.swift` and ``Parallel``) and runs OpenBLAS single-threaded inside each piece: OpenBLAS's
/// own threads synchronise at every block (slow on the short inner dimensions of the paper's models) and
/// keep spinning after each call, taking the core that samlab's elementwise loops need next. The first
/// use of this type pins OpenBLAS to one thread.
public enum BLAS {
    /// The thread count OpenBLAS was configured with (`OPENBLAS_NUM_THREADS`, else the cores), read
    /// once before OpenBLAS is pinned to one thread: the default of ``Parallel/maximumThreads``.
    static let configuredThreads: Int = {
        let threads = Int(openblas_get_num_threads())
        openblas_set_num_threads(1)
        return Swift.max(1, threads)
    }()

    /// Threads that products and vector operations are split over: ``Parallel/maximumThreads``, which
    /// all of samlab's kernels share (setting one sets the other).
    public static var threadCount: Int {
        get { Parallel.maximumThreads }
        set { Parallel.maximumThreads = Swift.max(1, newValue) }
    }

    // MARK: single-threaded OpenBLAS calls

    /// `C ← α·op(A)·op(B) + β·C` in row-major layout on one OpenBLAS thread.
    static func gemmOnOneThread(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = configuredThreads
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `C ← α·op(A)·op(B) + β·C` in row-major layout on one OpenBLAS thread.
    static func gemmOnOneThread(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                                a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        _ = configuredThreads
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    static func dotOnOneThread(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float { _ = configuredThreads; return cblas_sdot(Int32(n), x, 1, y, 1) }
    static func dotOnOneThread(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double { _ = configuredThreads; return cblas_ddot(Int32(n), x, 1, y, 1) }
    static func axpyOnOneThread(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) { _ = configuredThreads; cblas_saxpy(Int32(n), alpha, x, 1, y, 1) }
    static func axpyOnOneThread(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) { _ = configuredThreads; cblas_daxpy(Int32(n), alpha, x, 1, y, 1) }
    static func nrm2OnOneThread(_ n: Int, _ x: UnsafePointer<Float>) -> Float { _ = configuredThreads; return cblas_snrm2(Int32(n), x, 1) }
    static func nrm2OnOneThread(_ n: Int, _ x: UnsafePointer<Double>) -> Double { _ = configuredThreads; return cblas_dnrm2(Int32(n), x, 1) }
    static func scalOnOneThread(_ n: Int, _ alpha: Float, _ x: UnsafeMutablePointer<Float>) { _ = configuredThreads; cblas_sscal(Int32(n), alpha, x, 1) }
    static func scalOnOneThread(_ n: Int, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) { _ = configuredThreads; cblas_dscal(Int32(n), alpha, x, 1) }

    // MARK: LAPACK (single-threaded)

    /// Symmetric eigendecomposition by divide and conquer (`ssyevd`), row-major `n×n` matrix overwritten
    /// by the eigenvectors (as columns); eigenvalues ascending. Returns LAPACK's `info` (0 on success).
    public static func syevd(_ n: Int, _ a: UnsafeMutablePointer<Float>, _ w: UnsafeMutablePointer<Float>) -> Int {
        _ = configuredThreads
        return Int(LAPACKE_ssyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n), a, Int32(n), w))
    }

    /// Symmetric eigendecomposition by divide and conquer (`dsyevd`); see the `Float` overload.
    public static func syevd(_ n: Int, _ a: UnsafeMutablePointer<Double>, _ w: UnsafeMutablePointer<Double>) -> Int {
        _ = configuredThreads
        return Int(LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n), a, Int32(n), w))
    }

    /// Symmetric tridiagonal eigenproblem (`dstev`): diagonal `d` (n), off-diagonal `e` (n−1, destroyed),
    /// eigenvalues ascending into `d`, eigenvectors (row-major n×n, as columns) into `z`.
    public static func stev(_ n: Int, _ d: UnsafeMutablePointer<Double>, _ e: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>) -> Int {
        _ = configuredThreads
        return Int(LAPACKE_dstev(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int32(n), d, e, z, Int32(n)))
    }

    /// The name of the kernel family OpenBLAS selected at load time (e.g. `Haswell`, `SkylakeX`, `Prescott`).
    public static var coreName: String { String(cString: openblas_get_corename()) }
    /// OpenBLAS's build configuration string.
    public static var configuration: String { String(cString: openblas_get_config()) }
}
