import XCTest
@testable import Tensors
import TestSupport

/// Products split between threads (``GEMMSplit``) and the blocked vector operations, against direct sums.
final class ThreadedBLASTests: XCTestCase {
    /// One thread count for everything: BLAS's is Parallel's.
    func testThreadCountIsShared() {
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        XCTAssertEqual(BLAS.threadCount, Parallel.maximumThreads)
        BLAS.threadCount = 1
        XCTAssertEqual(Parallel.maximumThreads, 1)
        XCTAssertEqual(GEMMSplit(m: 8192, n: 256, k: 128, threads: Parallel.maximumThreads), .none)
    }

    func testSplitsAreChosenByShape() {
        XCTAssertEqual(GEMMSplit(m: 8192, n: 256, k: 128, threads: 2), .rows(parts: 2))
        XCTAssertEqual(GEMMSplit(m: 128, n: 8192, k: 128, threads: 2), .columns(parts: 2))
        XCTAssertEqual(GEMMSplit(m: 27, n: 16, k: 1_024_000, threads: 2), .depth(parts: 2))
        XCTAssertEqual(GEMMSplit(m: 8192, n: 256, k: 128, threads: 1), .none)
        XCTAssertEqual(GEMMSplit(m: 64, n: 64, k: 32, threads: 2), .none)
    }

    /// Every split kind, both precisions, transposes, α and β, and an output row stride wider than `n`,
    /// equals the direct sum; two runs agree bit for bit.
    func testSplitProductsMatchDirectSums() throws {
        var rng = RandomGenerator(seed: 71)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        Parallel.maximumThreads = 2
        let shapes: [(m: Int, n: Int, k: Int, split: GEMMSplit)] = [
            (301, 67, 29, .rows(parts: 2)), (37, 289, 41, .columns(parts: 2)), (13, 11, 2_500, .depth(parts: 2)),
        ]
        for dtype in DType.allCases {
            for s in shapes {
                XCTAssertEqual(GEMMSplit(m: s.m, n: s.n, k: s.k, threads: 2), s.split)
                for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                    let a = rng.normalTensor(ta ? [s.k, s.m] : [s.m, s.k], dtype: dtype)
                    let b = rng.normalTensor(tb ? [s.n, s.k] : [s.k, s.n], dtype: dtype)
                    let ldc = s.n + 3
                    let c0 = rng.normalTensor([s.m, ldc], dtype: dtype)
                    let product = naiveMatrixProduct(a.scalars, b.scalars, m: s.m, n: s.n, k: s.k, ta: ta, tb: tb), initial = c0.scalars
                    var expected = initial
                    for i in 0..<s.m { for j in 0..<s.n { expected[i * ldc + j] = 0.5 * product[i * s.n + j] - 2 * initial[i * ldc + j] } }
                    var results: [[Double]] = []
                    for _ in 0..<2 {
                        var c = c0
                        c.makeUnique()
                        if dtype == .float32 {
                            a.withPointer(Float.self) { pa in b.withPointer(Float.self) { pb in c.withMutablePointer(Float.self) { pc in
                                BLAS.gemm(transA: ta, transB: tb, m: s.m, n: s.n, k: s.k, alpha: 0.5, a: pa, lda: ta ? s.m : s.k,
                                          b: pb, ldb: tb ? s.k : s.n, beta: -2, c: pc, ldc: ldc)
                            } } }
                        } else {
                            a.withPointer(Double.self) { pa in b.withPointer(Double.self) { pb in c.withMutablePointer(Double.self) { pc in
                                BLAS.gemm(transA: ta, transB: tb, m: s.m, n: s.n, k: s.k, alpha: 0.5, a: pa, lda: ta ? s.m : s.k,
                                          b: pb, ldb: tb ? s.k : s.n, beta: -2, c: pc, ldc: ldc)
                            } } }
                        }
                        results.append(c.scalars)
                    }
                    let tol = dtype == .float32 ? 1e-4 : 1e-11
                    XCTAssertNil(firstMismatch(results[0], expected, rtol: tol, atol: tol * Double(s.k)), "\(dtype) \(s) ta=\(ta) tb=\(tb)")
                    XCTAssertEqual(results[0].map(\.bitPattern), results[1].map(\.bitPattern))
                }
            }
        }
    }

    /// Long vectors go through fixed blocks: the same bits with one thread or two, and close to direct sums.
    func testBlockedVectorOperations() {
        var rng = RandomGenerator(seed: 72)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for dtype in DType.allCases {
            let n = 3 * BLAS.vectorBlock + 1_234
            let x = rng.normalTensor([n], dtype: dtype), y = rng.normalTensor([n], dtype: dtype)
            let xv = x.scalars, yv = y.scalars
            let exactDot = zip(xv, yv).reduce(0) { $0 + $1.0 * $1.1 }, exactNorm = xv.reduce(0) { $0 + $1 * $1 }.squareRoot()
            var dots: [Double] = [], norms: [Double] = []
            for threads in [1, 2] {
                Parallel.maximumThreads = threads
                dots.append(try! x.dot(y))
                norms.append(x.norm)
                var z = y
                z.addScaled(x, 0.25)
                z.scale(by: -3)
                XCTAssertEqual(z.scalars, zip(xv, yv).map { pair -> Double in
                    if dtype == .float32 { return Double(Float(-3) * (Float(0.25) * Float(pair.0) + Float(pair.1))) }
                    return -3 * (0.25 * pair.0 + pair.1)
                }, "\(dtype) axpy/scal threads \(threads)")
            }
            XCTAssertEqual(dots[0].bitPattern, dots[1].bitPattern)
            XCTAssertEqual(norms[0].bitPattern, norms[1].bitPattern)
            let tol = dtype == .float32 ? 1e-4 : 1e-12
            XCTAssertTrue(isClose(dots[0], exactDot, rtol: tol, atol: tol * Double(n).squareRoot()), "\(dots[0]) vs \(exactDot)")
            XCTAssertTrue(isClose(norms[0], exactNorm, rtol: tol), "\(norms[0]) vs \(exactNorm)")
        }
        // Norms do not overflow, and NaN and inf propagate.
        var big = Tensor(repeating: 1e30, shape: [2 * BLAS.vectorBlock + 5])
        XCTAssertTrue(isClose(big.norm, 1e30 * Double(2 * BLAS.vectorBlock + 5).squareRoot(), rtol: 1e-5))
        big.setScalar(.infinity, at: 3)
        XCTAssertEqual(big.norm, .infinity)
        big.setScalar(.nan, at: BLAS.vectorBlock + 7)
        XCTAssertTrue(big.norm.isNaN)
    }
}
