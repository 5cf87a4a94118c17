import Foundation
import ProcessSupport
import Tensors
import NN

/// Where and how often a run saves a ``TrainingCheckpoint``.
public struct CheckpointPolicy: Sendable, Equatable {
    /// The checkpoint file (safetensors).
    public var path: String
    /// Save after every this many optimizer steps (and always when the run ends, however it ends).
    public var everySteps: Int

    public init(path: String, everySteps: Int) throws {
        guard everySteps > 0 else { throw ExperimentError("checkpoints are saved every N ≥ 1 steps, got \(everySteps)") }
        self.path = path
        self.everySteps = everySteps
    }
}

/// Everything a run needs to continue exactly where it stopped: parameters, optimizer state (phase,
/// momentum / Adam moments, step count), the probe warm starts and clock, the divergence detector's
/// baseline, the timings, and the metrics measured so far.
///
/// Resuming from a checkpoint gives bit-identical metrics to the uninterrupted run (same seed, same
/// thread count), except for `time_s`, which continues from the saved training time.
///
/// On disk it is one safetensors file (readable by `safetensors.numpy`): tensors `parameters`,
/// `optimizer.<name>`, `probe.top.<i>`, `probe.bottom.<i>`, `metrics.values` (rows × columns, float64)
/// and `metrics.present` (1 where a row has the column); scalars in the string metadata, with
/// `format = samlab-checkpoint-1` and a `fingerprint` of the run's configuration.
public struct TrainingCheckpoint {
    static let format = "samlab-checkpoint-1"

    /// Identifies the run configuration (task, optimizer, probes, stop, seed); a checkpoint resumes only a
    /// run with the same fingerprint.
    public var fingerprint: String
    /// Optimizer steps taken.
    public var step: Int
    public var trainingSeconds: Double
    public var probeSeconds: Double
    /// The step of the last probe (-1 before the first).
    public var lastProbedStep: Int
    public var parameters: Tensor
    public var optimizer: [String: Tensor]
    public var probes: ProbeSet.WarmState
    public var clockMarks: [Double]
    public var initialLoss: Double?
    public var metrics: MetricsTable

    public init(fingerprint: String, step: Int, trainingSeconds: Double, probeSeconds: Double, lastProbedStep: Int, parameters: Tensor,
                optimizer: [String: Tensor], probes: ProbeSet.WarmState, clockMarks: [Double], initialLoss: Double?, metrics: MetricsTable) {
        self.fingerprint = fingerprint; self.step = step; self.trainingSeconds = trainingSeconds; self.probeSeconds = probeSeconds
        self.lastProbedStep = lastProbedStep; self.parameters = parameters; self.optimizer = optimizer; self.probes = probes
        self.clockMarks = clockMarks; self.initialLoss = initialLoss; self.metrics = metrics
    }

    /// Writes the checkpoint atomically (a kill leaves the previous checkpoint or the new one, never half).
    public func write(to path: String) throws {
        var tensors: [(name: String, tensor: Tensor)] = [("parameters", parameters)]
        for name in optimizer.keys.sorted() { tensors.append(("optimizer." + name, optimizer[name]!)) }
        for (i, v) in probes.top.enumerated() { tensors.append(("probe.top.\(i)", v)) }
        for (i, v) in probes.bottom.enumerated() { tensors.append(("probe.bottom.\(i)", v)) }
        let columns = metrics.columns
        if !columns.isEmpty && !metrics.rows.isEmpty {
            var values: [Double] = [], present: [Double] = []
            for row in metrics.rows {
                for column in columns {
                    values.append(row[column] ?? .nan)
                    present.append(row[column] == nil ? 0 : 1)
                }
            }
            tensors.append(("metrics.values", Tensor(values, shape: [metrics.rows.count, columns.count])))
            tensors.append(("metrics.present", Tensor(present, shape: [metrics.rows.count, columns.count])))
        }
        var metadata = ["format": Self.format, "fingerprint": fingerprint, "step": String(step),
                        "training_seconds": Self.exact(trainingSeconds), "probe_seconds": Self.exact(probeSeconds),
                        "last_probed_step": String(lastProbedStep), "probe_firings": String(probes.firings),
                        "clock_marks": clockMarks.map(Self.exact).joined(separator: ","),
                        "metrics_columns": columns.map { jsonString($0.name) }.joined(separator: ",")]
        if let initialLoss { metadata["initial_loss"] = Self.exact(initialLoss) }
        try AtomicFile.write(try Safetensors.encode(tensors, metadata: metadata), to: path)
    }

    /// Reads a checkpoint; a missing, truncated or foreign file is an error naming the path and what was
    /// expected.
    public static func read(from path: String) throws -> TrainingCheckpoint {
        guard let data = FileManager.default.contents(atPath: path) else { throw ExperimentError("cannot read checkpoint \(path)") }
        func corrupt(_ what: String) -> ExperimentError { ExperimentError("checkpoint \(path) is not a samlab checkpoint: \(what)") }
        let decoded: (tensors: [(name: String, tensor: Tensor)], metadata: [String: String])
        do { decoded = try Safetensors.decode(data) } catch { throw corrupt("\(error)") }
        let meta = decoded.metadata
        guard meta["format"] == format else { throw corrupt("expected metadata format = \(format), found \(meta["format"].map { "'\($0)'" } ?? "none")") }
        func integer(_ key: String) throws -> Int {
            guard let text = meta[key], let v = Int(text) else { throw corrupt("metadata '\(key)' must be an integer") }
            return v
        }
        func number(_ key: String) throws -> Double {
            guard let text = meta[key], let v = Double(text) else { throw corrupt("metadata '\(key)' must be a number") }
            return v
        }
        var named: [String: Tensor] = [:]
        for (name, tensor) in decoded.tensors { named[name] = tensor }
        guard let parameters = named["parameters"], parameters.rank == 1 else { throw corrupt("expected a rank-1 tensor 'parameters'") }
        let d = parameters.count
        var optimizer: [String: Tensor] = [:]
        for (name, tensor) in named where name.hasPrefix("optimizer.") {
            let key = String(name.dropFirst("optimizer.".count))
            guard tensor.count == 1 || tensor.count == d else { throw corrupt("optimizer tensor '\(key)' has \(tensor.count) elements, expected 1 or \(d)") }
            optimizer[key] = tensor
        }
        func vectors(_ prefix: String) throws -> [Tensor] {
            var out: [Tensor] = []
            while let v = named["\(prefix).\(out.count)"] {
                guard v.count == d else { throw corrupt("'\(prefix).\(out.count)' has \(v.count) elements, expected \(d)") }
                out.append(v)
            }
            return out
        }
        let probes = ProbeSet.WarmState(top: try vectors("probe.top"), bottom: try vectors("probe.bottom"), firings: try integer("probe_firings"))
        let marksText = meta["clock_marks"] ?? ""
        let marks = try marksText.isEmpty ? [] : marksText.split(separator: ",").map { part -> Double in
            guard let v = Double(part) else { throw corrupt("metadata 'clock_marks' must list numbers") }
            return v
        }
        return TrainingCheckpoint(
            fingerprint: meta["fingerprint"] ?? "", step: try integer("step"), trainingSeconds: try number("training_seconds"),
            probeSeconds: try number("probe_seconds"), lastProbedStep: try integer("last_probed_step"), parameters: parameters,
            optimizer: optimizer, probes: probes, clockMarks: marks, initialLoss: meta["initial_loss"] == nil ? nil : try number("initial_loss"),
            metrics: try metricsTable(named, columnsText: meta["metrics_columns"] ?? "", corrupt: corrupt))
    }

    private static func metricsTable(_ named: [String: Tensor], columnsText: String, corrupt: (String) -> ExperimentError) throws -> MetricsTable {
        var table = MetricsTable()
        guard let values = named["metrics.values"], let present = named["metrics.present"] else { return table }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(("[" + columnsText + "]").utf8)), let columns = parsed as? [String] else {
            throw corrupt("metadata 'metrics_columns' must list quoted column names")
        }
        guard values.rank == 2, values.shape == present.shape, values.shape[1] == columns.count else {
            throw corrupt("metrics tensors must be rows × \(columns.count), got \(values.shape) and \(present.shape)")
        }
        let v = values.scalars, p = present.scalars
        for r in 0..<values.shape[0] {
            var row: [(MetricColumn, Double)] = []
            for (c, column) in columns.enumerated() where p[r * columns.count + c] != 0 { row.append((MetricColumn(column), v[r * columns.count + c])) }
            table.append(row)
        }
        return table
    }

    /// A Double written so that it reads back bit for bit.
    static func exact(_ v: Double) -> String { "\(v)" }
}
