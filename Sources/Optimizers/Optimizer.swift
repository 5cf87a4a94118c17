import Tensors

/// A complete optimizer configuration: a base descent rule, a learning rate and its schedule, and an
/// optional sharpness-aware ascent (SAM and its variants) wrapped around the base rule, so that "SAM over
/// SGD with momentum" is one configuration, not a new class.
public struct OptimizerConfiguration: Sendable, Equatable {
    public var base: BaseRule
    public var learningRate: Double
    public var schedule: LearningRateSchedule
    public var ascent: AscentRule
    public var rho: Double

    /// Validates every hyper-parameter (a negative η or ρ is an error naming the value).
    public init(base: BaseRule = .gd, learningRate: Double, schedule: LearningRateSchedule = .constant,
                ascent: AscentRule = .none, rho: Double = 0) throws {
        try validate("lr", learningRate)
        try validate("rho", rho, allowZero: true)
        if case .adaptive(let xi) = ascent { try validate("xi", xi, allowZero: true) }
        try base.validate()
        try schedule.validate()
        self.base = base
        self.learningRate = learningRate
        self.schedule = schedule
        self.ascent = ascent
        self.rho = rho
    }

    /// A readable summary, e.g. `sam(lr: 0.1, rho: 0.05) over sgd(momentum: 0.9)`.
    public var summary: String {
        var baseText: String
        switch base {
        case .sgd(let m, let n, let wd):
            baseText = m == 0 && wd == 0 ? "gd" : "sgd(momentum: \(m)\(n ? ", nesterov" : "")\(wd > 0 ? ", weight_decay: \(wd)" : ""))"
        case .adam(let b1, let b2, _, let wd, let decoupled):
            baseText = "adam(beta1: \(b1), beta2: \(b2)\(wd > 0 ? ", weight_decay: \(wd)\(decoupled ? " decoupled" : "")" : ""))"
        }
        if ascent == .none || rho == 0 { return "\(baseText)(lr: \(learningRate))" }
        return "\(ascent.name)(lr: \(learningRate), rho: \(rho)) over \(baseText)"
    }
}

/// What one optimizer step saw.
public struct StepReport: Sendable {
    /// Loss at the iterate before the step (on the step's batch).
    public var loss: Double
    /// `‖g‖` of the exact gradient at the iterate.
    public var gradientNorm: Double
    /// `‖s‖` of the gradient the base rule used (equal to `‖g‖` without an ascent step).
    public var updateGradientNorm: Double
    /// Whether an ascent step was taken.
    public var ascended: Bool
    /// The learning rate used.
    public var learningRate: Double
}

/// A stateful optimizer running one ``OptimizerConfiguration``.
public final class Optimizer {
    public private(set) var configuration: OptimizerConfiguration
    /// Steps taken so far (drives the learning-rate schedule).
    public private(set) var stepCount = 0
    var state = BaseRule.State()
    private var gradient: Tensor?
    private var ascentGradient: Tensor?

    public init(_ configuration: OptimizerConfiguration) { self.configuration = configuration }

    /// Changes ρ, η or the ascent rule while keeping the base rule's state (e.g. from the REPL).
    public func reconfigure(_ configuration: OptimizerConfiguration, keepState: Bool = true) {
        if !keepState || configuration.base != self.configuration.base { state = BaseRule.State() }
        self.configuration = configuration
    }

    /// The learning rate at the current step.
    public var currentLearningRate: Double { configuration.learningRate * configuration.schedule.factor(at: stepCount) }

    /// One step: the gradient at `w`, the ascent point and its gradient if any, then the base update.
    public func step(_ w: inout Tensor, oracle: GradientOracle) throws -> StepReport {
        if gradient == nil || gradient!.count != w.count || gradient!.dtype != w.dtype {
            gradient = Tensor(zeros: w.shape, dtype: w.dtype)
            ascentGradient = gradient
        }
        let loss = try oracle.valueAndGradient(at: w, into: &gradient!)
        let gnorm = gradient!.norm
        let lr = currentLearningRate
        var report = StepReport(loss: loss, gradientNorm: gnorm, updateGradientNorm: gnorm, ascended: false, learningRate: lr)
        if let epsilon = configuration.ascent.perturbation(at: w, gradient: gradient!, rho: configuration.rho) {
            var ascentPoint = w
            ascentPoint.addScaled(epsilon, 1)
            _ = try oracle.valueAndGradient(at: ascentPoint, into: &ascentGradient!)
            var snorm = ascentGradient!.norm
            if configuration.ascent == .stable && snorm > 0 {
                ascentGradient!.scale(by: gnorm / snorm)
                snorm = gnorm
            }
            report.updateGradientNorm = snorm
            report.ascended = true
            configuration.base.apply(to: &w, gradient: ascentGradient!, learningRate: lr, state: &state)
        } else {
            configuration.base.apply(to: &w, gradient: gradient!, learningRate: lr, state: &state)
        }
        stepCount += 1
        return report
    }

    /// The optimizer's state as named tensors (for checkpoints): momentum / moments and the step count.
    public var stateTensors: [String: Tensor] {
        var out: [String: Tensor] = ["step": Tensor(scalar: Double(stepCount), dtype: .float64),
                                     "base_steps": Tensor(scalar: Double(state.steps), dtype: .float64)]
        if let first = state.first { out["first_moment"] = first }
        if let second = state.second { out["second_moment"] = second }
        return out
    }

    /// Restores state saved by ``stateTensors``.
    public func restore(_ tensors: [String: Tensor]) throws {
        guard let step = tensors["step"], let baseSteps = tensors["base_steps"], step.count == 1, baseSteps.count == 1 else {
            throw OptimizerError("optimizer state lacks the scalars 'step' and 'base_steps'")
        }
        stepCount = Int(step.scalarValue)
        state = BaseRule.State(first: tensors["first_moment"], second: tensors["second_moment"], steps: Int(baseSteps.scalarValue))
    }
}
