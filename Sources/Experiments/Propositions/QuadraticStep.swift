import Foundation

/// One quadratic `ℓ(w) = ½ wᵀHw + bᵀw` in an eigenbasis, evaluated exactly in Double: the object the
/// Proposition 1–3 checks work on. Coordinates are in the eigenbasis of `H` (a rotation does not change
/// losses, steps or norms), so `H = diag(λ)`, the gradient is `g = λ∘w + b` and `gᵢ = vᵢ·g`.
public struct DiagonalQuadratic: Sendable, Equatable {
    public var eigenvalues: [Double]
    public var b: [Double]

    public init(eigenvalues: [Double], b: [Double]) {
        precondition(eigenvalues.count == b.count)
        self.eigenvalues = eigenvalues
        self.b = b
    }

    public func loss(_ w: [Double]) -> Double {
        var s = 0.0
        for i in 0..<w.count { s += 0.5 * eigenvalues[i] * w[i] * w[i] + b[i] * w[i] }
        return s
    }

    public func gradient(_ w: [Double]) -> [Double] { (0..<w.count).map { eigenvalues[$0] * w[$0] + b[$0] } }

    /// One SAM step (ρ = 0 is a GD step; no ascent when g = 0): `w − η ∇ℓ(w + ρ g/‖g‖)`.
    public func samStep(_ w: [Double], eta: Double, rho: Double) -> [Double] {
        let g = gradient(w)
        let norm = euclideanNorm(g)
        let point = rho > 0 && norm > 0 ? (0..<w.count).map { w[$0] + rho * g[$0] / norm } : w
        let s = gradient(point)
        return (0..<w.count).map { w[$0] - eta * s[$0] }
    }

    /// The loss change of one SAM step from the closed form in the proof of Proposition 3:
    /// `ℓ(w⁺) − ℓ(w) = −η Σᵢ gᵢ² (1 + ρλᵢ/‖g‖)(1 − η(1 + ρλᵢ/‖g‖)λᵢ/2)`.
    public func closedFormChange(at w: [Double], eta: Double, rho: Double) -> Double {
        let g = gradient(w)
        let norm = euclideanNorm(g)
        guard norm > 0 else { return 0 }
        var s = 0.0
        for i in 0..<g.count {
            let c = 1 + rho * eigenvalues[i] / norm
            s += g[i] * g[i] * c * (1 - eta * c * eigenvalues[i] / 2)
        }
        return -eta * s
    }
}

/// `‖x‖₂` computed with scaling (no overflow for large entries).
public func euclideanNorm(_ x: [Double]) -> Double {
    let m = x.reduce(0) { max($0, abs($1)) }
    guard m > 0, m.isFinite else { return m }
    return m * x.reduce(0) { $0 + ($1 / m) * ($1 / m) }.squareRoot()
}
