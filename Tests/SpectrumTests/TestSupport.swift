import Spectrum
import Tensors
import XCTest

/// Asserts `|a − b| ≤ relative · max(|b|, 1e-300)` elementwise, naming the index.
func assertRelativelyClose(_ a: [Double], _ b: [Double], _ relative: Double, _ message: String = "",
                           file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "count differs \(message)", file: file, line: line)
    for (i, (x, y)) in zip(a, b).enumerated() {
        XCTAssertLessThanOrEqual(abs(x - y), relative * max(abs(y), 1e-300),
                                 "index \(i): \(x) vs \(y) \(message)", file: file, line: line)
    }
}

/// The `k` values of `eigenvalues` at `end`, in that end's order (the truth for a known spectrum).
func expected(_ eigenvalues: [Double], k: Int, end: SpectrumEnd) -> [Double] {
    let sorted: [Double]
    switch end {
    case .largestAlgebraic: sorted = eigenvalues.sorted(by: >)
    case .smallestAlgebraic: sorted = eigenvalues.sorted()
    case .largestMagnitude: sorted = eigenvalues.sorted { abs($0) > abs($1) }
    }
    return Array(sorted.prefix(k))
}

/// `n` seeded values uniform in `range`.
func uniformValues(_ n: Int, _ range: ClosedRange<Double>, seed: UInt64) -> [Double] {
    var rng = RandomGenerator(seed: seed)
    return (0..<n).map { _ in range.lowerBound + (range.upperBound - range.lowerBound) * rng.uniform() }
}

/// Asserts that every pair of an estimate converged with a residual below its criterion and that each
/// eigenvector satisfies `‖A y − θ y‖` ≈ the reported residual (checked explicitly).
func assertConsistent(_ estimate: EigenEstimate, _ op: any SymmetricOperator, absolute: Double,
                      file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertTrue(estimate.allConverged, "not all converged:\n\(estimate)", file: file, line: line)
    for (i, y) in estimate.eigenvectors.enumerated() {
        XCTAssertEqual(y.norm, 1, accuracy: 1e-5, file: file, line: line)
        var r = try op.apply(y)
        r.addScaled(y, -estimate.eigenvalues[i])
        let allowed = max(estimate.tolerance * abs(estimate.eigenvalues[i]), absolute)
        XCTAssertLessThanOrEqual(estimate.residualNorms[i], allowed, "reported residual \(i)", file: file, line: line)
        XCTAssertLessThanOrEqual(r.norm, 10 * allowed, "explicit residual \(i)", file: file, line: line)
    }
}
