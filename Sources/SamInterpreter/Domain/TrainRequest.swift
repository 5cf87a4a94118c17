import Foundation
import Tensors
import Autodiff
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
        let seed = (try call.optionalInt("seed")).map { UInt64(truncatingIfNeeded: $0) } ?? call.context.currentCell?.seed ?? call.context.seed
        let subject = try self.subject(seed: seed)
        let task = subject.task, continued = subject.continued
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
        if let (quantity, requirement) = probeSet.unsupportedQuantity(for: task) {
            throw call.error("probe '\(quantity.name)' needs \(requirement.description), but \(subject.trained.description) has none", argument: "probes",
                             hint: "probe the loss and its derivatives instead: loss, grad_norm, hessian_top, sam_edge, …")
        }
        var divergence = DivergenceDetector()
        if let limit = try call.optionalDouble("diverge_above") { divergence = DivergenceDetector(absoluteThreshold: limit, relativeFactor: .infinity) }
        let trainer = try Trainer(stop: stop, clauses: clauses, probes: probeSet, divergence: divergence)

        let training = TrainingRun(task: task, optimizer: optimizer, initial: subject.initial, trainer: trainer, seed: seed,
                                   checkpoint: try checkpointPolicy(), continuing: continued?.result)
        let inSweep = call.context.currentCell != nil
        let result = try training.execute(showingProgressOn: inSweep ? nil : call.context.progress)
        let run = RunValue(result: result, trained: subject.trained, layout: subject.layout, task: task, optimizer: optimizer, probes: probeSet)
        if !inSweep { try record(run) }
        return .native(run)
    }

    /// What one call trains: its task, parameter layout, starting point and the run it continues.
    private struct Subject {
        var task: TrainingTask
        var layout: ParameterLayout
        var initial: Tensor
        var trained: RunValue.Trained
        var continued: RunValue?
    }

    /// Decodes `model:` — a Model (on `data:`), a function (at `w:`, with `args:` or the block's `on [x, y]`),
    /// a Quadratic (at `w:`, default its w0), or a Run to continue — through ``CalculusTarget`` except for
    /// a model, whose training also takes minibatches and test data.
    private func subject(seed: UInt64) throws -> Subject {
        let value = try call.value("model")
        if case .native(let run as RunValue) = value {
            guard let model = run.trainedModel else {
                for name in ["w", "args", "data", "dtype"] where try call.optionalValue(name) != nil {
                    throw call.error("a continued run keeps its function, point, data and dtype: leave out \(name):", argument: name)
                }
                return Subject(task: run.task, layout: run.layout, initial: run.result.parameters, trained: run.trained, continued: run)
            }
            return try modelSubject(model, seed: seed, continued: run)
        }
        if case .native(let model as ModelValue) = value { return try modelSubject(model, seed: seed, continued: nil) }
        for name in ["loss", "test_data", "probe_examples", "chunk", "batch"] where call.isGiven(name) {
            throw call.error("\(name): is for training a model on data; a function or quadratic trains full batch on its own objective", argument: name)
        }
        var call = self.call
        if let data = try call.optionalValue("data") {
            guard case .function = value, case .list = data else {
                throw call.error("data: is a Dataset for a model, or a function's list of data tensors (train f on [x, y] { … })", argument: "data")
            }
            if try call.optionalValue("args") != nil { throw call.error("give a function's data once: args: [x, y] or on [x, y]", argument: "args") }
            call = call.replacing("args", with: data).replacing("data", with: Value.none)
        }
        let target = try CalculusTarget(call, objective: value, argument: "model")
        return Subject(task: target.task, layout: target.layout, initial: target.point, trained: target.trained, continued: nil)
    }

    private func modelSubject(_ model: ModelValue, seed: UInt64, continued: RunValue?) throws -> Subject {
        if try call.optionalValue("w") != nil || call.optionalValue("args") != nil {
            throw call.error("w: and args: are for training a function; a model starts from its own parameters", argument: try call.optionalValue("w") != nil ? "w" : "args")
        }
        // A continued run defaults to its own data and dtype.
        let data: DatasetValue
        if let given = try call.optionalValue("data") {
            data = try given.asNative(DatasetValue.self, for: "data")
        } else if case .model(_, _, let previous)? = continued?.trained {
            data = previous
        } else {
            throw call.error("a model needs data to train on", argument: "model", hint: "train(net, mnist(limit: 1000), …) or train net on data { … }")
        }
        let dtype = try CalculusTarget.dtypeArgument(call) ?? continued?.task.dtype ?? .float32
        let network = try model.network(for: data)
        let loss = try BuiltinRegistry.lossArgument(call, data: data)
        let objective = Objective(model: network, loss: loss, dtype: dtype, chunkSize: try call.optionalInt("chunk"))
        let task = try makeTask(objective: objective, data: data, network: network, model: model, seed: seed)
        return Subject(task: task, layout: network.layout, initial: try model.startingParameters(for: network, dtype: dtype),
                       trained: .model(model, network: network, data: data), continued: continued)
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
        try TrainingRun.record(run.result, number: state.singleRunCount, layout: run.layout, in: context.outputDirectory, script: script, seed: context.seed)
    }
}
