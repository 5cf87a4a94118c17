import SamLanguage
import Optimizers
import Experiments

/// Builtins for optimizers (GD, SGD, Adam, SAM and its variants, late SAM), learning-rate schedules and
/// stop conditions.
extension BuiltinRegistry {
    static func registerOptimizerBuiltins(into registry: inout BuiltinRegistry) {
        let lr = Builtin.Parameter("lr", .number, doc: "learning rate η")
        let schedule = Builtin.Parameter.optional("schedule", .native(ScheduleValue.nativeTypeName), doc: "learning-rate schedule (default constant)")
        let optimizerType = ValueTypeHint.native(OptimizerValue.nativeTypeName)

        registry.register("gd", parameters: [lr, schedule], returns: optimizerType, doc: "Gradient descent w ← w − η g (full batch, or SGD with a minibatch).") { call in
            .native(OptimizerValue(try configuration(call, base: .gd)))
        }
        registry.register("sgd", parameters: [lr, .init("momentum", .number, default: .number(0)), .init("nesterov", .bool, default: .bool(false)),
                                              .init("weight_decay", .number, default: .number(0)), schedule],
                          returns: optimizerType, doc: "SGD with optional heavy-ball or Nesterov momentum and L2 weight decay (PyTorch's convention).") { call in
            .native(OptimizerValue(try configuration(call, base: try sgdRule(call))))
        }
        registry.register("adam", parameters: [lr, .init("beta1", .number, default: .number(0.9)), .init("beta2", .number, default: .number(0.999)),
                                               .init("eps", .number, default: .number(1e-8)), .init("weight_decay", .number, default: .number(0)),
                                               .init("decoupled", .bool, default: .bool(true), doc: "AdamW-style decoupled weight decay"), schedule],
                          returns: optimizerType, doc: "Adam with bias correction (AdamW when decoupled).") { call in
            .native(OptimizerValue(try configuration(call, base: .adam(beta1: try call.double("beta1"), beta2: try call.double("beta2"), epsilon: try call.double("eps"),
                                                                        weightDecay: try call.double("weight_decay"), decoupled: try call.bool("decoupled")))))
        }
        for variant in SAMVariant.allCases {
            var parameters = [lr, .init("rho", .number, doc: "radius ρ"),
                              .optional("base", optimizerType, doc: "the base optimizer whose update uses the ascent gradient (default gd; its lr is replaced)"),
                              schedule]
            if variant.takesXi { parameters.append(.init("xi", .number, default: .number(0.01), doc: "ξ in T = diag(|w| + ξ)")) }
            registry.register(variant.rawValue, parameters: parameters, returns: optimizerType, doc: variant.doc) { call in
                let ascent = variant.ascentRule(xi: variant.takesXi ? try call.double("xi") : 0)
                let base = try (try call.optionalValue("base")).map { try $0.asNative(OptimizerValue.self, for: "base").first.base } ?? .gd
                return .native(OptimizerValue(try configuration(call, base: base, ascent: ascent, rho: try call.double("rho"))))
            }
        }
        registry.register("late", parameters: [.init("first", optimizerType, doc: "the optimizer of the early phase"),
                                               .init("then", optimizerType, doc: "the optimizer of the late phase"),
                                               .init("at", .number, default: .number(0.8), doc: "when to switch: a fraction of the step budget (< 1) or a step number (≥ 1)"),
                                               .init("carry_state", .bool, default: .bool(true), doc: "keep momentum / Adam moments across the switch")],
                          returns: optimizerType, doc: "Switch optimizers during training, e.g. late SAM (Zhou et al.): late(sgd(lr: 0.1), sam(lr: 0.1, rho: 0.05), at: 0.8).") { call in
            let first = try call.native(OptimizerValue.self, "first"), then = try call.native(OptimizerValue.self, "then")
            let at = try call.double("at")
            guard at > 0, at.isFinite else { throw call.error("the switch point must be positive, got \(at)", argument: "at") }
            let start: PhasedOptimizer.Start = at < 1 ? .fraction(at) : .step(Int(at))
            return .native(OptimizerValue(phases: [(.step(0), first.first), (start, then.first)], carryState: try call.bool("carry_state")))
        }
        let scheduleType = ValueTypeHint.native(ScheduleValue.nativeTypeName)
        registry.register("cosine", parameters: [.init("steps", .int), .init("floor", .number, default: .number(0), doc: "final fraction of η")],
                          returns: scheduleType, doc: "Cosine decay of η from 1 to `floor` (a fraction) over `steps`.") { call in
            try scheduleValue(.cosine(totalSteps: try call.int("steps"), floor: try call.double("floor")))
        }
        registry.register("step_decay", parameters: [.init("milestones", .list), .init("gamma", .number, default: .number(0.1))],
                          returns: scheduleType, doc: "Multiply η by gamma at each milestone step.") { call in
            try scheduleValue(.step(milestones: try call.list("milestones").map { try $0.asInt(for: "a milestone") }, gamma: try call.double("gamma")))
        }
        registry.register("warmup", parameters: [.init("steps", .int), .optional("then", scheduleType, doc: "the schedule after warm-up (default constant)")],
                          returns: scheduleType, doc: "Linear warm-up of η over `steps`, then `then`.") { call in
            let then = try (try call.optionalValue("then")).map { try $0.asNative(ScheduleValue.self, for: "then").schedule } ?? .constant
            return try scheduleValue(.warmup(steps: try call.int("steps"), then: then))
        }
        registry.register("after", parameters: [.optional("steps", .int), .optional("epochs", .int), .optional("seconds", .number),
                                                .optional("minutes", .number), .optional("loss_below", .number)],
                          returns: .native(StopValue.nativeTypeName),
                          doc: "A stop condition; combine with `or`: after(steps: 3000) or after(minutes: 10). Times count training only.") { call in
            var parts: [StopCondition] = []
            if let n = try call.optionalInt("steps") { parts.append(.steps(n)) }
            if let n = try call.optionalInt("epochs") { parts.append(.epochs(n)) }
            if let s = try call.optionalDouble("seconds") { parts.append(.seconds(s)) }
            if let m = try call.optionalDouble("minutes") { parts.append(.seconds(m * 60)) }
            if let l = try call.optionalDouble("loss_below") { parts.append(.lossBelow(l)) }
            guard !parts.isEmpty else { throw call.error("after() needs steps, epochs, seconds, minutes or loss_below") }
            let condition: StopCondition = parts.count == 1 ? parts[0] : .any(parts)
            do { try condition.validate() } catch { throw call.error("\(error)") }
            return .native(StopValue(condition))
        }
    }

    private static func scheduleValue(_ schedule: LearningRateSchedule) throws -> Value {
        try schedule.validate()
        return .native(ScheduleValue(schedule))
    }

    private static func sgdRule(_ call: BuiltinCall) throws -> BaseRule {
        .sgd(momentum: try call.double("momentum"), nesterov: try call.bool("nesterov"), weightDecay: try call.double("weight_decay"))
    }

    private static func configuration(_ call: BuiltinCall, base: BaseRule, ascent: AscentRule = .none, rho: Double = 0) throws -> OptimizerConfiguration {
        let schedule = try (try call.optionalValue("schedule")).map { try $0.asNative(ScheduleValue.self, for: "schedule").schedule } ?? .constant
        do {
            return try OptimizerConfiguration(base: base, learningRate: try call.double("lr"), schedule: schedule, ascent: ascent, rho: rho)
        } catch let error as OptimizerError {
            throw call.error(error.message, argument: error.parameter)
        }
    }
}
