/// Which end of the spectrum an estimator looks for. Always explicit: results never silently mix ends.
///
/// For a Hessian with negative eigenvalues the three differ: with eigenvalues `{3, 1, −5}`,
/// `largestAlgebraic` gives `3, 1`, `smallestAlgebraic` gives `−5, 1` and `largestMagnitude` gives `−5, 3`.
public enum SpectrumEnd: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The largest eigenvalues, `λ₁ ≥ λ₂ ≥ …` (the sharpness `λ₁` of a Hessian). The default.
    case largestAlgebraic
    /// The smallest eigenvalues, `λ_d ≤ λ_{d−1} ≤ …` (the most negative curvature).
    case smallestAlgebraic
    /// The eigenvalues of largest absolute value, `|λ|` descending (the operator norm `‖H‖op` first).
    case largestMagnitude

    public var description: String {
        switch self {
        case .largestAlgebraic: return "largest algebraic"
        case .smallestAlgebraic: return "smallest algebraic"
        case .largestMagnitude: return "largest magnitude"
        }
    }

    /// Whether `a` comes before `b` at this end (strictly).
    func precedes(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .largestAlgebraic: return a > b
        case .smallestAlgebraic: return a < b
        case .largestMagnitude: return abs(a) > abs(b)
        }
    }

    /// The indices of `values` ordered from this end (ties keep their original order).
    func order(_ values: [Double]) -> [Int] {
        values.indices.sorted { precedes(values[$0], values[$1]) || (!precedes(values[$1], values[$0]) && $0 < $1) }
    }
}
