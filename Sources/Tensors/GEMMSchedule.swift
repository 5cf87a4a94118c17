import Dispatch

/// How one product `C = α·op(A)·op(B) + β·C` is shared between threads, each part one single-threaded
/// OpenBLAS call.
///
/// Bands of output rows (or columns, when there are more of those) run at full speed on each thread:
/// only the shared operand is packed twice, which is cheap next to OpenBLAS's own threading, which
/// synchronises at every block (20–50% slower on the short inner dimensions of a Transformer's
/// `[8192, 128]·[128, 256]` or an im2col convolution). A tiny output with a long inner dimension (a
/// convolution's `[27, 16]` weight gradient over a million rows) splits the inner dimension instead and
/// adds the partial products in order.
enum GEMMSplit: Equatable {
    /// One call on the calling thread.
    case none
    /// Output rows in `parts` bands, one single-threaded call each.
    case rows(parts: Int)
    /// Output columns in `parts` bands.
    case columns(parts: Int)
    /// The inner dimension in `parts` ranges; partial products added to the first in order.
    case depth(parts: Int)

    /// Rows or columns below which a band is not worth a thread.
    static let minimumBand = 64
    /// Inner dimensions from this on may be split.
    static let longInner = 1024
    /// Outputs up to this many elements split a long inner dimension rather than the output.
    static let smallOutput = 16_384

    init(m: Int, n: Int, k: Int, threads: Int) {
        guard threads > 1, m * n * k > Tensor.singleThreadedGEMMWork else { self = .none; return }
        if k >= GEMMSplit.longInner && (m * n <= GEMMSplit.smallOutput || Swift.max(m, n) < 2 * GEMMSplit.minimumBand) {
            self = .depth(parts: threads)
        } else if Swift.max(m, n) >= 2 * GEMMSplit.minimumBand {
            self = m >= n ? .rows(parts: threads) : .columns(parts: threads)
        } else {
            self = .none
        }
    }

    /// Part `p`'s range of `extent` (band boundaries are multiples of 16, a GEMM kernel's block).
    static func range(_ p: Int, of parts: Int, _ extent: Int) -> Range<Int> {
        let share = ((extent + parts - 1) / parts + 15) / 16 * 16
        return Swift.min(extent, p * share)..<Swift.min(extent, (p + 1) * share)
    }
}

/// `C_i ← α·op(A_i)·op(B_i) + β·C_i` for `i < batch` (row-major), with the threading chosen per shape:
/// batches of small products spread whole products over threads; a large product is split by
/// ``GEMMSplit`` over ``Parallel/maximumThreads``; for a given count every result is the same from run
/// to run.
struct GEMMProblem<T: BLASScalar> {
    var transA: Bool, transB: Bool
    var m: Int, n: Int, k: Int
    var alpha: T, beta: T
    var a: UnsafePointer<T>, lda: Int, strideA: Int
    var b: UnsafePointer<T>, ldb: Int, strideB: Int
    var c: UnsafeMutablePointer<T>, ldc: Int, strideC: Int
    var batch: Int

    func run() {
        let threads = Parallel.maximumThreads
        if m * n * k <= Tensor.singleThreadedGEMMWork {
            runSmall(threads: threads)
            return
        }
        let split = GEMMSplit(m: m, n: n, k: k, threads: threads)
        for i in 0..<batch { product(i, split: split) }
    }

    /// Product `i` in one call.
    private func product(_ i: Int) {
        T.gemmOnOneThread(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a + i * strideA, lda: lda,
               b: b + i * strideB, ldb: ldb, beta: beta, c: c + i * strideC, ldc: ldc)
    }

    /// Small products run on one OpenBLAS thread each: a batch is spread over threads, whole products
    /// per thread. `op(B) = Bᵀ` is transposed into a scratch block first (OpenBLAS's small-matrix kernel
    /// is twice as slow on transposed B as the copy costs).
    private func runSmall(threads: Int) {
        guard batch > 1 && threads > 1 else {
            for i in 0..<batch { product(i) }
            return
        }
        Parallel.forEachRange(batch, cost: m * n * k / 64, alignment: 1) { r in
            guard transB else {
                for i in r { product(i) }
                return
            }
            let scratch = UnsafeMutablePointer<T>.allocate(capacity: k * n)
            defer { scratch.deallocate() }
            for i in r {
                let bi = b + i * strideB
                for row in 0..<n { for col in 0..<k { scratch[col * n + row] = bi[row * ldb + col] } }
                T.gemmOnOneThread(transA: transA, transB: false, m: m, n: n, k: k, alpha: alpha, a: a + i * strideA, lda: lda,
                       b: scratch, ldb: n, beta: beta, c: c + i * strideC, ldc: ldc)
            }
        }
    }

    /// Product `i` as concurrent single-threaded calls on parts of the output or of the inner dimension.
    private func product(_ i: Int, split: GEMMSplit) {
        let ai = a + i * strideA, bi = b + i * strideB, ci = c + i * strideC
        switch split {
        case .none:
            product(i)
        case .rows(let parts):
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let r = GEMMSplit.range(p, of: parts, m)
                guard !r.isEmpty else { return }
                T.gemmOnOneThread(transA: transA, transB: transB, m: r.count, n: n, k: k, alpha: alpha,
                       a: transA ? ai + r.lowerBound : ai + r.lowerBound * lda, lda: lda,
                       b: bi, ldb: ldb, beta: beta, c: ci + r.lowerBound * ldc, ldc: ldc)
            }
        case .columns(let parts):
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let r = GEMMSplit.range(p, of: parts, n)
                guard !r.isEmpty else { return }
                T.gemmOnOneThread(transA: transA, transB: transB, m: m, n: r.count, k: k, alpha: alpha, a: ai, lda: lda,
                       b: transB ? bi + r.lowerBound * ldb : bi + r.lowerBound, ldb: ldb, beta: beta, c: ci + r.lowerBound, ldc: ldc)
            }
        case .depth(let parts):
            // Part 0 goes into C (with β); the others into dense scratch outputs, then added in order.
            let partial = UnsafeMutablePointer<T>.allocate(capacity: (parts - 1) * m * n)
            defer { partial.deallocate() }
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let r = GEMMSplit.range(p, of: parts, k)
                let out = p == 0 ? ci : partial + (p - 1) * m * n
                guard !r.isEmpty else {
                    out.update(repeating: 0, count: m * n)  // only for p > 0: k ≥ 1024 leaves part 0 non-empty
                    return
                }
                T.gemmOnOneThread(transA: transA, transB: transB, m: m, n: n, k: r.count, alpha: alpha,
                                  a: transA ? ai + r.lowerBound * lda : ai + r.lowerBound, lda: lda,
                                  b: transB ? bi + r.lowerBound : bi + r.lowerBound * ldb, ldb: ldb,
                                  beta: p == 0 ? beta : 0, c: out, ldc: p == 0 ? ldc : n)
            }
            for p in 1..<parts {
                let s = partial + (p - 1) * m * n
                for row in 0..<m { for j in 0..<n { ci[row * ldc + j] += s[row * n + j] } }
            }
        }
    }
}
