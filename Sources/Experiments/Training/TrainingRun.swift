import Foundation
import ProcessSupport
import Tensors
import Autodiff
import NN
import Optimizers

/// One training run, fully specified: the task, the optimizer, the starting parameters and the trainer
/// (stop condition, probe clauses and probe set). The `train` builtin builds one from script values;
/// ``execute(showingProgressOn:)`` runs it, the same way for a script's top-level run and a sweep cell, and
/// ``record(_:number:layout:in:script:seed:)`` writes a top-level run's results (a sweep's cells are
/// recorded by ``SweepRunner``, into the same ``ResultsStore``).
public struct TrainingRun {
    public var task: TrainingTask
    public var optimizer: PhasedOptimizer
    public var initial: Tensor
    public var trainer: Trainer
    /// Minibatch order and probe seed.
    public var seed: UInt64
    public var checkpoint: CheckpointPolicy?
    /// The earlier run this one continues, if any.
    public var continuing: RunResult?

    /// Creates a run.
    public init(task: TrainingTask, optimizer: PhasedOptimizer, initial: Tensor, trainer: Trainer, seed: UInt64,
                checkpoint: CheckpointPolicy? = nil, continuing: RunResult? = nil) {
        self.task = task; self.optimizer = optimizer; self.initial = initial; self.trainer = trainer
        self.seed = seed; self.checkpoint = checkpoint; self.continuing = continuing
    }

    /// Trains. With a `display` (a top-level run) the progress line is shown, its final state kept, and
    /// Ctrl-C ends the run as `interrupted`; without one (a sweep cell) an interrupt reaches the sweep.
    public func execute(showingProgressOn display: ProgressDisplay?) throws -> RunResult {
        guard let display else {
            return try trainer.run(task: task, optimizer: optimizer, initial: initial, id: "run", seed: seed, checkpoint: checkpoint, continuing: continuing)
        }
        var lastLine: String?
        let result = try Interruption.catchingInterrupts {
            try trainer.run(task: task, optimizer: optimizer, initial: initial, id: "run", seed: seed, checkpoint: checkpoint, continuing: continuing) { p in
                lastLine = p.line
                display.update(p.line)
            }
        }
        if let lastLine { display.update(lastLine, force: true) }  // the final state, not the last throttled one
        display.finish()
        return result
    }

    /// The id of a script's `number`-th top-level run (1-based): `run`, then `run-2`, `run-3`, ….
    public static func runID(number: Int) -> String { number == 1 ? "run" : "run-\(number)" }

    /// Writes a script's `number`-th top-level run to `directory` (`run.json`, `summary.csv`, `runs/<id>/`);
    /// the first run of an invocation starts the result set afresh.
    public static func record(_ result: RunResult, number: Int, layout: ParameterLayout, in directory: String, script: String, seed: UInt64) throws {
        let store = try ResultsStore(directory: directory, manifest: ResultsManifest(script: script, seed: seed), isSweep: false, overwrite: number == 1)
        var record = result.record
        record.id = runID(number: number)
        try store.record(record, result: result, layout: layout)
    }
}
