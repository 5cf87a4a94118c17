import Foundation

/// The outcome of a ``PropositionCheck``: closed-form agreement, the sufficient conditions' violations
/// (which must be zero), the tightness statement's sign agreement, and where the sign flips by α.
public struct PropositionReport: Sendable, CustomStringConvertible {
    /// Counts for one sufficient condition.
    public struct Sufficient: Sendable {
        public var cases = 0
        public var conditionMet = 0
        public var decreasedWhenMet = 0
        public var atEdge = 0
        public var violations = 0
        public var counterexamples: [String] = []
    }

    /// Counts for one tightness statement.
    public struct Tightness: Sendable {
        public var cases = 0
        public var belowEdge = 0
        public var aboveEdge = 0
        public var signMatches = 0
        public var atEdge = 0
        public var mismatches = 0
        public var counterexamples: [String] = []
    }

    /// Sign-flip bracket of aligned SAM cases in one decade of α = η‖g‖/(2ρ).
    public struct AlphaBin: Sendable {
        public var decade: Int
        public var cases = 0
        /// Largest λ₁/E with a loss decrease, smallest with an increase: the flip lies between.
        public var largestRatioDecreasing: Double?
        public var smallestRatioIncreasing: Double?
    }

    public var cases: Int
    public var comparisons = 0
    public var maxClosedFormError = 0.0
    public var proposition1 = Sufficient()
    public var proposition2 = Sufficient()
    public var proposition3 = Sufficient()
    public var gdTightness = Tightness()
    public var samTightness = Tightness()
    public var alphaBins: [Int: AlphaBin] = [:]
    /// Aligned SAM cases for the ratio figure: α, λ₁·η/2 (λ₁ relative to the GD edge) and whether the loss rose.
    public var alignedSamples: [(alpha: Double, scaledLambda: Double, increased: Bool)] = []
    static let keptCounterexamples = 5
    static let keptSamples = 600

    /// Whether every statement held (no violations, no sign mismatches, closed form within 1e-9).
    public var allHold: Bool {
        proposition1.violations + proposition2.violations + proposition3.violations == 0
            && gdTightness.mismatches + samTightness.mismatches == 0 && maxClosedFormError <= 1e-9
    }

    mutating func recordAgreement(direct: Double, closed: Double, scale: Double) {
        comparisons += 1
        let error = abs(direct - closed) / max(abs(direct), abs(closed), scale * 1e-12, .leastNormalMagnitude)
        maxClosedFormError = max(maxClosedFormError, error)
    }

    mutating func recordSufficient(gd: Bool, psd: Bool, conditionHolds: Bool, atEdge: Bool, decreased: Bool, alpha: Double, counterexample: @autoclosure () -> String) {
        func update(_ s: inout Sufficient) {
            s.cases += 1
            guard conditionHolds else { return }
            if atEdge { s.atEdge += 1; return }
            s.conditionMet += 1
            if decreased { s.decreasedWhenMet += 1 } else {
                s.violations += 1
                if s.counterexamples.count < PropositionReport.keptCounterexamples { s.counterexamples.append(counterexample()) }
            }
        }
        if gd { update(&proposition1) } else {
            update(&proposition3)
            if psd { update(&proposition2) }
        }
    }

    mutating func recordAligned(gd: Bool, ratio: Double, atEdge: Bool, increased: Bool, decreased: Bool, alpha: Double, scaledLambda: Double,
                                description: @autoclosure () -> String) {
        var t = gd ? gdTightness : samTightness
        t.cases += 1
        if ratio < 1 { t.belowEdge += 1 } else { t.aboveEdge += 1 }
        if atEdge { t.atEdge += 1 } else if (ratio > 1 && increased) || (ratio < 1 && decreased) { t.signMatches += 1 } else {
            t.mismatches += 1
            if t.counterexamples.count < PropositionReport.keptCounterexamples { t.counterexamples.append(description()) }
        }
        if gd { gdTightness = t } else {
            samTightness = t
            let decade = Int(floor(log10(alpha)))
            var bin = alphaBins[decade] ?? AlphaBin(decade: decade)
            bin.cases += 1
            if alignedSamples.count < PropositionReport.keptSamples { alignedSamples.append((alpha, scaledLambda, increased)) }
            if decreased { bin.largestRatioDecreasing = max(bin.largestRatioDecreasing ?? -.infinity, ratio) }
            if increased { bin.smallestRatioIncreasing = min(bin.smallestRatioIncreasing ?? .infinity, ratio) }
            alphaBins[decade] = bin
        }
    }

    public var description: String {
        var lines: [String] = []
        lines.append("Propositions 1–3 on exact quadratics: \(cases) random and \(cases) aligned cases each for SAM (ρ > 0) and GD (ρ = 0)")
        lines.append(String(format: "closed form vs direct loss change: %d comparisons, max relative difference %.2e", comparisons, maxClosedFormError))
        func sufficient(_ name: String, _ s: Sufficient) {
            lines.append("\(name): condition met in \(s.conditionMet) of \(s.cases) cases, loss decreased in \(s.decreasedWhenMet), violations \(s.violations), at the edge \(s.atEdge)")
            for c in s.counterexamples { lines.append("  counter-example: \(c)") }
        }
        sufficient("Proposition 1 (GD, all λ < 2/η)", proposition1)
        sufficient("Proposition 2 (SAM, H ⪰ 0, ‖H‖ < E)", proposition2)
        sufficient("Proposition 3 (SAM, −‖g‖/ρ ≤ λ ≤ E)", proposition3)
        func tight(_ name: String, _ t: Tightness) {
            lines.append("\(name): \(t.cases) aligned cases (\(t.belowEdge) below the edge, \(t.aboveEdge) above), sign(Δℓ) = sign(λ₁ − edge) in \(t.signMatches), mismatches \(t.mismatches), at the edge \(t.atEdge)")
            for c in t.counterexamples { lines.append("  mismatch: \(c)") }
        }
        tight("Tightness, GD (edge 2/η)", gdTightness)
        tight("Tightness, SAM (edge E)", samTightness)
        lines.append("Sign flip of aligned SAM steps by α = η‖g‖/(2ρ) (λ₁/E: largest that decreased, smallest that increased):")
        lines.append("  α decade     cases   max ratio ↓   min ratio ↑")
        for decade in alphaBins.keys.sorted() {
            let bin = alphaBins[decade]!
            let down = bin.largestRatioDecreasing.map { String(format: "%.6f", $0) } ?? "—"
            let up = bin.smallestRatioIncreasing.map { String(format: "%.6f", $0) } ?? "—"
            lines.append(String(format: "  [1e%+d, 1e%+d)  %6d   %11@   %11@", decade, decade + 1, bin.cases, down as NSString, up as NSString))
        }
        lines.append(allHold ? "All statements hold." : "SOME STATEMENTS FAILED (see above).")
        return lines.joined(separator: "\n")
    }
}
