/// SAM and its variants by the names scripts call them (`sam`, `usam`, `stablesam`, `asam`): the one
/// table from a name to its ``AscentRule``.
public enum SAMVariant: String, CaseIterable, Sendable {
    /// SAM (Foret et al.): ascent ρ g/‖g‖.
    case sam
    /// Unnormalized SAM (Andriushchenko & Flammarion): ascent ρ g.
    case usam
    /// StableSAM (Tan et al.): SAM with the ascent gradient rescaled to ‖g‖.
    case stablesam
    /// ASAM (Kwon et al.): ascent ρ T²g/‖Tg‖ with T = diag(|w| + ξ).
    case asam

    /// One line of documentation.
    public var doc: String {
        switch self {
        case .sam: return "SAM (Foret et al.): descend with ∇ℓ(w + ρ g/‖g‖); ρ = 0 is the base optimizer."
        case .usam: return "Unnormalized SAM (Andriushchenko & Flammarion): ∇ℓ(w + ρ g)."
        case .stablesam: return "StableSAM (Tan et al.): SAM's gradient rescaled to ‖g‖."
        case .asam: return "ASAM (Kwon et al.): ascent ρ T²g/‖Tg‖ with T = diag(|w| + xi), elementwise on every parameter."
        }
    }

    /// Whether the variant takes ξ (ASAM).
    public var takesXi: Bool { self == .asam }

    /// The ascent rule; `xi` is used by ASAM only.
    public func ascentRule(xi: Double) -> AscentRule {
        switch self {
        case .sam: return .sam
        case .usam: return .unnormalized
        case .stablesam: return .stable
        case .asam: return .adaptive(xi: xi)
        }
    }
}
