/// Matrix products on BLAS `gemm`, using its transpose flags instead of copying.
extension Tensor {
    /// The shape of `op(a)·op(b)`: both of rank ≥ 2 with equal leading (batch) axes, or `b` of rank 2
    /// shared across `a`'s batch. `transA`/`transB` transpose the last two axes.
    public static func matmulShape(_ a: [Int], _ b: [Int], transA: Bool, transB: Bool) throws -> [Int] {
        guard a.count >= 2, b.count >= 2 else {
            throw TensorError("matmul: operands must have rank ≥ 2, got \(describeShape(a)) and \(describeShape(b))")
        }
        let batchA = Array(a.dropLast(2)), batchB = Array(b.dropLast(2))
        guard batchA == batchB || batchB.isEmpty else {
            throw TensorError("matmul: batch axes differ: \(describeShape(a)) x \(describeShape(b))")
        }
        let (m, ka) = transA ? (a[a.count - 1], a[a.count - 2]) : (a[a.count - 2], a[a.count - 1])
        let (kb, n) = transB ? (b[b.count - 1], b[b.count - 2]) : (b[b.count - 2], b[b.count - 1])
        guard ka == kb else {
            throw TensorError("matmul: inner dimensions differ: \(describeShape(a))\(transA ? "ᵀ" : "") x \(describeShape(b))\(transB ? "ᵀ" : "") (\(ka) vs \(kb))")
        }
        return batchA + [m, n]
    }

    /// `out ← α·op(a)·op(b) + β·out`, batched over leading axes.
    public static func matmul(_ a: Tensor, _ b: Tensor, transA: Bool = false, transB: Bool = false,
                              alpha: Double = 1, beta: Double = 0, into out: inout Tensor) throws {
        let shape = try matmulShape(a.shape, b.shape, transA: transA, transB: transB)
        guard a.dtype == b.dtype, out.dtype == a.dtype, out.shape == shape else {
            throw TensorError("matmul: output \(describeShape(out.shape)) \(out.dtype) for \(describeShape(shape)) \(a.dtype)·\(b.dtype)")
        }
        let rowsA = a.shape[a.rank - 2], colsA = a.shape[a.rank - 1]
        let rowsB = b.shape[b.rank - 2], colsB = b.shape[b.rank - 1]
        let m = shape[shape.count - 2], n = shape[shape.count - 1], k = transA ? rowsA : colsA
        let batch = shape.dropLast(2).reduce(1, *)
        if b.rank == 2 && a.rank > 2 && !transA {
            // One shared right operand: fold the batch into the rows of a single large product.
            try gemmBatch(a, b, batch: 1, m: batch * m, n: n, k: k, transA: false, transB: transB,
                          lda: colsA, ldb: colsB, strideA: 0, strideB: 0, alpha: alpha, beta: beta, out: &out)
            return
        }
        try gemmBatch(a, b, batch: batch, m: m, n: n, k: k, transA: transA, transB: transB,
                      lda: colsA, ldb: colsB, strideA: rowsA * colsA, strideB: b.rank == 2 ? 0 : rowsB * colsB,
                      alpha: alpha, beta: beta, out: &out)
    }

    /// `op(a)·op(b)`, batched over leading axes.
    public static func matmul(_ a: Tensor, _ b: Tensor, transA: Bool = false, transB: Bool = false) throws -> Tensor {
        var out = Tensor(zeros: try matmulShape(a.shape, b.shape, transA: transA, transB: transB), dtype: a.dtype)
        try matmul(a, b, transA: transA, transB: transB, into: &out)
        return out
    }

    private static func gemmBatch(_ a: Tensor, _ b: Tensor, batch: Int, m: Int, n: Int, k: Int,
                                  transA: Bool, transB: Bool, lda: Int, ldb: Int, strideA: Int, strideB: Int,
                                  alpha: Double, beta: Double, out: inout Tensor) throws {
        if m == 0 || n == 0 { return }
        switch a.dtype {
        case .float32: gemmKernel(Float.self, a, b, batch: batch, m: m, n: n, k: k, transA: transA, transB: transB, lda: lda, ldb: ldb,
                                  strideA: strideA, strideB: strideB, alpha: alpha, beta: beta, out: &out)
        case .float64: gemmKernel(Double.self, a, b, batch: batch, m: m, n: n, k: k, transA: transA, transB: transB, lda: lda, ldb: ldb,
                                  strideA: strideA, strideB: strideB, alpha: alpha, beta: beta, out: &out)
        }
    }

    private static func gemmKernel<T: BLASScalar>(_: T.Type, _ a: Tensor, _ b: Tensor, batch: Int, m: Int, n: Int, k: Int,
                                                   transA: Bool, transB: Bool, lda: Int, ldb: Int, strideA: Int, strideB: Int,
                                                   alpha: Double, beta: Double, out: inout Tensor) {
        let strideC = m * n
        a.withPointer(T.self) { pa in b.withPointer(T.self) { pb in out.withMutablePointer(T.self) { pc in
            if k == 0 {
                for i in 0..<(batch * strideC) { pc[i] = beta == 0 ? 0 : pc[i] * T(beta) }
                return
            }
            GEMMProblem(transA: transA, transB: transB, m: m, n: n, k: k, alpha: T(alpha), beta: T(beta),
                        a: pa, lda: lda, strideA: strideA, b: pb, ldb: ldb, strideB: strideB, c: pc, ldc: n, strideC: strideC, batch: batch).run()
        } } }
    }

    /// Products with `m·n·k` at or below this run whole on one thread (OpenBLAS's own threshold,
    /// `GEMM_MULTITHREAD_THRESHOLD` × 65536).
    static let singleThreadedGEMMWork = 4 * 65_536
}
