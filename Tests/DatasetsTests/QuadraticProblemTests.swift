import XCTest
import Tensors
@testable import Datasets

final class QuadraticProblemTests: XCTestCase {
    func testHessianHasTheRequestedSpectrum() throws {
        let requested = [4.0, 1.0, 0.25, -0.5, 2.0]
        let q = try QuadraticProblem(eigenvalues: requested, seed: 11)
        XCTAssertFalse(q.isPositiveSemidefinite)
        XCTAssertLessThan(q.basisOrthogonalityError, 1e-14)
        let h = q.hessian.scalars, n = q.dimension
        for i in 0..<n { for j in 0..<n { XCTAssertEqual(h[i * n + j], h[j * n + i]) } }
        let eigen = try q.hessian.symmetricEigen()
        for (found, wanted) in zip(eigen.values, requested.sorted()) { XCTAssertEqual(found, wanted, accuracy: 1e-10) }
        // Column i of Q is an eigenvector for eigenvalue i: H q_i = λ_i q_i.
        let columns = q.eigenvectors.scalars
        for i in 0..<n {
            let v = Tensor((0..<n).map { columns[$0 * n + i] })
            for (hv, value) in zip(try q.hessianVectorProduct(v).scalars, v.scalars) { XCTAssertEqual(hv, requested[i] * value, accuracy: 1e-12) }
        }
        let diagonal = try QuadraticProblem(eigenvalues: [3, 1], basis: .identity, seed: 0)
        XCTAssertEqual(diagonal.hessian.scalars, [3, 0, 0, 1])
    }

    func testQuadraticDeepPreset() throws {
        let q = QuadraticProblem.quadraticDeep()
        XCTAssertEqual(q.dimension, 100)
        XCTAssertEqual(q.hessian.shape, [100, 100])
        XCTAssertEqual(q.hessian.dtype, .float64)
        XCTAssertTrue(q.eigenvalues.prefix(90).allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertTrue(q.eigenvalues.suffix(10).allSatisfy { $0 >= 30 && $0 < 60 })
        XCTAssertEqual(q.w0.scalars, [Double](repeating: 1, count: 100))
        XCTAssertEqual(q.b.scalars, [Double](repeating: 0, count: 100))
        XCTAssertLessThan(q.basisOrthogonalityError, 1e-12)
        let eigen = try q.hessian.symmetricEigen()
        for (found, wanted) in zip(eigen.values, q.eigenvalues.sorted()) { XCTAssertEqual(found, wanted, accuracy: 1e-10) }
        XCTAssertEqual(QuadraticProblem.quadraticDeep().hessian.scalars, q.hessian.scalars, "seeded")
        XCTAssertNotEqual(QuadraticProblem.quadraticDeep(seed: 1).eigenvalues, q.eigenvalues)
    }

    func testGradientMatchesFiniteDifferencesAndHVPMatchesH() throws {
        let q = try QuadraticProblem(spectrum: .uniform([.init(count: 6, low: -1, high: 3)]),
                                     linearTerm: .gaussian(std: 1), start: .gaussian(std: 1), seed: 4)
        let w = q.w0.scalars, n = q.dimension
        let gradient = try q.gradient(q.w0).scalars
        let step = 1e-5
        for i in 0..<n {
            var plus = w, minus = w
            plus[i] += step
            minus[i] -= step
            let central = (try q.loss(Tensor(plus)) - q.loss(Tensor(minus))) / (2 * step)
            XCTAssertEqual(central, gradient[i], accuracy: 1e-8)
        }
        var rng = RandomGenerator(seed: 8)
        let v = rng.normalTensor([n], dtype: .float64)
        let hv = try q.hessianVectorProduct(v).scalars
        let reference = try Tensor.matmul(q.hessian, v.reshaped([n, 1])).scalars
        for (a, b) in zip(hv, reference) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        // Float32 inputs are accepted and computed in Double.
        XCTAssertEqual(try q.hessianVectorProduct(v.converted(to: .float32)).dtype, .float64)
        assertDatasetError(try q.gradient(Tensor([1.0])), contains: ["expected a vector of 6 values"])
    }

    func testStationaryPointZeroesTheGradient() throws {
        let q = try QuadraticProblem(eigenvalues: [2, 0.5, 5], linearTerm: .gaussian(std: 1), seed: 2)
        let star = try XCTUnwrap(q.stationaryPoint)
        XCTAssertLessThan(try q.gradient(star).norm, 1e-12)
        XCTAssertNil(try QuadraticProblem(eigenvalues: [1, 0], seed: 0).stationaryPoint)
    }

    func testOrthogonalBasisIsHaarSigned() {
        var rng = RandomGenerator(seed: 1)
        let q = OrthogonalBasis.random(dimension: 50, rng: &rng)
        XCTAssertLessThan(OrthogonalBasis.orthogonalityError(q, dimension: 50), 1e-13)
        XCTAssertEqual(OrthogonalBasis.orthogonalityError(OrthogonalBasis.identity(dimension: 3), dimension: 3), 0)
    }
}
