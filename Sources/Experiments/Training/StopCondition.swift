/// When a run stops (besides divergence): after a number of steps, epochs or seconds of training time, or
/// when the loss falls below a target; `any` stops at the first condition met.
public indirect enum StopCondition: Sendable, Equatable, CustomStringConvertible {
    case steps(Int)
    case epochs(Int)
    case seconds(Double)
    case lossBelow(Double)
    case any([StopCondition])

    public var description: String {
        switch self {
        case .steps(let n): return "after \(n) steps"
        case .epochs(let n): return "after \(n) epochs"
        case .seconds(let s): return "after \(s) s"
        case .lossBelow(let l): return "when loss < \(l)"
        case .any(let parts): return parts.map(\.description).joined(separator: " or ")
        }
    }

    /// The step budget implied by the condition, if it has one (the smallest across `any`).
    public func stepBudget(stepsPerEpoch: Int) -> Int? {
        switch self {
        case .steps(let n): return n
        case .epochs(let e): return e * stepsPerEpoch
        case .seconds, .lossBelow: return nil
        case .any(let parts): return parts.compactMap { $0.stepBudget(stepsPerEpoch: stepsPerEpoch) }.min()
        }
    }

    /// Whether to stop before step `step` with the given training time and last loss.
    public func isMet(step: Int, stepsPerEpoch: Int, trainingSeconds: Double, lastLoss: Double?) -> Bool {
        switch self {
        case .steps(let n): return step >= n
        case .epochs(let e): return step >= e * stepsPerEpoch
        case .seconds(let s): return trainingSeconds >= s
        case .lossBelow(let target): return lastLoss.map { $0 < target } ?? false
        case .any(let parts): return parts.contains { $0.isMet(step: step, stepsPerEpoch: stepsPerEpoch, trainingSeconds: trainingSeconds, lastLoss: lastLoss) }
        }
    }

    /// Checks the parameters.
    public func validate() throws {
        switch self {
        case .steps(let n): if n < 0 { throw ExperimentError("stop after \(n) steps: must be non-negative") }
        case .epochs(let n): if n < 0 { throw ExperimentError("stop after \(n) epochs: must be non-negative") }
        case .seconds(let s): if !(s >= 0) { throw ExperimentError("stop after \(s) seconds: must be non-negative") }
        case .lossBelow: return
        case .any(let parts): for p in parts { try p.validate() }
        }
    }
}
