import Foundation
import Tensors
import Spectrum

/// A randomised check of Propositions 1–3 of Long & Bartlett (2023) on exact quadratics (SCIENCE.md §3).
///
/// For each case it draws a quadratic (PSD or indefinite spectrum), a point, η and ρ, takes one exact step
/// and compares:
/// - the loss change evaluated directly with the closed form of the proof (relative agreement);
/// - **sufficient condition** (Prop. 3; Prop. 2 when H ⪰ 0; Prop. 1 with ρ = 0 and edge 2/η): whenever every
///   eigenvalue lies in `[−‖g‖/ρ, E]` with one strictly inside along a direction where `g` has weight, the loss
///   must decrease — a case where it does not is a *violation*, printed in full;
/// - **tightness**: with `g` aligned to a principal eigenvector (λ₁ = ‖H‖op ≥ 0), `sign(Δℓ) = sign(λ₁ − E)`,
///   with λ₁ placed on both sides of the edge.
/// Cases whose eigenvalues lie within a relative `edgeTolerance` of a boundary are counted "at the edge",
/// not as violations.
public struct PropositionCheck: Sendable {
    public var cases: Int
    public var seed: UInt64
    public var maxDimension: Int
    public var edgeTolerance: Double

    public init(cases: Int = 2000, seed: UInt64 = 0, maxDimension: Int = 6, edgeTolerance: Double = 1e-9) {
        self.cases = cases; self.seed = seed; self.maxDimension = max(1, maxDimension); self.edgeTolerance = edgeTolerance
    }

    /// Runs the check (Prop. 3 with ρ > 0 and Prop. 1 with ρ = 0, each for `cases` random and `cases` aligned quadratics).
    public func run() -> PropositionReport {
        var report = PropositionReport(cases: cases)
        var rng = RandomGenerator(seed: seed)
        for _ in 0..<cases {
            for gd in [false, true] {
                sufficientCase(&rng, gd: gd, into: &report)
                alignedCase(&rng, gd: gd, into: &report)
            }
        }
        return report
    }

    private func logUniform(_ rng: inout RandomGenerator, _ low: Double, _ high: Double) -> Double {
        exp(log(low) + (log(high) - log(low)) * rng.uniform())
    }

    private func drawStep(_ rng: inout RandomGenerator, gd: Bool) -> (eta: Double, rho: Double) {
        (logUniform(&rng, 1e-3, 1), gd ? 0 : logUniform(&rng, 1e-3, 10))
    }

    /// A random quadratic and point: records the closed-form agreement and the sufficient condition.
    private func sufficientCase(_ rng: inout RandomGenerator, gd: Bool, into report: inout PropositionReport) {
        let n = 1 + Int(rng.next() % UInt64(maxDimension))
        let (eta, rho) = drawStep(&rng, gd: gd)
        let w = (0..<n).map { _ in rng.normal() }
        let b = (0..<n).map { _ in rng.normal() }
        let psd = rng.uniform() < 0.5
        let g0 = euclideanNorm(b)  // scale for the spectrum: eigenvalues near the edge are the interesting ones
        let edgeGuess = try! Spectrum.samEdge(eta: eta, rho: rho, gradNorm: max(g0, 1e-12))
        let lambdas = (0..<n).map { _ -> Double in
            let x = edgeGuess * logUniform(&rng, 0.05, 2)
            return psd || rng.uniform() < 0.7 ? x : -x * rng.uniform()
        }
        let q = DiagonalQuadratic(eigenvalues: lambdas, b: b)
        let g = q.gradient(w), gnorm = euclideanNorm(g)
        guard gnorm > 0 else { return }
        let edge = try! Spectrum.samEdge(eta: eta, rho: rho, gradNorm: gnorm)
        let direct = q.loss(q.samStep(w, eta: eta, rho: rho)) - q.loss(w)
        let closed = q.closedFormChange(at: w, eta: eta, rho: rho)
        report.recordAgreement(direct: direct, closed: closed, scale: abs(q.loss(w)) + gnorm * gnorm * eta)
        let lower = rho > 0 ? -gnorm / rho : -Double.infinity
        let near = lambdas.contains { isNear($0, edge) || (rho > 0 && isNear($0, lower)) }
        let inside = lambdas.allSatisfy { $0 >= lower && $0 <= edge }
        let strict = (0..<n).contains { lambdas[$0] > lower && lambdas[$0] < edge && g[$0] != 0 }
        let alpha = rho > 0 ? eta * gnorm / (2 * rho) : .infinity
        report.recordSufficient(gd: gd, psd: lambdas.allSatisfy { $0 >= 0 }, conditionHolds: inside && strict, atEdge: near,
                                decreased: direct < 0, alpha: alpha,
                                counterexample: "η=\(eta) ρ=\(rho) ‖g‖=\(gnorm) E=\(edge) λ=\(lambdas) g(eigenbasis)=\(g) Δℓ=\(direct) closed form=\(closed)")
    }

    /// `g` along the top eigenvector, λ₁ = ‖H‖op placed at a random ratio to the edge on either side.
    private func alignedCase(_ rng: inout RandomGenerator, gd: Bool, into report: inout PropositionReport) {
        let n = 1 + Int(rng.next() % UInt64(maxDimension))
        let (eta, rho) = drawStep(&rng, gd: gd)
        let gnorm = logUniform(&rng, 1e-3, 10)
        let edge = try! Spectrum.samEdge(eta: eta, rho: rho, gradNorm: gnorm)
        let ratio = rng.uniform() < 0.5 ? 1 - logUniform(&rng, 1e-4, 0.9) : 1 + logUniform(&rng, 1e-4, 2)
        let top = edge * ratio
        var lambdas = [top]
        for _ in 1..<n { lambdas.append(top * (2 * rng.uniform() - 1) * 0.999) }
        // w = 0 and b = g: the gradient at the iterate is g = ‖g‖·e₁, aligned with the principal eigenvector.
        var b = [Double](repeating: 0, count: n)
        b[0] = gnorm
        let q = DiagonalQuadratic(eigenvalues: lambdas, b: b)
        let w = [Double](repeating: 0, count: n)
        let direct = q.loss(q.samStep(w, eta: eta, rho: rho)) - q.loss(w)
        let closed = q.closedFormChange(at: w, eta: eta, rho: rho)
        report.recordAgreement(direct: direct, closed: closed, scale: gnorm * gnorm * eta)
        let alpha = rho > 0 ? eta * gnorm / (2 * rho) : .infinity
        report.recordAligned(gd: gd, ratio: ratio, atEdge: isNear(top, edge), increased: direct > 0, decreased: direct < 0, alpha: alpha,
                             scaledLambda: top * eta / 2,
                             description: "η=\(eta) ρ=\(rho) ‖g‖=\(gnorm) E=\(edge) λ=\(lambdas) Δℓ=\(direct)")
    }

    private func isNear(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= edgeTolerance * max(abs(a), abs(b)) }
}
