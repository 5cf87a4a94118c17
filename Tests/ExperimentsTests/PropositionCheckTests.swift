import XCTest
import Experiments

final class PropositionCheckTests: XCTestCase {
    func testPropositionsHoldOnRandomQuadratics() {
        let report = PropositionCheck(cases: 1500, seed: 7).run()
        XCTAssertTrue(report.allHold, report.description)
        XCTAssertEqual(report.proposition3.violations, 0)
        XCTAssertGreaterThan(report.proposition3.conditionMet, 50, "the sufficient condition must be exercised")
        XCTAssertGreaterThan(report.proposition2.conditionMet, 20)
        XCTAssertGreaterThan(report.proposition1.conditionMet, 50)
        XCTAssertGreaterThan(report.samTightness.belowEdge, 100)
        XCTAssertGreaterThan(report.samTightness.aboveEdge, 100)
        XCTAssertLessThan(report.maxClosedFormError, 1e-9)
        for bin in report.alphaBins.values {
            if let down = bin.largestRatioDecreasing { XCTAssertLessThan(down, 1) }
            if let up = bin.smallestRatioIncreasing { XCTAssertGreaterThan(up, 1) }
        }
    }

    /// The closed form against a direct step by hand, and the sign flip at the edge on both sides.
    func testClosedFormMatchesAHandComputation() {
        let q = DiagonalQuadratic(eigenvalues: [3, -1], b: [0.5, 2])
        let w = [1.0, -0.5], eta = 0.2, rho = 0.3
        let direct = q.loss(q.samStep(w, eta: eta, rho: rho)) - q.loss(w)
        XCTAssertEqual(direct, q.closedFormChange(at: w, eta: eta, rho: rho), accuracy: 1e-14)
        // By hand: g = (3·1 + 0.5, −1·(−0.5) + 2) = (3.5, 2.5).
        XCTAssertEqual(q.gradient(w), [3.5, 2.5])
        // Aligned, λ₁ just above E increases the loss; just below decreases it.
        let gnorm = 1.0, e = (4 / eta) / (1 + (1 + 8 * rho / (eta * gnorm)).squareRoot())
        for (factor, increases) in [(1.01, true), (0.99, false)] {
            let aligned = DiagonalQuadratic(eigenvalues: [e * factor, 0.1], b: [gnorm, 0])
            let change = aligned.loss(aligned.samStep([0, 0], eta: eta, rho: rho))
            XCTAssertEqual(change > 0, increases, "factor \(factor)")
        }
    }
}
