import Foundation

/// How the learning rate changes with the step number: `η(t) = base · factor(t)`.
public indirect enum LearningRateSchedule: Sendable, Equatable {
    /// `factor = 1`.
    case constant
    /// Multiply by `gamma` at each listed step (`factor = gamma^(number of milestones ≤ t)`).
    case step(milestones: [Int], gamma: Double)
    /// Cosine decay from 1 to `floor` over `totalSteps` (constant `floor` afterwards).
    case cosine(totalSteps: Int, floor: Double)
    /// Linear warm-up from 0 to 1 over `steps`, then `then`.
    case warmup(steps: Int, then: LearningRateSchedule)

    /// The multiplier at step `t` (0-based).
    public func factor(at t: Int) -> Double {
        switch self {
        case .constant: return 1
        case .step(let milestones, let gamma): return pow(gamma, Double(milestones.filter { $0 <= t }.count))
        case .cosine(let total, let floor):
            guard total > 0, t < total else { return floor }
            return floor + (1 - floor) * 0.5 * (1 + cos(Double.pi * Double(t) / Double(total)))
        case .warmup(let steps, let then):
            if t < steps { return Double(t + 1) / Double(steps) }
            return then.factor(at: t - steps)
        }
    }

    /// Checks the schedule's own parameters.
    public func validate() throws {
        switch self {
        case .constant: return
        case .step(let milestones, let gamma):
            guard milestones.allSatisfy({ $0 >= 0 }) else { throw OptimizerError("step schedule milestones must be non-negative, got \(milestones)") }
            try Optimizers.validate("step schedule gamma", gamma, parameter: "gamma")
        case .cosine(let total, let floor):
            guard total > 0 else { throw OptimizerError("cosine schedule needs a positive number of steps, got \(total)") }
            try Optimizers.validate("cosine schedule floor", floor, allowZero: true, atMost: 1, parameter: "floor")
        case .warmup(let steps, let then):
            guard steps >= 0 else { throw OptimizerError("warm-up steps must be non-negative, got \(steps)") }
            try then.validate()
        }
    }
}
