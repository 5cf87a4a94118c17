import Foundation
import Tensors

/// The dominant eigenpair (largest `|λ|`) of a symmetric operator by power iteration, for comparison with
/// ``Lanczos`` (which needs far fewer applications for the same accuracy; use it for anything but checks).
///
/// **Method.** `v ← A v / ‖A v‖` from a unit start vector; after each application the Rayleigh quotient
/// `θ = vᵀ A v` and the residual `‖A v − θ v‖` are computed from the same product, and the iteration stops
/// when `‖A v − θ v‖ ≤ max(tolerance·|θ|, 100·ε·|θ|₍max₎)` or after `maxIterations` applications.
///
/// **Caveats.** Converges to the eigenvalue of largest *magnitude* (the result's end is
/// `.largestMagnitude`): with a negative eigenvalue larger in magnitude than the top one, that is what it
/// finds. The error falls like `|λ₂/λ₁|` per iteration, so without a spectral gap it stalls (reported as not
/// converged); with `λ₂ = −λ₁` it oscillates and does not converge.
public struct PowerIteration: Sendable {
    /// Relative residual tolerance; nil for ``Lanczos/defaultTolerance(for:)``.
    public var tolerance: Double?
    /// Largest number of operator applications.
    public var maxIterations: Int
    /// Seed of the random start vector.
    public var seed: UInt64

    public init(tolerance: Double? = nil, maxIterations: Int = 1000, seed: UInt64 = 0) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.seed = seed
    }

    /// The dominant eigenpair of `op`. Throws for invalid settings, a zero start vector or a bad operator.
    public func dominantEigenpair(of op: any SymmetricOperator, start: StartVector = .random) throws -> EigenEstimate {
        let began = DispatchTime.now().uptimeNanoseconds
        let tol = tolerance ?? Lanczos.defaultTolerance(for: op.dtype)
        guard tol > 0, tol < 1 else { throw SpectrumError("power iteration: tolerance must be in (0, 1), got \(tol)") }
        guard maxIterations >= 1 else { throw SpectrumError("power iteration: maxIterations must be ≥ 1, got \(maxIterations)") }
        guard op.dimension >= 1 else { throw SpectrumError("power iteration: the operator has dimension 0") }
        let epsilon = op.dtype.machineEpsilon
        var rng = RandomGenerator(seed: seed)
        var v = try start.make(for: op, rng: &rng)
        guard v.norm > 0, v.norm.isFinite else { throw SpectrumError("power iteration: the start vector is zero or not finite") }
        v.scale(by: 1 / v.norm)

        var theta = 0.0, residual = Double.infinity, scale = 0.0, converged = false, iterations = 0
        while iterations < maxIterations {
            let av = try op.checkedApply(v)
            iterations += 1
            theta = try v.dot(av)
            scale = max(scale, abs(theta))
            var r = av
            r.addScaled(v, -theta)
            residual = r.norm
            converged = residual <= max(tol * abs(theta), 100 * epsilon * scale)
            let norm = av.norm
            if converged || norm == 0 { break }
            v = av
            v.scale(by: 1 / norm)
        }
        return EigenEstimate(method: "power iteration", end: .largestMagnitude, eigenvalues: [theta], eigenvectors: [v],
                             residualNorms: [residual], converged: [converged], tolerance: tol,
                             operatorApplications: iterations, krylovDimension: iterations,
                             wallTime: secondsSince(began), residualsVerified: true)
    }
}
