import XCTest
import Tensors
import TestSupport

/// The GEMM path (whatever kernel OpenBLAS picked on this machine) against a naive triple loop.
final class MatMulTests: XCTestCase {
    func testRandomShapesAndTransposesBothPrecisions() throws {
        var rng = RandomGenerator(seed: 7)
        for dtype in DType.allCases {
            for trial in 0..<40 {
                let m = 1 + Int(rng.next() % 70), n = 1 + Int(rng.next() % 70), k = 1 + Int(rng.next() % 130)
                let ta = trial % 2 == 1, tb = (trial / 2) % 2 == 1
                let a = rng.normalTensor(ta ? [k, m] : [m, k], dtype: dtype)
                let b = rng.normalTensor(tb ? [n, k] : [k, n], dtype: dtype)
                let c = try Tensor.matmul(a, b, transA: ta, transB: tb)
                XCTAssertEqual(c.shape, [m, n])
                let expected = naiveMatrixProduct(a.scalars, b.scalars, m: m, n: n, k: k, ta: ta, tb: tb)
                let tol = dtype == .float32 ? 1e-4 : 1e-12
                XCTAssertNil(firstMismatch(c.scalars, expected, rtol: tol, atol: tol * Double(k)), "\(dtype) \(m)x\(k)x\(n) ta=\(ta) tb=\(tb)")
            }
        }
    }

    func testLargeProductUsesTunedKernelCorrectly() throws {
        // Large enough that OpenBLAS runs its blocked, threaded kernels.
        var rng = RandomGenerator(seed: 3)
        let a = rng.normalTensor([300, 257]), b = rng.normalTensor([257, 311])
        let c = try Tensor.matmul(a, b)
        let expected = naiveMatrixProduct(a.scalars, b.scalars, m: 300, n: 311, k: 257, ta: false, tb: false)
        XCTAssertNil(firstMismatch(c.scalars, expected, rtol: 1e-4, atol: 1e-3))
    }

    func testBatchedAndSharedRightOperand() throws {
        var rng = RandomGenerator(seed: 11)
        let a = rng.normalTensor([3, 4, 5], dtype: .float64), b = rng.normalTensor([3, 5, 2], dtype: .float64)
        let c = try Tensor.matmul(a, b)
        for i in 0..<3 {
            let ci = try Tensor.matmul(a.slice(rows: i..<(i + 1)).reshaped([4, 5]), b.slice(rows: i..<(i + 1)).reshaped([5, 2]))
            XCTAssertEqual(try c.slice(rows: i..<(i + 1)).scalars, ci.scalars)
        }
        let w = rng.normalTensor([5, 6], dtype: .float64)
        let shared = try Tensor.matmul(a, w)
        XCTAssertEqual(shared.shape, [3, 4, 6])
        let flat = try Tensor.matmul(a.reshaped([12, 5]), w)
        XCTAssertEqual(shared.scalars, flat.scalars)
    }

    func testShapeErrorsNameTheShapes() {
        let a = Tensor(zeros: [3, 4]), b = Tensor(zeros: [5, 2])
        XCTAssertThrowsError(try Tensor.matmul(a, b)) { error in
            XCTAssertTrue("\(error)".contains("[3, 4]") && "\(error)".contains("[5, 2]"), "\(error)")
        }
    }
}
