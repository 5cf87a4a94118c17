import Spectrum
import Tensors
import XCTest

final class LanczosTests: XCTestCase {
    func testDiagonalTopK() throws {
        let values = uniformValues(200, 0...10, seed: 11)
        let op = DiagonalOperator(values)
        let estimate = try Lanczos(k: 5, tolerance: 1e-10).eigenpairs(of: op)
        assertRelativelyClose(estimate.eigenvalues, expected(values, k: 5, end: .largestAlgebraic), 1e-8)
        try assertConsistent(estimate, op, absolute: 1e-12)
        XCTAssertEqual(estimate.end, .largestAlgebraic)
        XCTAssertLessThanOrEqual(estimate.krylovDimension, 120)
    }

    func testRandomOrthogonalConjugation() throws {
        let values = uniformValues(150, -1...4, seed: 12) + [6, 5.5]
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 13)
        let estimate = try Lanczos(k: 3, tolerance: 1e-10).eigenpairs(of: op)
        assertRelativelyClose(estimate.eigenvalues, expected(values, k: 3, end: .largestAlgebraic), 1e-8)
        try assertConsistent(estimate, op, absolute: 1e-12)
        // Eigenvectors agree with LAPACK's up to sign.
        let reference = try DenseSpectrum(of: op).eigenpairs(k: 3)
        for (y, u) in zip(estimate.eigenvectors, reference.eigenvectors) { XCTAssertEqual(try alignment(y, u), 1, accuracy: 1e-8) }
    }

    func testClusteredEigenvalues() throws {
        // Three eigenvalues within 1e-4 of each other on top of a bulk in [0, 1].
        let values = uniformValues(120, 0...1, seed: 14) + [2, 2.0001, 2.0002]
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 15)
        let estimate = try Lanczos(k: 3, tolerance: 1e-10, maxKrylovDimension: 123).eigenpairs(of: op)
        assertRelativelyClose(estimate.eigenvalues, [2.0002, 2.0001, 2], 1e-8)
        try assertConsistent(estimate, op, absolute: 1e-12)
    }

    func testDegenerateEigenvaluesAreFoundWithTheirMultiplicity() throws {
        // 5 three times and 4 twice above distinct values: one Krylov chain sees each eigenspace once.
        let values = [5, 5, 5, 4, 4] + uniformValues(95, 0...3, seed: 16)
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 17)
        let estimate = try Lanczos(k: 4, tolerance: 1e-10).eigenpairs(of: op)
        assertRelativelyClose(estimate.eigenvalues, [5, 5, 5, 4], 1e-8)
        try assertConsistent(estimate, op, absolute: 1e-12)
        // The eigenvectors of the repeated value are orthonormal, not copies of one vector.
        for i in 0..<3 { for j in 0..<i { XCTAssertLessThan(try alignment(estimate.eigenvectors[i], estimate.eigenvectors[j]), 1e-8) } }
        // Probing costs operator applications: a run without it is cheaper (and may miss copies).
        let single = try Lanczos(k: 4, tolerance: 1e-10, checksMultiplicity: false).eigenpairs(of: op)
        XCTAssertLessThan(single.operatorApplications, estimate.operatorApplications)
    }

    func testInvariantSubspaceRestartsFindAllCopies() throws {
        // Only three distinct values: every Krylov chain becomes invariant after three steps.
        let values = Array(repeating: 3.0, count: 10) + Array(repeating: 2.0, count: 20) + Array(repeating: -1.0, count: 30)
        let op = DiagonalOperator(values)
        let estimate = try Lanczos(k: 12, tolerance: 1e-10).eigenpairs(of: op)
        assertRelativelyClose(estimate.eigenvalues, expected(values, k: 12, end: .largestAlgebraic), 1e-10)
        try assertConsistent(estimate, op, absolute: 1e-12)
        let bottom = try Lanczos(k: 31, end: .smallestAlgebraic, tolerance: 1e-10).eigenpairs(of: op)
        assertRelativelyClose(bottom.eigenvalues, expected(values, k: 31, end: .smallestAlgebraic), 1e-10)
    }

    func testTheThreeEndsWithNegativeEigenvalues() throws {
        let values = uniformValues(100, -2...2, seed: 18) + [3, 2.5, -6, -4]
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 19)
        for end in SpectrumEnd.allCases {
            let estimate = try Lanczos(k: 3, end: end, tolerance: 1e-10).eigenpairs(of: op)
            XCTAssertEqual(estimate.end, end)
            assertRelativelyClose(estimate.eigenvalues, expected(values, k: 3, end: end), 1e-8, "\(end)")
            try assertConsistent(estimate, op, absolute: 1e-12)
        }
        let largest = try Lanczos(k: 2, end: .largestAlgebraic, tolerance: 1e-10).eigenpairs(of: op).eigenvalues
        let magnitude = try Lanczos(k: 2, end: .largestMagnitude, tolerance: 1e-10).eigenpairs(of: op).eigenvalues
        assertRelativelyClose(largest, [3, 2.5], 1e-8)
        assertRelativelyClose(magnitude, [-6, -4], 1e-8)
    }

    func testAgreesWithLAPACKOnRandomSymmetricMatricesFloat64() throws {
        for seed in UInt64(0)..<3 {
            var rng = RandomGenerator(seed: 100 + seed)
            let g = rng.normalTensor([150, 150], dtype: .float64)
            let op = try DenseSymmetricOperator(g)
            let truth = try op.matrix.symmetricEigen().values
            for end in SpectrumEnd.allCases {
                let estimate = try Lanczos(k: 4, end: end, tolerance: 1e-10, maxKrylovDimension: 150, seed: seed).eigenpairs(of: op)
                assertRelativelyClose(estimate.eigenvalues, expected(truth, k: 4, end: end), 1e-8, "seed \(seed) \(end)")
                try assertConsistent(estimate, op, absolute: 1e-10)
            }
        }
    }

    func testAgreesWithLAPACKOnARandomSymmetricMatrixFloat32() throws {
        let values = uniformValues(200, 0...1, seed: 20) + [3, 2.5, 2]
        let op64 = try DenseSymmetricOperator(eigenvalues: values, seed: 21)
        let op = try DenseSymmetricOperator(op64.matrix.converted(to: .float32))
        let truth = try op.matrix.converted(to: .float64).symmetricEigen().values
        let estimate = try Lanczos(k: 3, verifiesResiduals: true).eigenpairs(of: op)
        XCTAssertEqual(estimate.tolerance, 1e-4)
        XCTAssertTrue(estimate.residualsVerified)
        XCTAssertEqual(estimate.eigenvectors[0].dtype, .float32)
        assertRelativelyClose(estimate.eigenvalues, expected(truth, k: 3, end: .largestAlgebraic), 1e-5)
        try assertConsistent(estimate, op, absolute: 1e-5)
    }

    func testWarmStartSavesApplicationsAfterAPerturbation() throws {
        // Top eigenvalues close above a bulk, as for a Hessian during training.
        let values = uniformValues(277, 0...1, seed: 22) + [1.3, 1.2, 1.1]
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 23)
        // A small symmetric perturbation, as between two probes of a training run.
        var rng = RandomGenerator(seed: 24)
        var perturbation = rng.normalTensor([280, 280], dtype: .float64)
        perturbation.scale(by: 1e-3 / Double(280).squareRoot())
        let perturbed = try DenseSymmetricOperator(op.matrix + perturbation)
        let truth = expected(try perturbed.matrix.symmetricEigen().values, k: 3, end: .largestAlgebraic)
        for tolerance in [1e-8, 1e-4] {
            let tracking = Lanczos(k: 3, tolerance: tolerance, maxKrylovDimension: 280, checksMultiplicity: false)
            let previous = try tracking.eigenpairs(of: op)
            let cold = try tracking.eigenpairs(of: perturbed)
            let warm = try tracking.eigenpairs(of: perturbed, start: .warm(from: previous))
            let accuracy = tolerance == 1e-8 ? 1e-8 : 1e-5
            assertRelativelyClose(cold.eigenvalues, truth, accuracy)
            assertRelativelyClose(warm.eigenvalues, truth, accuracy)
            try assertConsistent(warm, perturbed, absolute: 1e-12)
            XCTAssertLessThan(warm.operatorApplications, cold.operatorApplications)
            print("tolerance \(tolerance): warm start \(warm.operatorApplications) applications, cold \(cold.operatorApplications)")
        }
    }

    func testSeededRunsAreReproducible() throws {
        let op = try DenseSymmetricOperator(eigenvalues: uniformValues(80, 0...5, seed: 25), seed: 26)
        let a = try Lanczos(k: 2, seed: 9).eigenpairs(of: op)
        let b = try Lanczos(k: 2, seed: 9).eigenpairs(of: op)
        XCTAssertEqual(a.eigenvalues, b.eigenvalues)
        XCTAssertEqual(a.operatorApplications, b.operatorApplications)
        XCTAssertEqual(a.eigenvectors[0].scalars, b.eigenvectors[0].scalars)
    }

    func testBudgetExhaustionIsReportedAsNotConverged() throws {
        let op = try DenseSymmetricOperator(eigenvalues: uniformValues(100, 0...1, seed: 27), seed: 28)
        let estimate = try Lanczos(k: 2, tolerance: 1e-12, maxKrylovDimension: 5).eigenpairs(of: op)
        XCTAssertEqual(estimate.krylovDimension, 5)
        XCTAssertEqual(estimate.operatorApplications, 5)
        XCTAssertFalse(estimate.allConverged)
        XCTAssertTrue(estimate.description.contains("no"), estimate.description)
    }

    func testVerifiedResidualsMatchTheRecurrence() throws {
        let op = try DenseSymmetricOperator(eigenvalues: uniformValues(100, -1...1, seed: 29) + [2], seed: 30)
        let plain = try Lanczos(k: 2, tolerance: 1e-9, checksMultiplicity: false).eigenpairs(of: op)
        let verified = try Lanczos(k: 2, tolerance: 1e-9, checksMultiplicity: false, verifiesResiduals: true).eigenpairs(of: op)
        XCTAssertEqual(verified.operatorApplications, plain.operatorApplications + 2)
        for (a, b) in zip(plain.residualNorms, verified.residualNorms) { XCTAssertEqual(a, b, accuracy: 1e-12 + 0.01 * b) }
    }

    func testInvalidSettingsThrowNamingTheValue() throws {
        let op = DiagonalOperator([1, 2, 3])
        XCTAssertThrowsError(try Lanczos(k: 4).eigenpairs(of: op)) { XCTAssertTrue("\($0)".contains("got 4"), "\($0)") }
        XCTAssertThrowsError(try Lanczos(k: 1, tolerance: 0).eigenpairs(of: op)) { XCTAssertTrue("\($0)".contains("got 0"), "\($0)") }
        XCTAssertThrowsError(try Lanczos(k: 2, maxKrylovDimension: 1).eigenpairs(of: op))
        XCTAssertThrowsError(try Lanczos(k: 1).eigenpairs(of: op, start: .vector(Tensor([0.0, 0, 0]))))
        XCTAssertThrowsError(try Lanczos(k: 1).eigenpairs(of: op, start: .vector(Tensor([1.0, 0]))))
    }
}
