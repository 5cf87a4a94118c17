import Experiments

/// A run's results as plots, sweeps and scripts read them: a live ``RunValue``, or a ``StoredRunValue``
/// read back from a results directory (a sweep cell finished by an earlier invocation).
protocol RunResults: NativeObject {
    var record: RunRecord { get }
    var metrics: MetricsTable { get }
}

extension RunResults {
    /// The fields every run has: `status`, `steps`, `loss`, `final`, `metrics`, `training_seconds`, `message`.
    static var resultFieldNames: [String] { ["status", "steps", "loss", "final", "metrics", "training_seconds", "message"] }

    func resultField(_ name: String) -> Value? {
        let r = record
        switch name {
        case "status": return .string(r.status.rawValue)
        case "steps": return .integer(r.steps)
        case "loss": return r.final(.loss).map(Value.number) ?? Value.none
        case "final": return .record(Record(r.finalMetrics.keys.sorted().map { ($0, Value.number(r.finalMetrics[$0]!)) }))
        case "metrics": return .record(Record(metrics.columns.map { column in (column.name, Value.list(metrics.column(column).map(Value.number))) }))
        case "training_seconds": return .number(r.trainingSeconds)
        case "message": return r.message.map(Value.string) ?? Value.none
        default: return nil
        }
    }

    /// A one-line summary: status, steps, training time, final loss, λ1 and edges.
    var resultSummary: String {
        let r = record
        var parts = ["\(r.status.rawValue) after \(r.steps) steps", String(format: "%.2f s training", r.trainingSeconds)]
        for column in [MetricColumn.loss, .lambda(1), .samEdge, .gdEdge] {
            if let v = r.final(column) { parts.append("\(column) \(ValueFormatter.display(.number(v)))") }
        }
        if let m = r.message, r.status != .done { parts.append(m) }
        return parts.joined(separator: ", ")
    }

    /// The run as a figure entry with the given axis values.
    func figureEntry(parameters: [String: ParameterValue]) -> ResultsFigures.Entry {
        ResultsFigures.Entry(parameters: parameters, record: record, metrics: metrics)
    }
}

/// A run read back from a results directory: its record and metrics, without the model or optimizer
/// (so it can be printed, plotted and read, but not continued or probed).
final class StoredRunValue: RunResults, NamedNativeType {
    static let nativeTypeName = "StoredRun"
    let stored: StoredRun

    init(_ stored: StoredRun) { self.stored = stored }

    var record: RunRecord { stored.record }
    var metrics: MetricsTable { stored.metrics }
    var typeName: String { Self.nativeTypeName }
    var summary: String { "StoredRun(" + resultSummary + ", from \(stored.directory))" }
    var fieldNames: [String] { Self.resultFieldNames }
    func field(_ name: String) -> Value? { resultField(name) }
}
