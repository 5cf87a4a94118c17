import Foundation
import Tensors

/// Eigenpairs of a symmetric operator from one end of its spectrum, with the evidence for them: residual
/// norms, convergence flags and the cost in operator applications (Hessian-vector products).
///
/// Pair `i` is `(eigenvalues[i], eigenvectors[i])`; pairs are ordered from ``end`` (for
/// `.largestAlgebraic`, descending). `residualNorms[i] = ‖A yᵢ − θᵢ yᵢ‖` (from the Lanczos relation, or
/// computed explicitly when the solver was asked to verify), and `converged[i]` says whether it met the
/// solver's criterion `‖A y − θ y‖ ≤ max(tolerance·|θ|, 100·ε·‖A‖)`. A converged residual `r` guarantees an
/// eigenvalue of `A` within `r` of `θ` (and within `r²/gap` when `θ` is separated from the rest).
public struct EigenEstimate: Sendable {
    /// Which solver produced the estimate (`"lanczos"`, `"power iteration"`, `"dense"`).
    public var method: String
    /// Which end of the spectrum the pairs come from.
    public var end: SpectrumEnd
    /// Eigenvalue estimates (Ritz values), ordered from ``end``.
    public var eigenvalues: [Double]
    /// Unit eigenvector estimates as flat `[d]` tensors of the operator's element type.
    public var eigenvectors: [Tensor]
    /// `‖A yᵢ − θᵢ yᵢ‖` for each pair.
    public var residualNorms: [Double]
    /// Whether each pair met the convergence criterion.
    public var converged: [Bool]
    /// The relative tolerance of the criterion.
    public var tolerance: Double
    /// Number of operator applications spent (Hessian-vector products), including explicit verification.
    public var operatorApplications: Int
    /// Dimension of the subspace the estimates come from (Krylov dimension; iterations for power iteration;
    /// `d` for the dense reference).
    public var krylovDimension: Int
    /// Wall-clock seconds of the whole computation.
    public var wallTime: Double
    /// Whether ``residualNorms`` were computed explicitly as `‖A y − θ y‖` rather than from the recurrence.
    public var residualsVerified: Bool

    /// Whether every pair converged.
    public var allConverged: Bool { converged.allSatisfy { $0 } }
}

extension EigenEstimate: CustomStringConvertible {
    /// A header line with method, end, tolerance and cost, then one row per pair.
    public var description: String {
        let ok = converged.filter { $0 }.count
        let pairs = eigenvalues.count == 1 ? "eigenpair" : "eigenpairs"
        var lines = ["\(method), \(eigenvalues.count) \(pairs) (\(end)), tol " + String(format: "%.1e", tolerance)
            + ": \(ok)/\(eigenvalues.count) converged, \(operatorApplications) operator applications, Krylov dimension \(krylovDimension), "
            + String(format: "%.3f s", wallTime)]
        lines.append("     #          eigenvalue    residual  converged" + (residualsVerified ? "  (explicit residuals)" : ""))
        for i in eigenvalues.indices {
            lines.append(String(format: "  %4d  %18.10e  %10.2e  ", i + 1, eigenvalues[i], residualNorms[i]) + (converged[i] ? "yes" : "no"))
        }
        return lines.joined(separator: "\n")
    }
}

/// Seconds elapsed since `start` (a `DispatchTime.now().uptimeNanoseconds` reading).
func secondsSince(_ start: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}
