/// What a probe needs from a training task beyond loss, gradient and Hessian-vector products. A task that
/// cannot provide it (a function of tensors or a quadratic has no classifier outputs and no test data)
/// rejects the probe before training starts, see ``ProbeSet/unsupportedQuantity(for:)``.
public enum ProbeRequirement: Sendable, Equatable {
    /// Class predictions and labels (`accuracy`).
    case classification
    /// Held-out data (`test_loss`).
    case testData

    /// What the requirement is, for error messages ("needs …").
    public var description: String {
        switch self {
        case .classification: return "a classifier's predictions and labels"
        case .testData: return "test data"
        }
    }
}

extension ProbeSet {
    /// The first of the set's quantities whose requirement `task` cannot provide, with that requirement.
    public func unsupportedQuantity(for task: TrainingTask) -> (quantity: ProbeQuantity, requirement: ProbeRequirement)? {
        for quantity in quantities {
            if let requirement = quantity.definition.requires, !task.provides(requirement) { return (quantity, requirement) }
        }
        return nil
    }
}
