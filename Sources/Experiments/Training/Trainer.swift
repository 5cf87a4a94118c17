import Foundation
import ProcessSupport
import Tensors
import Optimizers

/// The outcome of one training run: its record (status, timings, final metrics), the probe table, and
/// the final parameters.
public struct RunResult {
    public var record: RunRecord
    public var metrics: MetricsTable
    public var parameters: Tensor
    /// How the probes measured (data, spectrum settings), for the record.
    public var probeDescription: String
}

/// Runs an optimizer on a task until a stop condition, firing probe clauses on their schedules.
///
/// Training time (the x-axis of the paper's plots) counts only optimizer steps; probe time is measured
/// separately. A non-finite or exploding loss ends the run as `diverged`; Ctrl-C (see ``Interruption``)
/// ends it as `interrupted`; an error inside a step ends it as `failed`. In every case the probes taken so
/// far are kept. The same task, seed, parameters and thread count give bit-identical metrics.
public struct Trainer {
    public var stop: StopCondition
    /// When to measure what; each clause is measured only when its own schedule fires.
    public var clauses: [ProbeClause]
    /// Measures the quantities (all clauses' quantities) and keeps the Lanczos warm starts.
    public var probes: ProbeSet
    public var divergence: DivergenceDetector
    /// Measure every quantity once more at the end of the run if no probe fired there.
    public var probeAtEnd: Bool

    /// One schedule for all of `probes`' quantities.
    public init(stop: StopCondition, schedule: ProbeSchedule, probes: ProbeSet, divergence: DivergenceDetector = DivergenceDetector(), probeAtEnd: Bool = true) throws {
        try self.init(stop: stop, clauses: [ProbeClause(schedule, probes.quantities)], probes: probes, divergence: divergence, probeAtEnd: probeAtEnd)
    }

    /// Several clauses; `probes` must measure every quantity the clauses name.
    public init(stop: StopCondition, clauses: [ProbeClause], probes: ProbeSet, divergence: DivergenceDetector = DivergenceDetector(), probeAtEnd: Bool = true) throws {
        try stop.validate()
        for clause in clauses {
            for q in clause.quantities where !probes.quantities.contains(q) { throw ExperimentError("probe \(q) of clause '\(clause)' is not in the probe set") }
        }
        self.stop = stop
        self.clauses = clauses
        self.probes = probes
        self.divergence = divergence
        self.probeAtEnd = probeAtEnd
    }

    /// Trains from `initial`; `progress` receives a one-line status after each step.
    ///
    /// With a `checkpoint` policy the run saves a ``TrainingCheckpoint`` every N steps and when it ends
    /// (done or interrupted, before the closing probe; a diverged or failed run keeps its last periodic
    /// checkpoint). If the file
    /// already exists and was written by the same configuration, the run resumes from it.
    ///
    /// With `continuing`, the run carries on from an earlier run's end (whose final parameters are
    /// `initial`): steps, training time and the metrics table continue from it, minibatches continue the
    /// same sequence, and the stop condition and probe schedule count from the continuation's start.
    public func run(task: TrainingTask, optimizer: PhasedOptimizer, initial: Tensor, id: String = "run",
                    parameters: [String: ParameterValue] = [:], seed: UInt64 = 0, checkpoint: CheckpointPolicy? = nil,
                    continuing previous: RunResult? = nil, progress: ((RunProgress) -> Void)? = nil) throws -> RunResult {
        let budget = stop.stepBudget(stepsPerEpoch: task.stepsPerEpoch)
        for clause in clauses { try clause.schedule.validate(budgetSteps: budget) }
        var clock = ProbeClocks(clauses, budgetSteps: budget)
        var detector = divergence
        var w = initial
        let stepOffset = previous?.record.steps ?? 0, timeOffset = previous?.record.trainingSeconds ?? 0
        var metrics = previous?.metrics ?? MetricsTable()
        var trainingSeconds = 0.0, probeSeconds = 0.0
        let wallStart = ProcessInfo.processInfo.systemUptime
        // `step` counts this call's steps; rows, batches and the record use `stepOffset + step`.
        let previousEndsProbed = previous != nil && metrics.rows.last?[.step] == Double(stepOffset)
        var step = 0, lastLoss: Double?, lastProbedStep = previousEndsProbed ? 0 : -1
        var status = RunStatus.done, message: String?
        let fingerprint = checkpoint == nil ? "" : runFingerprint(task: task, optimizer: optimizer, initial: initial, seed: seed)
        if let checkpoint, FileManager.default.fileExists(atPath: checkpoint.path) {
            let saved = try TrainingCheckpoint.read(from: checkpoint.path)
            guard saved.fingerprint == fingerprint else {
                throw ExperimentError("checkpoint \(checkpoint.path) was written by a different run (\(saved.fingerprint)); this run is \(fingerprint). "
                                      + "Remove the file or choose another checkpoint path.")
            }
            guard saved.parameters.count == task.dimension, saved.clockMarks.count == clock.secondsMarks.count else {
                throw ExperimentError("checkpoint \(checkpoint.path) does not fit this run: \(saved.parameters.count) parameters, expected \(task.dimension)")
            }
            w = saved.parameters.converted(to: task.dtype)
            try optimizer.restore(saved.optimizer)
            probes.warmState = saved.probes
            clock.secondsMarks = saved.clockMarks
            detector.initialLoss = saved.initialLoss
            metrics = saved.metrics
            step = saved.step; trainingSeconds = saved.trainingSeconds; probeSeconds = saved.probeSeconds; lastProbedStep = saved.lastProbedStep
        }
        try task.resume(atStep: stepOffset + step)
        func save() throws {
            guard let checkpoint else { return }
            try TrainingCheckpoint(fingerprint: fingerprint, step: step, trainingSeconds: trainingSeconds, probeSeconds: probeSeconds,
                                   lastProbedStep: lastProbedStep, parameters: w, optimizer: optimizer.stateTensors, probes: probes.warmState,
                                   clockMarks: clock.secondsMarks, initialLoss: detector.initialLoss, metrics: metrics).write(to: checkpoint.path)
        }

        func probe(_ quantities: [ProbeQuantity]) throws {
            let t0 = ProcessInfo.processInfo.systemUptime
            let row = try probes.measure(task: task, at: w, optimizer: optimizer.configuration, learningRate: optimizer.current.currentLearningRate,
                                         quantities: quantities)
            probeSeconds += ProcessInfo.processInfo.systemUptime - t0
            metrics.append([(.step, Double(stepOffset + step)), (.timeSeconds, timeOffset + trainingSeconds)] + row)
            lastProbedStep = step
        }

        do {
            while !stop.isMet(step: step, stepsPerEpoch: task.stepsPerEpoch, trainingSeconds: trainingSeconds, lastLoss: lastLoss) {
                if Interruption.isRequested { status = .interrupted; message = "interrupted at step \(stepOffset + step)"; break }
                let due = clock.due(step: step, trainingSeconds: trainingSeconds, order: probes.quantities)
                if !due.isEmpty && lastProbedStep != step { try probe(due) }
                let oracle = try task.batchOracle(step: stepOffset + step)
                let t0 = ProcessInfo.processInfo.systemUptime
                let report = try optimizer.step(&w, oracle: oracle)
                trainingSeconds += ProcessInfo.processInfo.systemUptime - t0
                lastLoss = report.loss
                if let reason = detector.check(step: stepOffset + step, loss: report.loss, gradientNorm: report.gradientNorm) {
                    status = .diverged
                    message = reason
                    break
                }
                step += 1
                if let checkpoint, step % checkpoint.everySteps == 0 { try save() }
                progress?(RunProgress(step: step, budget: budget, trainingSeconds: trainingSeconds, loss: report.loss,
                                      lambda1: metrics.last(.lambda(1)), samEdge: metrics.last(.samEdge), gdEdge: metrics.last(.gdEdge)))
            }
            if status == .done || status == .interrupted { try save() }  // before the closing probe: a longer rerun would not take it
            if status == .done && probeAtEnd && lastProbedStep != step && w.isFinite { try probe(probes.quantities) }
        } catch is Interruption.Interrupted {
            status = .interrupted
            message = "interrupted at step \(stepOffset + step) during a probe"
        } catch {
            status = .failed
            message = "\(error)"
        }
        var final: [String: Double] = [:]
        for column in metrics.columns where column != .step && column != .timeSeconds { if let v = metrics.last(column) { final[column.name] = v } }
        var record = RunRecord(id: id, parameters: parameters, seed: seed, status: status, message: message, steps: stepOffset + step,
                               trainingSeconds: timeOffset + trainingSeconds, probeSeconds: (previous?.record.probeSeconds ?? 0) + probeSeconds,
                               wallSeconds: ProcessInfo.processInfo.systemUptime - wallStart, finalMetrics: final)
        let configuration = optimizer.configuration
        record.eta = configuration.learningRate
        record.rho = configuration.ascent == .none ? 0 : configuration.rho
        let description = "probes on \(task.probeDataDescription): " + clauses.map(\.description).joined(separator: "; ")
        return RunResult(record: record, metrics: metrics, parameters: w, probeDescription: description)
    }
}

extension Trainer {
    /// Identifies a run's configuration for its checkpoint: objective (model and loss), data, optimizer
    /// phases, probes, seed and a hash
    /// of the initial parameters. The stop condition is left out, so a finished run can be resumed with a
    /// larger budget.
    func runFingerprint(task: TrainingTask, optimizer: PhasedOptimizer, initial: Tensor, seed: UInt64) -> String {
        let bytes = initial.converted(to: .float64).scalars.withUnsafeBytes { Array($0) }
        return "\(task.objectiveDescription) on \(task.probeDataDescription), \(task.dimension) \(task.dtype) parameters (initial sha256 \(SHA256.hex(bytes).prefix(16))); "
            + "\(optimizer.summary); probes " + clauses.map(\.description).joined(separator: "; ") + "; seed \(seed)"
    }
}

/// A snapshot of a run in progress, for progress displays.
public struct RunProgress: Sendable {
    public var step: Int
    public var budget: Int?
    public var trainingSeconds: Double
    public var loss: Double
    public var lambda1: Double?
    public var samEdge: Double?
    public var gdEdge: Double?

    /// A one-line rendering: bar, step, rate, ETA, loss, λ1 and edges.
    public var line: String {
        var parts: [String] = []
        if let budget, budget > 0 {
            parts.append(ProgressDisplay.bar(fraction: Double(step) / Double(budget)))
            parts.append("step \(step)/\(budget)")
            let rate = trainingSeconds > 0 ? Double(step) / trainingSeconds : 0
            if rate > 0 { parts.append(String(format: "%.1f it/s", rate)); parts.append("ETA " + ProgressDisplay.duration(Double(budget - step) / rate)) }
        } else {
            parts.append("step \(step)")
        }
        parts.append("loss " + String(format: "%.4g", loss))
        if let l = lambda1 { parts.append("λ1 " + String(format: "%.4g", l)) }
        if let e = samEdge { parts.append("E " + String(format: "%.4g", e)) }
        if let g = gdEdge { parts.append("2/η " + String(format: "%.4g", g)) }
        return parts.joined(separator: "  ")
    }
}
