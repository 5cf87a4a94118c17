import Foundation
import Tensors

/// A stochastic estimate of `tr(A)` with its standard error.
public struct TraceEstimate: Sendable, CustomStringConvertible {
    /// The sample mean of `zᵀ A z` over the probes.
    public var estimate: Double
    /// The standard error of the mean, `s / √n` with `s` the sample standard deviation (0 for one probe).
    public var standardError: Double
    /// Number of probes `n`.
    public var samples: Int
    /// Operator applications spent (one per probe).
    public var operatorApplications: Int
    /// Wall-clock seconds.
    public var wallTime: Double

    public var description: String {
        String(format: "trace ≈ %.6g ± %.2g (standard error, %d probes)", estimate, standardError, samples)
    }
}

/// Hutchinson's estimator of the trace of a symmetric operator: `tr(A) ≈ (1/n) Σ zᵢᵀ A zᵢ` with independent
/// probes `zᵢ` satisfying `E[z zᵀ] = I` (Hutchinson 1990; PyHessian's `trace`).
///
/// Unbiased; with Rademacher probes the variance of one sample is `2 Σ_{i≠j} A_ij²`, so the relative error
/// is small when the diagonal dominates and large for traces near zero with big off-diagonal mass. The
/// returned standard error estimates the error of the mean (≈ 68% of seeded runs fall within one).
/// Deterministic for a given seed.
public func hutchinsonTrace(of op: any SymmetricOperator, samples: Int, seed: UInt64,
                            distribution: ProbeDistribution = .rademacher) throws -> TraceEstimate {
    let began = DispatchTime.now().uptimeNanoseconds
    guard samples >= 1 else { throw SpectrumError("hutchinsonTrace: samples must be ≥ 1, got \(samples)") }
    var rng = RandomGenerator(seed: seed)
    var values: [Double] = []
    for _ in 0..<samples {
        let z = distribution.sample(op.dimension, dtype: op.dtype, rng: &rng)
        values.append(try z.dot(op.checkedApply(z)))
    }
    let mean = values.reduce(0, +) / Double(samples)
    let variance = samples > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples - 1) : 0
    return TraceEstimate(estimate: mean, standardError: (variance / Double(samples)).squareRoot(), samples: samples,
                         operatorApplications: samples, wallTime: secondsSince(began))
}
