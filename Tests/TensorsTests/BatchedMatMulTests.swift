import XCTest
@testable import Tensors

/// Batches of small products spread over threads: every product equals the same product on its own.
final class BatchedMatMulTests: XCTestCase {
    func testThreadedBatchesEqualSingleProducts() throws {
        var rng = RandomGenerator(seed: 61)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for dtype in DType.allCases {
            for (ta, tb) in [(false, false), (false, true), (true, false)] {
                let (batch, m, n, k) = (37, 64, 61, 33)  // large enough to be split, small enough for one OpenBLAS thread
                let a = rng.normalTensor([batch] + (ta ? [k, m] : [m, k]), dtype: dtype)
                let b = rng.normalTensor([batch] + (tb ? [n, k] : [k, n]), dtype: dtype)
                Parallel.maximumThreads = 2
                XCTAssertGreaterThan(Parallel.chunkCount(batch, cost: m * n * k / 64, alignment: 1), 1)
                Parallel.maximumThreads = 1
                let serial = try Tensor.matmul(a, b, transA: ta, transB: tb)
                Parallel.maximumThreads = 2
                let threaded = try Tensor.matmul(a, b, transA: ta, transB: tb)
                XCTAssertEqual(threaded.scalars.map(\.bitPattern), serial.scalars.map(\.bitPattern))
                for i in [0, 18, 36] {
                    let single = try Tensor.matmul(try a.slice(rows: i..<(i + 1)).reshaped(Array(a.shape.dropFirst())),
                                                   try b.slice(rows: i..<(i + 1)).reshaped(Array(b.shape.dropFirst())), transA: ta, transB: tb)
                    XCTAssertEqual(try threaded.slice(rows: i..<(i + 1)).scalars.map(\.bitPattern), single.scalars.map(\.bitPattern), "\(dtype) \(ta) \(tb) batch \(i)")
                }
            }
        }
    }
}
