import Tensors
import Autodiff
import NN
import Optimizers
import Experiments

/// A finished (or diverged, failed, interrupted) training run: its record and metrics, and what is needed
/// to continue it or measure its spectrum (the task, the optimizer with its state, the probes' warm start).
public final class RunValue: NativeObject, NamedNativeType {
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

    public var summary: String {
        let r = result.record
        var parts = ["\(r.status.rawValue) after \(r.steps) steps", String(format: "%.2f s training", r.trainingSeconds)]
        for key in ["loss", "lambda_1", "sam_edge", "gd_edge"] {
            if let v = r.finalMetrics[key] { parts.append("\(key) \(ValueFormatter.display(.number(v)))") }
        }
        if let m = r.message, r.status != .done { parts.append(m) }
        return "Run(" + parts.joined(separator: ", ") + ")"
    }

    public var fieldNames: [String] { ["status", "steps", "loss", "final", "metrics", "model", "parameters", "training_seconds", "message", "optimizer"] }

    public func field(_ name: String) -> Value? {
        let r = result.record
        switch name {
        case "status": return .string(r.status.rawValue)
        case "steps": return .integer(r.steps)
        case "loss": return r.finalMetrics["loss"].map(Value.number) ?? Value.none
        case "final": return .record(Record(r.finalMetrics.keys.sorted().map { ($0, Value.number(r.finalMetrics[$0]!)) }))
        case "metrics":
            return .record(Record(result.metrics.columns.map { column in (column, Value.list(result.metrics.column(column).map(Value.number))) }))
        case "model": return .native(trainedModel)
        case "parameters": return .tensor(result.parameters)
        case "training_seconds": return .number(r.trainingSeconds)
        case "message": return r.message.map(Value.string) ?? Value.none
        case "optimizer": return .native(OptimizerValue(optimizer.configuration))
        default: return nil
        }
    }

    /// The model with this run's final parameters (training it again continues from them).
    var trainedModel: ModelValue {
        ModelValue(model.architecture, seed: model.seed, built: network, parameters: result.parameters)
    }
}
