import XCTest
@testable import Tensors

/// The binary-operation fast paths (``BinaryLayout``) against the general strided walk.
final class BinaryFastPathTests: XCTestCase {
    /// Shape pairs, each with the layout it must be classified as (odd sizes, leading 1s, both orders).
    static let cases: [(a: [Int], b: [Int], layout: String)] = [
        ([7, 13], [7, 13], "elementwise"), ([3, 1, 5], [3, 1, 5], "elementwise"), ([], [], "elementwise"),
        ([1, 5], [5], "elementwise"), ([1, 1], [1], "elementwise"),
        ([9, 11], [], "scalarRight"), ([], [4, 3, 5], "scalarLeft"), ([33], [1, 1], "scalarRight"),
        ([6, 7, 5], [5], "rows"), ([5], [6, 7, 5], "rows"), ([6, 7, 5], [7, 5], "rows"), ([2, 3, 4], [1, 3, 4], "rows"),
        ([6, 7, 5], [6, 7, 1], "columns"), ([6, 7, 1], [6, 7, 5], "columns"), ([6, 7, 5], [6, 1, 1], "columns"),
        ([9, 1], [1, 4], "strided"), ([4, 3, 5], [4, 1, 5], "strided"), ([2, 3, 4, 5], [3, 1, 5], "strided"),
        ([5, 1, 3], [4, 1], "strided"), ([0, 3], [3], "rows"), ([0, 3], [0, 3], "elementwise"),
    ]

    func layoutName(_ layout: BinaryLayout) -> String {
        switch layout {
        case .elementwise: return "elementwise"
        case .scalarLeft: return "scalarLeft"
        case .scalarRight: return "scalarRight"
        case .rows: return "rows"
        case .columns: return "columns"
        case .strided: return "strided"
        }
    }

    func testLayoutsAreClassified() throws {
        for c in Self.cases {
            let target = try Broadcasting.shape(c.a, c.b)
            XCTAssertEqual(layoutName(BinaryLayout(a: c.a, b: c.b, target: target)), c.layout, "\(c.a) op \(c.b)")
        }
    }

    /// Elementwise arithmetic is exact per element, so fast and general paths agree bit for bit.
    func testFastPathsMatchTheStridedPath() throws {
        var rng = RandomGenerator(seed: 21)
        for dtype in DType.allCases {
            for c in Self.cases {
                let a = rng.normalTensor(c.a, dtype: dtype), b = rng.normalTensor(c.b, dtype: dtype).affine(scale: 1, shift: 3)
                for op in BinaryOp.allCases {
                    let fast = try Tensor.applying(op, a, b)
                    var reference = Tensor(zeros: fast.shape, dtype: dtype)
                    try Tensor.applyStrided(op, a, b, into: &reference)
                    XCTAssertEqual(bits(fast), bits(reference), "\(dtype) \(c.a) \(op) \(c.b)")
                }
            }
        }
    }

    /// Large operands take the threaded loops; the result is the same with one thread or several, and
    /// from run to run.
    func testThreadedLoopsAreDeterministic() throws {
        var rng = RandomGenerator(seed: 22)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for dtype in DType.allCases {
            let a = rng.normalTensor([301, 257], dtype: dtype)
            for b in [rng.normalTensor([301, 257], dtype: dtype), rng.normalTensor([257], dtype: dtype),
                      rng.normalTensor([301, 1], dtype: dtype), Tensor(repeating: 3, shape: [], dtype: dtype)] {
                for op in BinaryOp.allCases {
                    Parallel.maximumThreads = 1
                    let serial = try Tensor.applying(op, a, b), swapped = try Tensor.applying(op, b, a)
                    Parallel.maximumThreads = 2
                    XCTAssertEqual(bits(try Tensor.applying(op, a, b)), bits(serial), "\(op) \(b.shape)")
                    XCTAssertEqual(bits(try Tensor.applying(op, b, a)), bits(swapped), "\(op) \(b.shape)")
                    var reference = Tensor(zeros: serial.shape, dtype: dtype)
                    try Tensor.applyStrided(op, a, b, into: &reference)
                    XCTAssertEqual(bits(serial), bits(reference), "\(op) \(b.shape)")
                }
            }
        }
    }

    func testAffineAndUnaryAcrossThreadCounts() {
        var rng = RandomGenerator(seed: 23)
        let x = rng.normalTensor([513, 129], dtype: .float64)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        Parallel.maximumThreads = 2
        XCTAssertEqual(x.affine(scale: 3, shift: -1).scalars, x.scalars.map { 3 * $0 - 1 })
        XCTAssertEqual(x.applying(.relu).scalars, x.scalars.map { Swift.max($0, 0) })
        XCTAssertEqual(x.applying(.square).scalars, x.scalars.map { $0 * $0 })
    }

    func bits(_ t: Tensor) -> [UInt64] {
        t.dtype == .float32 ? t.floats.map { UInt64($0.bitPattern) } : t.scalars.map(\.bitPattern)
    }
}
