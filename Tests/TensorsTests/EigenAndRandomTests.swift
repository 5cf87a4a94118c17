import XCTest
import Tensors
import TestSupport

final class EigenAndRandomTests: XCTestCase {
    func testSymmetricEigenReconstructsTheMatrix() throws {
        var rng = RandomGenerator(seed: 9)
        for dtype in DType.allCases {
            let n = 12
            let r = rng.normalTensor([n, n], dtype: dtype)
            let a = try (r + (try r.transposed())).affine(scale: 0.5)
            let e = try a.symmetricEigen()
            XCTAssertEqual(e.values, e.values.sorted())
            let q = e.vectors
            let lambda = try Tensor(shape: [1, n], scalars: e.values, dtype: dtype)
            let rebuilt = try Tensor.matmul(try q * lambda, q, transB: true)
            XCTAssertNil(firstMismatch(rebuilt.scalars, a.scalars, rtol: 0, atol: dtype == .float32 ? 1e-4 : 1e-12))
            let orthogonality = try Tensor.matmul(q, q, transA: true)
            let identity = (0..<(n * n)).map { $0 % (n + 1) == 0 ? 1.0 : 0.0 }
            XCTAssertNil(firstMismatch(orthogonality.scalars, identity, rtol: 0, atol: dtype == .float32 ? 1e-5 : 1e-13))
        }
        XCTAssertThrowsError(try Tensor(zeros: [2, 3]).symmetricEigen())
    }

    func testDiagonalEigenvaluesAreExact() throws {
        let d = try Tensor(shape: [3, 3], scalars: [3, 0, 0, 0, -1, 0, 0, 0, 2], dtype: .float64)
        let e = try d.symmetricEigen()
        XCTAssertEqual(e.values, [-1, 2, 3])
        XCTAssertEqual(Swift.abs(e.vector(0).scalars[1]), 1)
    }

    func testSeededGeneratorIsReproducibleAndWellDistributed() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42), c = RandomGenerator(seed: 43)
        let xs = (0..<5).map { _ in a.next() }
        XCTAssertEqual(xs, (0..<5).map { _ in b.next() })
        XCTAssertNotEqual(xs, (0..<5).map { _ in c.next() })
        var r = RandomGenerator(seed: 1)
        let samples = (0..<20000).map { _ in r.normal() }
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.04)
        XCTAssertEqual(Set(r.permutation(10)), Set(0..<10))
        let rad = r.rademacherTensor([1000], dtype: .float64).scalars
        XCTAssertTrue(rad.allSatisfy { $0 == 1 || $0 == -1 })
        var s1 = RandomGenerator(seed: 5).split(1), s1again = RandomGenerator(seed: 5).split(1), s2 = RandomGenerator(seed: 5).split(2)
        let first = s1.uniform()
        XCTAssertEqual(first, s1again.uniform())
        XCTAssertNotEqual(first, s2.uniform())
    }

    func testKernelSelectionPolicy() {
        XCTAssertEqual(BLASKernelSelection.recommendedCore(cpuFlags: ["avx512f", "avx512bw", "avx512vl", "avx2", "fma"]), "SkylakeX")
        XCTAssertEqual(BLASKernelSelection.recommendedCore(cpuFlags: ["avx2", "fma", "avx"]), "Haswell")
        XCTAssertNil(BLASKernelSelection.recommendedCore(cpuFlags: ["sse2"]))
        XCTAssertTrue(BLASKernelSelection.isGenericFallback("Prescott"))
        XCTAssertFalse(BLASKernelSelection.isGenericFallback("Cooperlake"))
        XCTAssertFalse(BLAS.coreName.isEmpty)
    }
}
