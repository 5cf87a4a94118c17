import XCTest
import Foundation
@testable import Tensors

/// The vectorised single-precision `exp`, `log` and `tanh` against double-precision libm.
final class VectorMathTests: XCTestCase {
    typealias Kernel = (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void

    static let kernels: [(name: String, f: Kernel, exact: (Double) -> Double, maxUlps: Double)] = [
        ("exp", { VectorMath.exp($0, $1, count: $2) }, { Foundation.exp($0) }, 1),
        ("log", { VectorMath.log($0, $1, count: $2) }, { Foundation.log($0) }, 1),
        ("tanh", { VectorMath.tanh($0, $1, count: $2) }, { Foundation.tanh($0) }, 1.5),
    ]

    /// The error of `value` in units of the last place of the correctly rounded result (0 when both are
    /// the same NaN-or-not value with the same sign; infinite when only one is NaN or infinite).
    func ulpError(_ value: Float, _ exact: Double) -> Double {
        let rounded = Float(exact)
        if value.isNaN || rounded.isNaN { return value.isNaN && rounded.isNaN ? 0 : .infinity }
        if value == rounded && value.sign == rounded.sign { return 0 }
        if value.isInfinite || rounded.isInfinite { return .infinity }
        let ulp = Swift.abs(rounded) < Float.leastNormalMagnitude ? Float.leastNonzeroMagnitude : rounded.ulp
        return Swift.abs(Double(value) - exact) / Double(ulp)
    }

    func evaluate(_ f: Kernel, _ xs: [Float]) -> [Float] {
        var ys = [Float](repeating: 0, count: xs.count)
        xs.withUnsafeBufferPointer { x in ys.withUnsafeMutableBufferPointer { y in f(x.baseAddress!, y.baseAddress!, xs.count) } }
        return ys
    }

    /// Every 4099th bit pattern (about a million floats: every binade, both signs, subnormals, inf, NaN)
    /// plus a dense sweep of the ranges where the polynomials switch or the results leave the normal range.
    func testMaximumUlpErrorOverAllBinades() {
        var xs: [Float] = stride(from: UInt64(0), to: 1 << 32, by: 4099).map { Float(bitPattern: UInt32($0)) }
        for (lo, hi) in [(-104 as Float, -80 as Float), (80, 90), (-1, 1), (0.5, 2), (-10, 10)] {
            xs += (0..<20_000).map { lo + (hi - lo) * Float($0) / 20_000 }
        }
        for k in Self.kernels {
            let ys = evaluate(k.f, xs)
            var worst = 0.0, worstX: Float = 0
            for (x, y) in zip(xs, ys) {
                let e = ulpError(y, k.exact(Double(x)))
                if e > worst { worst = e; worstX = x }
            }
            XCTAssertLessThanOrEqual(worst, k.maxUlps, "\(k.name): \(worst) ulp at \(worstX)")
        }
    }

    func testSpecialValues() {
        let specials: [Float] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 88.72283, 88.72284, 89, -87.33655, -103.2789, -103.9721, -104, 1e30, -1e30, 1]
        for k in Self.kernels {
            let ys = evaluate(k.f, specials)
            for (x, y) in zip(specials, ys) {
                XCTAssertLessThanOrEqual(ulpError(y, k.exact(Double(x))), k.maxUlps, "\(k.name)(\(x)) = \(y)")
            }
        }
        let tanhs = evaluate(Self.kernels[2].f, [0, -0.0])
        XCTAssertEqual(tanhs[0].sign, .plus)
        XCTAssertEqual(tanhs[1].sign, .minus)
        XCTAssertEqual(evaluate(Self.kernels[1].f, [-0.0, -1, 0])[0], -.infinity)
        // exp rounds to the smallest subnormal down to ln(2⁻¹⁵⁰), to 0 below (and -1e30, a softmax mask).
        let edge: Float = -103.972_08
        XCTAssertEqual(evaluate(Self.kernels[0].f, [edge, edge.nextDown, -1e30]), [.leastNonzeroMagnitude, 0, 0])
        XCTAssertTrue(evaluate(Self.kernels[1].f, [-1])[0].isNaN)
    }

    /// A result depends only on its input: any length, offset or split gives the same bits.
    func testResultsDoNotDependOnLengthOffsetOrSplit() {
        var rng = RandomGenerator(seed: 11)
        let xs = rng.normalTensor([1001]).affine(scale: 20).floats
        for k in Self.kernels {
            let whole = evaluate(k.f, xs)
            for (start, end) in [(0, 1), (3, 10), (1, 1001), (500, 517)] {
                XCTAssertEqual(evaluate(k.f, Array(xs[start..<end])).map(\.bitPattern), whole[start..<end].map(\.bitPattern), k.name)
            }
        }
    }

    /// Tensor `exp`/`log`/`tanh` use these kernels in single precision and libm in double precision,
    /// with or without threads.
    func testTensorUnaryOpsAcrossThreadCounts() {
        var rng = RandomGenerator(seed: 12)
        let x32 = rng.normalTensor([301, 257]), x64 = x32.converted(to: .float64)
        let positive32 = x32.applying(.abs), positive64 = x64.applying(.abs)
        let saved = Parallel.maximumThreads
        defer { Parallel.maximumThreads = saved }
        for (op, input32, input64) in [(UnaryOp.exp, x32, x64), (.log, positive32, positive64), (.tanh, x32, x64)] {
            Parallel.maximumThreads = 1
            let serial = input32.applying(op)
            Parallel.maximumThreads = 2
            let threaded = input32.applying(op), again = input32.applying(op)
            XCTAssertEqual(serial.floats.map(\.bitPattern), threaded.floats.map(\.bitPattern), "\(op)")
            XCTAssertEqual(threaded.floats.map(\.bitPattern), again.floats.map(\.bitPattern), "\(op)")
            let libm: (Double) -> Double = op == .exp ? { Foundation.exp($0) } : op == .log ? { Foundation.log($0) } : { Foundation.tanh($0) }
            XCTAssertEqual(input64.applying(op).scalars, input64.scalars.map(libm), "\(op) float64")
        }
    }
}
