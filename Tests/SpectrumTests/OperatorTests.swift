import Spectrum
import Tensors
import XCTest

final class OperatorTests: XCTestCase {
    func testRandomOrthogonalIsOrthogonalAndSeeded() throws {
        let q = randomOrthogonal(n: 40, seed: 7)
        let qtq = try Tensor.matmul(q, q, transA: true)
        for i in 0..<40 { for j in 0..<40 {
            XCTAssertEqual(qtq.scalar(at: i * 40 + j), i == j ? 1 : 0, accuracy: 1e-13)
        } }
        XCTAssertEqual(q.scalars, randomOrthogonal(n: 40, seed: 7).scalars)
        XCTAssertNotEqual(q.scalars, randomOrthogonal(n: 40, seed: 8).scalars)
    }

    func testOperatorWithPrescribedSpectrum() throws {
        let values = uniformValues(30, -2...5, seed: 1)
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 3)
        let eigen = try op.matrix.symmetricEigen()
        assertRelativelyClose(eigen.values, values.sorted(), 1e-12)
    }

    func testDenseDiagonalAndClosureProducts() throws {
        let m = try Tensor(shape: [3, 3], scalars: [2, 1, 0, 1, 3, -1, 0, -1, 4], dtype: .float64)
        let dense = try DenseSymmetricOperator(m)
        let v = Tensor([1.0, -2.0, 0.5])
        XCTAssertEqual(try dense.apply(v).scalars, [0, -5.5, 4])
        let diagonal = DiagonalOperator([2, -1, 3], dtype: .float32)
        XCTAssertEqual(try diagonal.apply(Tensor([Float(1), 2, 3])).floats, [2, -2, 9])
        let closure = ClosureOperator(dimension: 3, dtype: .float64) { $0.affine(scale: 2) }
        XCTAssertEqual(try closure.apply(v).scalars, [2, -4, 1])
        XCTAssertThrowsError(try dense.apply(Tensor([1.0, 2.0])))
    }

    func testDenseOperatorSymmetrises() throws {
        let m = try Tensor(shape: [2, 2], scalars: [1, 2, 0, 1], dtype: .float64)
        XCTAssertEqual(try DenseSymmetricOperator(m).matrix.scalars, [1, 1, 1, 1])
        XCTAssertThrowsError(try DenseSymmetricOperator(Tensor(zeros: [2, 3], dtype: .float64)))
    }

    func testCountingOperatorCountsApplications() throws {
        let counter = CountingOperator(DiagonalOperator([1, 2, 3]))
        _ = try counter.apply(Tensor([1.0, 1.0, 1.0]))
        let estimate = try Lanczos(k: 1, checksMultiplicity: false).eigenpairs(of: counter)
        XCTAssertEqual(counter.applications, 1 + estimate.operatorApplications)
        XCTAssertGreaterThanOrEqual(counter.seconds, 0)
        counter.reset()
        XCTAssertEqual(counter.applications, 0)
    }

    func testDenseSpectrumReproducesTheMatrix() throws {
        let op = try DenseSymmetricOperator(eigenvalues: uniformValues(50, -1...3, seed: 2), seed: 5)
        let closure = ClosureOperator(dimension: 50, dtype: .float64) { try op.apply($0) }
        let dense = try DenseSpectrum(of: closure)
        XCTAssertEqual(dense.operatorApplications, 50)
        XCTAssertLessThan(dense.asymmetry, 1e-14)
        for (a, b) in zip(dense.matrix.scalars, op.matrix.scalars) { XCTAssertEqual(a, b, accuracy: 1e-14) }
        let top = try dense.eigenpairs(k: 3)
        assertRelativelyClose(top.eigenvalues, expected(uniformValues(50, -1...3, seed: 2), k: 3, end: .largestAlgebraic), 1e-12)
        XCTAssertTrue(top.residualNorms.allSatisfy { $0 < 1e-12 })
    }

    func testDenseSpectrumReportsAsymmetry() throws {
        // A = [[1, 1], [0, 1]] is not symmetric: ‖A − Aᵀ‖_F / ‖A‖_F = √2 / √3.
        let a = ClosureOperator(dimension: 2, dtype: .float64) { v in Tensor([v.scalar(at: 0) + v.scalar(at: 1), v.scalar(at: 1)]) }
        let dense = try DenseSpectrum(of: a)
        XCTAssertEqual(dense.asymmetry, (2.0 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(dense.matrix.scalars, [1, 0.5, 0.5, 1])
        XCTAssertThrowsError(try DenseSpectrum(of: a, maxDimension: 1))
    }

    func testOperatorReturningNaNIsAnError() throws {
        let bad = ClosureOperator(dimension: 4, dtype: .float64) { _ in Tensor([1.0, .nan, 0, 0]) }
        XCTAssertThrowsError(try Lanczos(k: 1).eigenpairs(of: bad)) { error in
            XCTAssertTrue("\(error)".contains("NaN"), "\(error)")
        }
        let wrongSize = ClosureOperator(dimension: 4, dtype: .float64) { _ in Tensor([1.0]) }
        XCTAssertThrowsError(try hutchinsonTrace(of: wrongSize, samples: 2, seed: 0))
    }
}
