import Spectrum
import Tensors
import XCTest

final class EstimatorTests: XCTestCase {
    func testPowerIterationWithASpectralGap() throws {
        let values = uniformValues(100, -1...1, seed: 40) + [3]
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 41)
        let estimate = try PowerIteration(tolerance: 1e-10, seed: 1).dominantEigenpair(of: op)
        XCTAssertEqual(estimate.end, .largestMagnitude)
        XCTAssertEqual(estimate.eigenvalues[0], 3, accuracy: 1e-9)
        try assertConsistent(estimate, op, absolute: 1e-12)
        // Lanczos reaches the same accuracy with fewer applications.
        let lanczos = try Lanczos(k: 1, tolerance: 1e-10, checksMultiplicity: false).eigenpairs(of: op)
        XCTAssertLessThan(lanczos.operatorApplications, estimate.operatorApplications)
    }

    func testPowerIterationFindsTheLargestMagnitude() throws {
        let op = DiagonalOperator([1, 2, -5, 0.5])
        let estimate = try PowerIteration(tolerance: 1e-10).dominantEigenpair(of: op)
        XCTAssertEqual(estimate.eigenvalues[0], -5, accuracy: 1e-9)
    }

    func testPowerIterationWithoutAGapDoesNotConverge() throws {
        let op = DiagonalOperator([1, -1, 0.5])
        let estimate = try PowerIteration(tolerance: 1e-10, maxIterations: 50).dominantEigenpair(of: op)
        XCTAssertFalse(estimate.allConverged)
        XCTAssertEqual(estimate.operatorApplications, 50)
    }

    func testHutchinsonTraceIsWithinAFewStandardErrors() throws {
        let values = uniformValues(200, -1...3, seed: 42)
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 43)
        let truth = values.reduce(0, +)
        for seed in UInt64(0)..<3 {
            let estimate = try hutchinsonTrace(of: op, samples: 100, seed: seed)
            XCTAssertEqual(estimate.samples, 100)
            XCTAssertEqual(estimate.operatorApplications, 100)
            XCTAssertGreaterThan(estimate.standardError, 0)
            XCTAssertLessThan(abs(estimate.estimate - truth), 4 * estimate.standardError, "\(estimate) vs \(truth)")
        }
        let gaussian = try hutchinsonTrace(of: op, samples: 100, seed: 5, distribution: .gaussian)
        XCTAssertLessThan(abs(gaussian.estimate - truth), 4 * gaussian.standardError)
        // A diagonal matrix has an exact Rademacher trace: zᵢ² = 1.
        let exact = try hutchinsonTrace(of: DiagonalOperator(values), samples: 3, seed: 0)
        XCTAssertEqual(exact.estimate, truth, accuracy: 1e-10)
        XCTAssertEqual(exact.standardError, 0, accuracy: 1e-10)
    }

    func testSpectralDensityIntegratesToOneAndSitsOnTheEigenvalues() throws {
        // Two well-separated groups of eigenvalues: 60 near −1 and 40 near 2.
        let values = uniformValues(60, -1.1 ... -0.9, seed: 44) + uniformValues(40, 1.9...2.1, seed: 45)
        let op = try DenseSymmetricOperator(eigenvalues: values, seed: 46)
        let slq = try SpectralDensity.stochasticLanczosQuadrature(of: op, runs: 8, steps: 30, seed: 1)
        XCTAssertEqual(slq.operatorApplications, 8 * 30)
        for w in slq.weights { XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-12) }
        for node in slq.nodes.joined() { XCTAssertTrue((-1.1 - 1e-9 ... 2.1 + 1e-9).contains(node), "\(node)") }
        let sigma = 0.05
        let curve = try slq.gaussianBroadened(grid: slq.grid(points: 400, sigma: sigma), sigma: sigma)
        XCTAssertEqual(curve.mass, 1, accuracy: 1e-12)
        XCTAssertEqual(curve.rawMass, 1, accuracy: 1e-3)
        // The mass near each group matches its share of the eigenvalues (60% and 40%), up to probe noise.
        var low = 0.0, high = 0.0
        for i in curve.grid.indices.dropFirst() {
            let piece = (curve.grid[i] - curve.grid[i - 1]) * (curve.values[i] + curve.values[i - 1]) / 2
            if abs(curve.grid[i] + 1) < 0.4 { low += piece }
            if abs(curve.grid[i] - 2) < 0.4 { high += piece }
        }
        XCTAssertEqual(low, 0.6, accuracy: 0.1)
        XCTAssertEqual(high, 0.4, accuracy: 0.1)
        XCTAssertGreaterThan(low + high, 0.99)
        // The implied trace equals Hutchinson's with the same Rademacher probes.
        let hutchinson = try hutchinsonTrace(of: op, samples: 8, seed: 1)
        XCTAssertEqual(slq.traceEstimate, hutchinson.estimate, accuracy: 1e-9)
    }

    func testSpectralDensityStopsAtAnInvariantSubspace() throws {
        let op = DiagonalOperator([1, 1, 2, 2, 3, 3])
        let slq = try SpectralDensity.stochasticLanczosQuadrature(of: op, runs: 2, steps: 6, seed: 3)
        XCTAssertEqual(slq.operatorApplications, 6)
        for nodes in slq.nodes { assertRelativelyClose(nodes, [1, 2, 3], 1e-12) }
        XCTAssertThrowsError(try slq.gaussianBroadened(grid: [0, 0], sigma: 0.1))
        XCTAssertThrowsError(try slq.gaussianBroadened(grid: [0, 1], sigma: 0))
    }
}
