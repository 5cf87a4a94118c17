import XCTest
import Foundation
@testable import Tensors

/// The loop splitting behind the threaded kernels.
final class ParallelTests: XCTestCase {
    /// Ranges cover every index once, aligned, whatever the size and thread count.
    func testRangesCoverEveryIndexOnce() {
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for threads in [1, 2, 3, 8] {
            Parallel.maximumThreads = threads
            for (count, cost, alignment) in [(0, 1, 16), (1, 1, 16), (100, 1, 16), (70_001, 1, 16), (1_000_003, 1, 16), (5, 100_000, 1), (999, 300, 1)] {
                let lock = NSLock()
                var seen = [Int](repeating: 0, count: count)
                Parallel.forEachRange(count, cost: cost, alignment: alignment) { r in
                    XCTAssertEqual(r.lowerBound % alignment, 0)
                    lock.lock()
                    for i in r { seen[i] += 1 }
                    lock.unlock()
                }
                XCTAssertTrue(seen.allSatisfy { $0 == 1 }, "count \(count), threads \(threads)")
            }
        }
    }
}
