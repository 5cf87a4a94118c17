import Tensors

/// How a sharpness-aware step chooses the point where it takes the gradient it descends with.
///
/// Every rule computes the exact gradient `g` at `w` first; when `g = 0` (or ρ = 0) there is no ascent
/// step and the rule's gradient is `g` itself, so ρ = 0 reduces to the base optimizer bit for bit.
public enum AscentRule: Sendable, Equatable {
    /// No ascent: the base optimizer alone.
    case none
    /// SAM (Foret et al. 2021): `s = ∇ℓ(w + ρ·g/‖g‖)`.
    case sam
    /// Unnormalized SAM (Andriushchenko & Flammarion 2022): `s = ∇ℓ(w + ρ·g)`.
    case unnormalized
    /// StableSAM (Tan et al. 2024): SAM's `s` rescaled to the exact gradient's norm, `(‖g‖/‖s‖)·s`.
    case stable
    /// ASAM (Kwon et al. 2021): `ε = ρ·T²g/‖Tg‖` with `T = diag(|w| + ξ)`, applied elementwise to every
    /// parameter (weights and biases alike); Kwon et al.'s default ξ = 0.01.
    case adaptive(xi: Double)

    /// The name used in scripts and result files.
    public var name: String {
        switch self {
        case .none: return "none"
        case .sam: return "sam"
        case .unnormalized: return "usam"
        case .stable: return "stablesam"
        case .adaptive: return "asam"
        }
    }

    /// The ascent perturbation `ε` for gradient `g` at `w` with radius ρ, or nil when there is none.
    public func perturbation(at w: Tensor, gradient g: Tensor, rho: Double) -> Tensor? {
        let gnorm = g.norm
        guard rho > 0, gnorm > 0, gnorm.isFinite else { return nil }
        switch self {
        case .none: return nil
        case .sam, .stable: return g.affine(scale: rho / gnorm)
        case .unnormalized: return g.affine(scale: rho)
        case .adaptive(let xi):
            let t = (try! w.applying(.abs).affine(scale: 1, shift: xi))
            let tg = try! t * g
            let tgNorm = tg.norm
            guard tgNorm > 0 else { return nil }
            return (try! t * tg).affine(scale: rho / tgNorm)
        }
    }
}
