import Spectrum
import Tensors
import XCTest

final class StabilityEdgesTests: XCTestCase {
    func testGDEdge() throws {
        XCTAssertEqual(try gdEdge(eta: 0.01), 200)
        XCTAssertThrowsError(try gdEdge(eta: 0)) { XCTAssertTrue("\($0)".contains("eta"), "\($0)") }
    }

    func testSAMEdgeReferenceValues() throws {
        XCTAssertEqual(try samEdge(eta: 0.01, rho: 0.1, gradNorm: 1), 40, accuracy: 1e-12)
        XCTAssertEqual(try samEdge(eta: 0.01, rho: 0.1, gradNorm: 0.1), 13.651, accuracy: 5e-4)
        // The textbook form gives the same value where it does not cancel.
        let (eta, rho, g) = (0.03, 0.3, 2.0)
        let textbook = (g / (2 * rho)) * ((1 + 8 * rho / (eta * g)).squareRoot() - 1)
        XCTAssertEqual(try samEdge(eta: eta, rho: rho, gradNorm: g), textbook, accuracy: 1e-12 * textbook)
    }

    func testSAMEdgeLimits() throws {
        XCTAssertEqual(try samEdge(eta: 0.1, rho: 0, gradNorm: 3), 20)
        XCTAssertEqual(try samEdge(eta: 0.1, rho: 0, gradNorm: 0), 20)
        XCTAssertEqual(try samEdge(eta: 0.1, rho: 1e-14, gradNorm: 1), 20, accuracy: 1e-10)
        XCTAssertEqual(try samEdge(eta: 0.1, rho: 0.1, gradNorm: 0), 0)
        // As α = η‖g‖/(2ρ) → 0, E ≈ √(2/η)·√(‖g‖/ρ).
        for g in [1e-4, 1e-8, 1e-12] {
            let edge = try samEdge(eta: 0.01, rho: 0.1, gradNorm: g)
            let asymptote = (2 / 0.01).squareRoot() * (g / 0.1).squareRoot()
            XCTAssertEqual(edge / asymptote, 1, accuracy: 2 * (0.01 * g / 0.2).squareRoot() + 1e-12)
        }
        // E falls with ‖g‖ and stays below 2/η.
        let edges = try [1.0, 0.5, 0.1, 0.01].map { try samEdge(eta: 0.01, rho: 0.1, gradNorm: $0) }
        XCTAssertEqual(edges, edges.sorted(by: >))
        XCTAssertTrue(edges.allSatisfy { $0 < 200 })
    }

    func testRatioEqualsEdgeOverGDEdge() throws {
        for (eta, rho, g) in [(0.01, 0.1, 1.0), (0.3, 1.0, 0.02), (0.001, 0.3, 5.0), (0.1, 0.05, 1e-9)] {
            let alpha = eta * g / (2 * rho)
            let ratio = try samEdge(eta: eta, rho: rho, gradNorm: g) / gdEdge(eta: eta)
            XCTAssertEqual(try samEdgeRatio(alpha: alpha), ratio, accuracy: 1e-13 * ratio)
            // The paper's form, (α/2)(√(1 + 4/α) − 1), where it does not cancel badly.
            if alpha > 1e-3 { XCTAssertEqual(try samEdgeRatio(alpha: alpha), (alpha / 2) * ((1 + 4 / alpha).squareRoot() - 1), accuracy: 1e-10) }
        }
        XCTAssertEqual(try samEdgeRatio(alpha: 0), 0)
        XCTAssertEqual(try samEdgeRatio(alpha: .infinity), 1)
        XCTAssertEqual(try samEdgeRatio(alpha: 1e12), 1, accuracy: 1e-11)
        XCTAssertEqual(try samEdgeRatio(alpha: 1e-12) / 1e-6, 1, accuracy: 1e-5)
    }

    func testInvalidArgumentsNameTheValue() {
        XCTAssertThrowsError(try samEdge(eta: -0.1, rho: 0.1, gradNorm: 1)) { XCTAssertTrue("\($0)".contains("eta must be finite and > 0, got -0.1"), "\($0)") }
        XCTAssertThrowsError(try samEdge(eta: 0.1, rho: -1, gradNorm: 1)) { XCTAssertTrue("\($0)".contains("rho"), "\($0)") }
        XCTAssertThrowsError(try samEdge(eta: 0.1, rho: 0.1, gradNorm: -2)) { XCTAssertTrue("\($0)".contains("gradNorm"), "\($0)") }
        XCTAssertThrowsError(try samEdge(eta: 0.1, rho: 0.1, gradNorm: .nan))
        XCTAssertThrowsError(try samEdgeRatio(alpha: -1))
    }

    func testAlignment() throws {
        let v = Tensor([1.0, 2.0, -2.0])
        XCTAssertEqual(try alignment(v, v.affine(scale: -3)), 1, accuracy: 1e-15)
        XCTAssertEqual(try alignment(v, Tensor([2.0, -1.0, 0.0])), 0)
        XCTAssertEqual(try alignment(v, Tensor([0.0, 0.0, 0.0])), 0)
        XCTAssertEqual(try alignment(v, Tensor([Float(1), 0, 0])), 1.0 / 3, accuracy: 1e-15)
        XCTAssertThrowsError(try alignment(v, Tensor([1.0])))
    }
}
