import XCTest
@testable import Tensors

/// Broadcasts and transposes split over threads equal explicit index arithmetic.
final class CopyKernelTests: XCTestCase {
    func testLargeTransposeAndBroadcastAcrossThreadCounts() throws {
        var rng = RandomGenerator(seed: 51)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for dtype in DType.allCases {
            let x = rng.normalTensor([9, 64, 5, 33], dtype: dtype)
            let v = x.scalars
            let permuted = try x.transposed([0, 2, 1, 3])
            let column = rng.normalTensor([301, 1], dtype: dtype), row = rng.normalTensor([257], dtype: dtype)
            let columnValues = column.scalars, rowValues = row.scalars
            for threads in [1, 2] {
                Parallel.maximumThreads = threads
                let t = try x.transposed([0, 2, 1, 3]).scalars
                var expected = [Double](repeating: 0, count: v.count)
                for a in 0..<9 { for b in 0..<64 { for c in 0..<5 { for d in 0..<33 {
                    expected[((a * 5 + c) * 64 + b) * 33 + d] = v[((a * 64 + b) * 5 + c) * 33 + d]
                } } } }
                XCTAssertEqual(t, expected)
                XCTAssertEqual(try permuted.transposed([0, 2, 1, 3]).scalars, v)
                let columns = try column.broadcast(to: [301, 257]).scalars, rows = try row.broadcast(to: [301, 257]).scalars
                XCTAssertEqual(columns, (0..<(301 * 257)).map { columnValues[$0 / 257] })
                XCTAssertEqual(rows, (0..<(301 * 257)).map { rowValues[$0 % 257] })
            }
        }
    }
}
