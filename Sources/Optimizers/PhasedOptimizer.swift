import Tensors

/// A sequence of optimizer configurations switched at given steps, e.g. late SAM (Zhou et al. 2024):
/// SGD for the first part of the budget, SAM for the rest.
///
/// At a switch the base rule's state (momentum, Adam moments) carries over when `carryState` is true and
/// both phases use the same base rule; otherwise the new phase starts from fresh state. The learning-rate
/// schedule keeps counting global steps across phases.
public final class PhasedOptimizer {
    /// When a phase starts.
    public enum Start: Sendable, Equatable {
        case step(Int)
        /// A fraction of the total step budget (0 ≤ f < 1).
        case fraction(Double)

        func resolve(totalSteps: Int?) throws -> Int {
            switch self {
            case .step(let s):
                guard s >= 0 else { throw OptimizerError("a phase cannot start at negative step \(s)") }
                return s
            case .fraction(let f):
                guard f >= 0 && f < 1 else { throw OptimizerError("a phase start fraction must be in [0, 1), got \(f)") }
                guard let total = totalSteps else { throw OptimizerError("a phase starting at a fraction of the budget needs a step budget") }
                return Int((f * Double(total)).rounded())
            }
        }
    }

    private let phases: [(start: Int, configuration: OptimizerConfiguration)]
    public let carryState: Bool
    public private(set) var current: Optimizer
    private var phaseIndex = 0

    /// Phases in order of their start; the first must start at step 0.
    public init(phases: [(start: Start, configuration: OptimizerConfiguration)], totalSteps: Int?, carryState: Bool = true) throws {
        let resolved = try phases.map { (start: try $0.start.resolve(totalSteps: totalSteps), configuration: $0.configuration) }
        guard let first = resolved.first, first.start == 0 else { throw OptimizerError("the first phase must start at step 0") }
        for (a, b) in zip(resolved, resolved.dropFirst()) where b.start <= a.start {
            throw OptimizerError("phases must start at increasing steps, got \(a.start) then \(b.start)")
        }
        self.phases = resolved
        self.carryState = carryState
        current = Optimizer(first.configuration)
    }

    /// A single-phase optimizer.
    public convenience init(_ configuration: OptimizerConfiguration) {
        try! self.init(phases: [(.step(0), configuration)], totalSteps: nil)
    }

    /// Every phase with its start step, e.g. `gd(lr: 0.1) from step 0; sam(lr: 0.1, rho: 0.1) over gd from step 800`.
    public var summary: String {
        phases.map { "\($0.configuration.summary) from step \($0.start)" }.joined(separator: "; ")
            + (phases.count > 1 && !carryState ? " (fresh state at each switch)" : "")
    }

    /// The configuration in force at the next step.
    public var configuration: OptimizerConfiguration { current.configuration }

    /// One step, switching phase first if this step starts a new one.
    public func step(_ w: inout Tensor, oracle: GradientOracle) throws -> StepReport {
        let step = current.stepCount
        while phaseIndex + 1 < phases.count && phases[phaseIndex + 1].start <= step {
            phaseIndex += 1
            let next = phases[phaseIndex].configuration
            current.reconfigure(next, keepState: carryState)
        }
        return try current.step(&w, oracle: oracle)
    }

    /// The whole optimizer state as named tensors (for checkpoints): the phase in force and the current
    /// optimizer's ``Optimizer/stateTensors``.
    public var stateTensors: [String: Tensor] {
        var out = current.stateTensors
        out["phase"] = Tensor(scalar: Double(phaseIndex), dtype: .float64)
        return out
    }

    /// Restores state saved by ``stateTensors`` into an optimizer built with the same phases.
    public func restore(_ tensors: [String: Tensor]) throws {
        guard let phase = tensors["phase"], phase.count == 1 else { throw OptimizerError("optimizer state lacks 'phase'") }
        let index = Int(phase.scalarValue)
        guard index >= 0 && index < phases.count else {
            throw OptimizerError("optimizer state is in phase \(index + 1), this optimizer has \(phases.count) phase(s)")
        }
        let restored = Optimizer(phases[index].configuration)
        try restored.restore(tensors)
        phaseIndex = index
        current = restored
    }
}
