import Tensors
import Autodiff
import NN
import Optimizers
import Experiments

/// A finished (or diverged, failed, interrupted) training run: its record and metrics, and what is needed
/// to continue it or measure its spectrum (the task, the optimizer with its state, the probes' warm start).
public final class RunValue: RunResults, NamedNativeType {
    /// What a run trained.
    enum Trained {
        /// A model on a data set.
        case model(ModelValue, network: any Model, data: DatasetValue)
        /// A `.sam` function, traced, at a point of the structure it was given (a tensor or a list of them).
        case function(FunctionPoint)
        /// A quadratic ½ wᵀHw + bᵀw.
        case quadratic(QuadraticValue)

        /// What was trained, for messages ("a function of tensors").
        var description: String {
            switch self {
            case .model: return "a model on data"
            case .function: return "a function of tensors"
            case .quadratic: return "a quadratic"
            }
        }
    }

    public static let nativeTypeName = "Run"
    public let result: RunResult
    let trained: Trained
    let task: TrainingTask
    let optimizer: PhasedOptimizer
    let probes: ProbeSet
    /// The parameters' names and shapes (results files name tensors by it).
    let layout: ParameterLayout

    init(result: RunResult, trained: Trained, layout: ParameterLayout, task: TrainingTask, optimizer: PhasedOptimizer, probes: ProbeSet) {
        self.result = result
        self.trained = trained
        self.layout = layout
        self.task = task
        self.optimizer = optimizer
        self.probes = probes
    }

    public var typeName: String { Self.nativeTypeName }

    public var summary: String { "Run(" + resultSummary + ")" }

    var record: RunRecord { result.record }
    var metrics: MetricsTable { result.metrics }

    public var fieldNames: [String] {
        Self.resultFieldNames + (trainedModel == nil ? [] : ["model"]) + ["parameters", "optimizer"]
    }

    public func field(_ name: String) -> Value? {
        switch name {
        case "model": return trainedModel.map(Value.native)
        case "parameters":
            if case .function(let point) = trained, let shaped = try? point.shaped(result.parameters) { return shaped }
            return .tensor(result.parameters)
        case "optimizer": return .native(OptimizerValue(optimizer.configuration))
        default: return resultField(name)
        }
    }

    /// For a model's run, the model with this run's final parameters (training it again continues from them).
    var trainedModel: ModelValue? {
        guard case .model(let model, let network, _) = trained else { return nil }
        return ModelValue(model.architecture, seed: model.seed, built: network, parameters: result.parameters)
    }
}
