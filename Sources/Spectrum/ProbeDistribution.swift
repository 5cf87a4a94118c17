import Tensors

/// The distribution of the random probe vectors of the stochastic estimators (Hutchinson, SLQ).
public enum ProbeDistribution: String, Sendable, CaseIterable {
    /// Independent ±1 entries: `E[z zᵀ] = I` with the smallest variance of `zᵀ A z` among i.i.d. probes
    /// (`2 Σ_{i≠j} A_ij²`). The default.
    case rademacher
    /// Independent standard normal entries: also `E[z zᵀ] = I`; variance `2 ‖A‖_F²`.
    case gaussian

    /// A probe vector of length `dimension` and element type `dtype`.
    func sample(_ dimension: Int, dtype: DType, rng: inout RandomGenerator) -> Tensor {
        switch self {
        case .rademacher: return rng.rademacherTensor([dimension], dtype: dtype)
        case .gaussian: return rng.normalTensor([dimension], dtype: dtype)
        }
    }
}
