/// A scalar type with single-threaded BLAS routines, so the threaded schedules are written once for
/// both precisions.
protocol BLASScalar: TensorScalar {
    static func gemmOnOneThread(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
                                b: UnsafePointer<Self>, ldb: Int, beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    static func dotOnOneThread(_ n: Int, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>) -> Self
    static func axpyOnOneThread(_ n: Int, _ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    static func nrm2OnOneThread(_ n: Int, _ x: UnsafePointer<Self>) -> Self
    static func scalOnOneThread(_ n: Int, _ alpha: Self, _ x: UnsafeMutablePointer<Self>)
}

extension Float: BLASScalar {
    static func gemmOnOneThread(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        BLAS.gemmOnOneThread(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    static func dotOnOneThread(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float { BLAS.dotOnOneThread(n, x, y) }
    static func axpyOnOneThread(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) { BLAS.axpyOnOneThread(n, alpha, x, y) }
    static func nrm2OnOneThread(_ n: Int, _ x: UnsafePointer<Float>) -> Float { BLAS.nrm2OnOneThread(n, x) }
    static func scalOnOneThread(_ n: Int, _ alpha: Float, _ x: UnsafeMutablePointer<Float>) { BLAS.scalOnOneThread(n, alpha, x) }
}

extension Double: BLASScalar {
    static func gemmOnOneThread(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                                b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLAS.gemmOnOneThread(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    static func dotOnOneThread(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double { BLAS.dotOnOneThread(n, x, y) }
    static func axpyOnOneThread(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) { BLAS.axpyOnOneThread(n, alpha, x, y) }
    static func nrm2OnOneThread(_ n: Int, _ x: UnsafePointer<Double>) -> Double { BLAS.nrm2OnOneThread(n, x) }
    static func scalOnOneThread(_ n: Int, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) { BLAS.scalOnOneThread(n, alpha, x) }
}

/// The threaded BLAS entry points: products split by ``GEMMSplit``, vector operations over fixed blocks
/// (dot products and norms combine their blocks in order, so they do not depend on the thread count).
extension BLAS {
    /// `C ← α·op(A)·op(B) + β·C` in row-major layout, single precision.
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        GEMMProblem(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, lda: lda, strideA: 0,
                    b: b, ldb: ldb, strideB: 0, c: c, ldc: ldc, strideC: 0, batch: 1).run()
    }

    /// `C ← α·op(A)·op(B) + β·C` in row-major layout, double precision.
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        GEMMProblem(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta, a: a, lda: lda, strideA: 0,
                    b: b, ldb: ldb, strideB: 0, c: c, ldc: ldc, strideC: 0, batch: 1).run()
    }

    /// Inner product of two contiguous vectors.
    public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float { blockedDot(n, x, y) }
    /// Inner product of two contiguous vectors.
    public static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double { blockedDot(n, x, y) }
    /// `y ← α·x + y`.
    public static func axpy(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) { chunkedAxpy(n, alpha, x, y) }
    /// `y ← α·x + y`.
    public static func axpy(_ n: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) { chunkedAxpy(n, alpha, x, y) }
    /// Euclidean norm, computed without overflow.
    public static func nrm2(_ n: Int, _ x: UnsafePointer<Float>) -> Float { blockedNorm(n, x) }
    /// Euclidean norm, computed without overflow.
    public static func nrm2(_ n: Int, _ x: UnsafePointer<Double>) -> Double { blockedNorm(n, x) }
    /// `x ← α·x`.
    public static func scal(_ n: Int, _ alpha: Float, _ x: UnsafeMutablePointer<Float>) { chunkedScal(n, alpha, x) }
    /// `x ← α·x`.
    public static func scal(_ n: Int, _ alpha: Double, _ x: UnsafeMutablePointer<Double>) { chunkedScal(n, alpha, x) }

    /// Elements per block of a threaded dot product or norm.
    static let vectorBlock = 1 << 16

    /// Calls `body(block, start, count)` for each fixed block of `n` elements, over threads.
    private static func forEachBlock(_ n: Int, _ body: (Int, Int, Int) -> Void) {
        let blocks = (n + vectorBlock - 1) / vectorBlock
        Parallel.forEachRange(blocks, cost: vectorBlock, alignment: 1) { r in
            for b in r { body(b, b * vectorBlock, Swift.min(vectorBlock, n - b * vectorBlock)) }
        }
    }

    private static func blockedDot<T: BLASScalar>(_ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>) -> T {
        guard n > vectorBlock else { return T.dotOnOneThread(n, x, y) }
        var partial = [T](repeating: 0, count: (n + vectorBlock - 1) / vectorBlock)
        partial.withUnsafeMutableBufferPointer { p in
            forEachBlock(n) { b, start, count in p[b] = T.dotOnOneThread(count, x + start, y + start) }
        }
        return partial.reduce(0, +)
    }

    /// Block norms combined as `s·√Σ(normᵢ/s)²` with `s` the largest (no overflow); NaN and inf propagate.
    private static func blockedNorm<T: BLASScalar>(_ n: Int, _ x: UnsafePointer<T>) -> T {
        guard n > vectorBlock else { return T.nrm2OnOneThread(n, x) }
        var partial = [T](repeating: 0, count: (n + vectorBlock - 1) / vectorBlock)
        partial.withUnsafeMutableBufferPointer { p in
            forEachBlock(n) { b, start, count in p[b] = T.nrm2OnOneThread(count, x + start) }
        }
        if let nan = partial.first(where: \.isNaN) { return nan }
        let scale = partial.max()!
        guard scale > 0 && scale.isFinite else { return scale }
        return scale * partial.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    }

    private static func chunkedAxpy<T: BLASScalar>(_ n: Int, _ alpha: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>) {
        Parallel.forEachRange(n, cost: 2) { r in T.axpyOnOneThread(r.count, alpha, x + r.lowerBound, y + r.lowerBound) }
    }

    private static func chunkedScal<T: BLASScalar>(_ n: Int, _ alpha: T, _ x: UnsafeMutablePointer<T>) {
        Parallel.forEachRange(n) { r in T.scalOnOneThread(r.count, alpha, x + r.lowerBound) }
    }
}
