import Foundation
import Tensors
import Datasets
import NN
import Optimizers
import Experiments

/// One `train` call, decoded: turns its arguments into a ``TrainingRun`` (task, optimizer, probes, stop
/// condition), has Experiments execute it (and, for a script's top-level runs, record it), and returns
/// the result as a Run value.
struct TrainRequest {
    let call: BuiltinCall

    init(_ call: BuiltinCall) { self.call = call }

    func run() throws -> Value {
        let data = try call.native(DatasetValue.self, "data")
        var continued: RunValue?
        let model: ModelValue
        switch try call.value("model") {
        case .native(let object as RunValue): continued = object; model = object.trainedModel
        case .native(let object as ModelValue): model = object
        case let other: throw call.error("model must be a Model or a Run, got \(other.kindDescription)", argument: "model")
        }
        let dtypeName = try call.string("dtype")
        guard let dtype = DType(rawValue: dtypeName) else { throw call.error("dtype must be float32 or float64, got \"\(dtypeName)\"", argument: "dtype") }
        let network = try model.network(for: data)
        let loss = try BuiltinRegistry.lossArgument(call, data: data)
        let objective = Objective(model: network, loss: loss, dtype: dtype, chunkSize: try call.optionalInt("chunk"))
        let seed = try (try call.optionalInt("seed")).map { UInt64(truncatingIfNeeded: $0) } ?? call.context.currentCell?.seed ?? call.context.seed
        let task = try makeTask(objective: objective, data: data, network: network, model: model, seed: seed)
        let stop = try stopCondition()
        let budget = stop.stepBudget(stepsPerEpoch: task.stepsPerEpoch)
        let optimizer: PhasedOptimizer
        if let given = try call.optionalValue("optimizer") {
            let value = try given.asNative(OptimizerValue.self, for: "optimizer")
            if let continued, value.phases.count == 1 {
                continued.optimizer.current.reconfigure(value.first)
                optimizer = continued.optimizer
            } else {
                optimizer = try value.makeOptimizer(totalSteps: budget)
            }
        } else if let continued {
            optimizer = continued.optimizer
        } else {
            optimizer = PhasedOptimizer(try OptimizerConfiguration(learningRate: 0.1))
        }
        let clauses = try probeClauses(budget: budget)
        var quantities: [ProbeQuantity] = []
        for q in clauses.flatMap(\.quantities) where !quantities.contains(q) { quantities.append(q) }
        let probeSet = try ProbeSet(quantities, settings: SpectrumSettings(tolerance: try call.optionalDouble("tolerance"), warmStart: try call.bool("warm_start"), seed: seed))
        var divergence = DivergenceDetector()
        if let limit = try call.optionalDouble("diverge_above") { divergence = DivergenceDetector(absoluteThreshold: limit, relativeFactor: .infinity) }
        let trainer = try Trainer(stop: stop, clauses: clauses, probes: probeSet, divergence: divergence)
        let initial = try model.startingParameters(for: network, dtype: dtype)

        let training = TrainingRun(task: task, optimizer: optimizer, initial: initial, trainer: trainer, seed: seed,
                                   checkpoint: try checkpointPolicy(), continuing: continued?.result)
        let inSweep = call.context.currentCell != nil
        let result = try training.execute(showingProgressOn: inSweep ? nil : call.context.progress)
        let run = RunValue(result: result, model: model, network: network, task: task, optimizer: optimizer, probes: probeSet, data: data)
        if !inSweep { try record(run) }
        return .native(run)
    }

    /// `checkpoint: true` saves to `runs/<id>/checkpoint.safetensors` in the results directory (the sweep
    /// cell's id, or the id the run will be recorded under); `checkpoint: "file"` to that file (relative to
    /// the results directory). An existing checkpoint of the same run is resumed, unless `--overwrite`.
    private func checkpointPolicy() throws -> CheckpointPolicy? {
        let context = call.context
        let path: String
        switch try call.value("checkpoint") {
        case .bool(false): return nil
        case .bool(true):
            if let cell = context.currentCell {
                path = "runs/\(cell.id)/checkpoint.safetensors"
            } else {
                guard context.scriptPath != nil else {
                    throw call.error("checkpoint: true names the file after the script's run; here give a file name", argument: "checkpoint")
                }
                let count = DomainState.of(context).singleRunCount + 1
                path = "runs/\(TrainingRun.runID(number: count))/checkpoint.safetensors"
            }
        case .string(let file):
            guard context.currentCell == nil else {
                throw call.error("in a sweep every cell needs its own checkpoint: use checkpoint: true", argument: "checkpoint")
            }
            path = file
        case let other: throw call.error("checkpoint must be true, false or a file name, got \(other.kindDescription)", argument: "checkpoint")
        }
        let every = try call.int("checkpoint_every")
        guard every > 0 else { throw call.error("checkpoint_every must be at least 1, got \(every)", argument: "checkpoint_every") }
        let resolved = BuiltinRegistry.resolve(path, in: context)
        if context.overwrite { try? FileManager.default.removeItem(atPath: resolved) }
        return try CheckpointPolicy(path: resolved, everySteps: every)
    }

    private func batchSize() throws -> Int? {
        switch try call.value("batch") {
        case .string("full"): return nil
        case .string(let other): throw call.error("batch must be full or a number of examples, got \"\(other)\"", argument: "batch")
        case .integer(let n):
            guard n > 0 else { throw call.error("batch size must be positive, got \(n)", argument: "batch") }
            return n
        case let other: throw call.error("batch must be full or an integer, got \(other.kindDescription)", argument: "batch")
        }
    }

    private func makeTask(objective: Objective, data: DatasetValue, network: any Model, model: ModelValue, seed: UInt64) throws -> TrainingTask {
        switch data.content {
        case .examples(let train, let test):
            let testData: Dataset?
            if let given = try call.optionalValue("test_data") {
                guard case .examples(let t, _) = try given.asNative(DatasetValue.self, for: "test_data").content else {
                    throw call.error("test_data must hold examples", argument: "test_data")
                }
                testData = t
            } else {
                testData = test
            }
            return try SupervisedTask(objective: objective, train: train, test: testData, batchSize: try batchSize(), seed: seed,
                                      probeExamples: try call.optionalInt("probe_examples"))
        case .text(let corpus):
            let batch = try batchSize() ?? 128
            return try LanguageModelTask(objective: objective, corpus: corpus, batchSize: batch, sequenceLength: model.sequenceLength ?? 64, seed: seed)
        }
    }

    private func stopCondition() throws -> StopCondition {
        if let stop = try call.optionalValue("stop") {
            if try call.optionalInt("steps") != nil { throw call.error("give either stop or steps, not both", argument: "steps") }
            return try stop.asNative(StopValue.self, for: "stop").condition
        }
        let steps = try call.optionalInt("steps") ?? 100
        guard steps >= 0 else { throw call.error("steps must be non-negative, got \(steps)", argument: "steps") }
        return .steps(steps)
    }

    /// The probe clauses, each measured on its own schedule. Without clauses: loss and gradient norm
    /// about 100 times per run.
    private func probeClauses(budget: Int?) throws -> [ProbeClause] {
        let specs = try call.list("probes").map { try ProbeClauseSpec($0) }
        guard !specs.isEmpty else { return [ProbeClause(.everySteps(max(1, (budget ?? 1000) / 100)), [.loss, .gradNorm])] }
        return try specs.map { clause in
            let schedule: ProbeSchedule
            switch clause.schedule {
            case .everySteps(let n): schedule = .everySteps(n)
            case .everySeconds(let t): schedule = .everySeconds(t)
            case .atSteps(let steps): schedule = .atSteps(steps)
            case .logSpaced(let points): schedule = .logSpaced(points: points)
            }
            var quantities: [ProbeQuantity] = []
            for item in clause.items {
                guard let probe = ProbeCatalogue.named(item.name) else { throw call.error("unknown probe '\(item.name)'", argument: "probes") }
                var arguments: [String: Double] = [:]
                for (name, value) in item.arguments.fields { arguments[name] = try value.asDouble(for: "\(item.name)'s \(name)") }
                let quantity: ProbeQuantity
                do { quantity = try probe(arguments) } catch let error as ProbeArgumentError { throw call.error(error.message, argument: "probes") }
                if !quantities.contains(quantity) { quantities.append(quantity) }
            }
            return ProbeClause(schedule, quantities)
        }
    }

    /// Keeps a top-level run for the script's figures and, when running a script, writes its results.
    private func record(_ run: RunValue) throws {
        let context = call.context
        let state = DomainState.of(context)
        state.runs.append(run)
        guard let script = context.scriptPath else { return }
        state.singleRunCount += 1
        try TrainingRun.record(run.result, number: state.singleRunCount, layout: run.network.layout, in: context.outputDirectory, script: script, seed: context.seed)
    }
}
