import XCTest
@testable import Tensors

/// The reduction fast paths (``ReductionLayout``) against the general strided walk.
final class ReductionFastPathTests: XCTestCase {
    /// Input shape, target, and the layout the pair must be classified as (odd sizes included).
    static let cases: [(shape: [Int], target: [Int], layout: String)] = [
        ([7, 13], [7, 1], "trailing"), ([5, 6, 33], [5, 6, 1], "trailing"), ([4, 3, 5], [4, 1, 1], "trailing"),
        ([37], [], "trailing"), ([3, 5, 7], [1, 1, 1], "trailing"), ([3, 5, 7], [], "trailing"), ([70_001], [1], "trailing"),
        ([7, 13], [13], "middle"), ([7, 13], [1, 13], "middle"), ([9, 4, 5], [4, 5], "middle"), ([9, 4, 5], [5], "middle"),
        ([3, 17, 5], [3, 1, 5], "middle"), ([2, 3, 4, 5], [2, 1, 1, 5], "middle"), ([3, 2_100, 3], [3, 1, 3], "middle"),
        ([1_100, 37], [37], "middle"), ([2, 600, 5, 7], [2, 1, 5, 7], "middle"),
        ([4, 5], [4, 5], "copy"), ([1, 5], [5], "copy"),
        ([3, 4, 5, 6], [3, 1, 5, 1], "strided"), ([3, 4, 5], [1, 4, 1], "strided"), ([2, 3, 4, 5], [1, 3, 1, 5], "strided"),
    ]

    func layoutName(_ layout: ReductionLayout) -> String {
        switch layout {
        case .trailing: return "trailing"
        case .middle: return "middle"
        case .copy: return "copy"
        case .strided: return "strided"
        }
    }

    func testLayoutsAreClassified() {
        for c in Self.cases {
            XCTAssertEqual(layoutName(ReductionLayout(shape: c.shape, target: c.target)), c.layout, "\(c.shape) → \(c.target)")
        }
    }

    /// Maxima agree exactly; sums (added in another order) to rounding of the sum of magnitudes.
    func testFastPathsMatchTheStridedPath() throws {
        var rng = RandomGenerator(seed: 31)
        for dtype in DType.allCases {
            for c in Self.cases {
                let x = rng.normalTensor(c.shape, dtype: dtype)
                for op in [ReductionOp.sum, .max] {
                    let fast = try x.reduced(op, to: c.target)
                    var reference = Tensor(zeros: c.target, dtype: dtype)
                    try x.reduceStrided(op, to: c.target, into: &reference)
                    if op == .max {
                        XCTAssertEqual(fast.scalars, reference.scalars, "\(dtype) max \(c.shape) → \(c.target)")
                        continue
                    }
                    let magnitudes = try x.applying(.abs).reduced(.sum, to: c.target).scalars
                    let eps = dtype == .float32 ? 1e-6 : 1e-15
                    for (i, (f, r)) in zip(fast.scalars, reference.scalars).enumerated() {
                        XCTAssertLessThanOrEqual(Swift.abs(f - r), 4 * eps * magnitudes[i] + 1e-30, "\(dtype) sum \(c.shape) → \(c.target) at \(i)")
                    }
                }
            }
        }
    }

    /// Long runs and many rows are reduced in fixed blocks combined in order: the same bits with any
    /// thread count and from run to run.
    func testReductionsAreDeterministicAcrossThreadCounts() throws {
        var rng = RandomGenerator(seed: 32)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for dtype in DType.allCases {
            let x = rng.normalTensor([257, 1_031], dtype: dtype), tall = rng.normalTensor([2_900, 67], dtype: dtype)
            for (x, target) in [(x, []), (x, [257, 1]), (x, [1_031]), (x, [1, 1]), (tall, [67]), (tall, [2_900, 1])] as [(Tensor, [Int])] {
                for op in [ReductionOp.sum, .max] {
                    Parallel.maximumThreads = 1
                    let serial = try x.reduced(op, to: target).scalars
                    Parallel.maximumThreads = 2
                    XCTAssertEqual(try x.reduced(op, to: target).scalars.map(\.bitPattern), serial.map(\.bitPattern), "\(op) \(target)")
                    XCTAssertEqual(try x.reduced(op, to: target).scalars.map(\.bitPattern), serial.map(\.bitPattern), "\(op) \(target)")
                }
            }
        }
    }

    /// NaN anywhere makes the maximum NaN (in vector lanes, in the tail and across rows); empty inputs
    /// give 0 and −∞.
    func testMaximumPropagatesNaNAndEmptyInputs() throws {
        for dtype in DType.allCases {
            for position in [0, 5, 17, 39] {
                var x = Tensor(repeating: 1, shape: [2, 40], dtype: dtype)
                x.setScalar(.nan, at: 40 + position)
                let rows = try x.reduced(.max, to: [2, 1]).scalars
                XCTAssertEqual(rows[0], 1)
                XCTAssertTrue(rows[1].isNaN, "row position \(position)")
                XCTAssertTrue(try x.reduced(.max, to: []).scalarValue.isNaN)
                let columns = try x.reduced(.max, to: [40]).scalars
                XCTAssertTrue(columns[position].isNaN)
                XCTAssertEqual(columns.filter(\.isNaN).count, 1)
            }
            let empty = Tensor(zeros: [0, 3], dtype: dtype)
            XCTAssertEqual(try empty.reduced(.sum, to: [3]).scalars, [0, 0, 0])
            XCTAssertEqual(try empty.reduced(.max, to: [1, 3]).scalars, [-.infinity, -.infinity, -.infinity])
        }
    }
}
