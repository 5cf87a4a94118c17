/// The stability thresholds of GD and SAM on a quadratic (Long & Bartlett 2023; SCIENCE.md §3), in `Double`.

/// The GD edge of stability `2/η`: on an exact quadratic a GD step with learning rate `η` decreases the loss
/// when `‖H‖op < 2/η`. Domain: `η > 0` (finite); throws otherwise, naming the value.
public func gdEdge(eta: Double) throws -> Double {
    try validateEta(eta, in: "gdEdge")
    return 2 / eta
}

/// The SAM-edge `E(η, ρ, ‖g‖) = (‖g‖/(2ρ)) · (√(1 + 8ρ/(η‖g‖)) − 1)`: on an exact quadratic, a SAM step
/// (radius `ρ`, learning rate `η`, gradient norm `‖g‖`) decreases the loss when every eigenvalue lies in
/// `[−‖g‖/ρ, E]` (Propositions 2–3 of Long & Bartlett 2023); the condition is tight along a principal
/// eigenvector.
///
/// Computed as `E = (4/η) / (1 + √(1 + 8ρ/(η‖g‖)))`, the same value after multiplying by the conjugate
/// `√(1+x) + 1`, which avoids the cancellation of `√(1+x) − 1` for small `x = 8ρ/(η‖g‖)`. Limits, exact in
/// this form: `ρ = 0` (GD) gives `2/η` for any `‖g‖`; `‖g‖ = 0` with `ρ > 0` gives 0; for `ρ‖g‖⁻¹ → ∞`,
/// `E ≈ √(2/η)·√(‖g‖/ρ)`. `E < 2/η` for `ρ > 0`, and `E` falls as `‖g‖` falls.
///
/// Domain: `η > 0`, `ρ ≥ 0`, `‖g‖ ≥ 0`, all finite; throws otherwise, naming the value.
public func samEdge(eta: Double, rho: Double, gradNorm: Double) throws -> Double {
    try validateEta(eta, in: "samEdge")
    guard rho >= 0, rho.isFinite else { throw SpectrumError("samEdge: rho must be finite and ≥ 0, got \(rho)") }
    guard gradNorm >= 0, gradNorm.isFinite else { throw SpectrumError("samEdge: gradNorm must be finite and ≥ 0, got \(gradNorm)") }
    if rho == 0 { return 2 / eta }
    if gradNorm == 0 { return 0 }
    let x = 8 * rho / (eta * gradNorm)
    return (4 / eta) / (1 + (1 + x).squareRoot())
}

/// The ratio of the SAM-edge to the GD edge as a function of `α = η‖g‖/(2ρ)`:
/// `E / (2/η) = (α/2)(√(1 + 4/α) − 1)`, computed as `2 / (1 + √(1 + 4/α))` (same value, no cancellation).
/// It increases from 0 (`α = 0`) to 1 (`α → ∞`, allowed as `.infinity`), behaving like `√α` as `α → 0`.
/// Domain: `α ≥ 0`; throws otherwise, naming the value.
public func samEdgeRatio(alpha: Double) throws -> Double {
    guard alpha >= 0 else { throw SpectrumError("samEdgeRatio: alpha must be ≥ 0, got \(alpha)") }
    if alpha == 0 { return 0 }
    return 2 / (1 + (1 + 4 / alpha).squareRoot())
}

private func validateEta(_ eta: Double, in function: String) throws {
    guard eta > 0, eta.isFinite else { throw SpectrumError("\(function): eta must be finite and > 0, got \(eta)") }
}
