import Tensors
import Autodiff
import NN
import Optimizers
import Experiments

/// A finished (or diverged, failed, interrupted) training run: its record and metrics, and what is needed
/// to continue it or measure its spectrum (the task, the optimizer with its state, the probes' warm start).
public final class RunValue: RunResults, NamedNativeType {
    public static let nativeTypeName = "Run"
    public let result: RunResult
    public let model: ModelValue
    let network: any Model
    let task: TrainingTask
    let optimizer: PhasedOptimizer
    let probes: ProbeSet
    let data: DatasetValue

    init(result: RunResult, model: ModelValue, network: any Model, task: TrainingTask, optimizer: PhasedOptimizer, probes: ProbeSet, data: DatasetValue) {
        self.result = result
        self.model = model
        self.network = network
        self.task = task
        self.optimizer = optimizer
        self.probes = probes
        self.data = data
    }

    public var typeName: String { Self.nativeTypeName }

    public var summary: String { "Run(" + resultSummary + ")" }

    var record: RunRecord { result.record }
    var metrics: MetricsTable { result.metrics }

    public var fieldNames: [String] { Self.resultFieldNames + ["model", "parameters", "optimizer"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "model": return .native(trainedModel)
        case "parameters": return .tensor(result.parameters)
        case "optimizer": return .native(OptimizerValue(optimizer.configuration))
        default: return resultField(name)
        }
    }

    /// The model with this run's final parameters (training it again continues from them).
    var trainedModel: ModelValue {
        ModelValue(model.architecture, seed: model.seed, built: network, parameters: result.parameters)
    }
}
