import XCTest
import ProcessSupport
import Foundation
import Tensors
import Datasets
import NN
import Optimizers
import Experiments

/// Checkpoints: a run stopped part-way and resumed from its checkpoint ends with exactly the metrics and
/// parameters of the uninterrupted run.
final class CheckpointTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "samlab-checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    private let quantities: [ProbeQuantity] = [.loss, .gradNorm, .hessianTop(k: 2), .lambdaMin, .samEdge, .alignment]

    /// SAM over momentum SGD on minibatches of a real MNIST subset, probed with warm-started Lanczos:
    /// 7 steps + resume to 16 equals 16 straight, bit for bit (all but `time_s`).
    func testResumedMinibatchSAMRunEqualsUninterruptedRun() throws {
        let data = try MNIST.load(split: .train, limit: 96, locator: DataLocator(dataDir: TrainerTests.dataDirectory + "/mnist")).centered()
        let model = try MLP(inputSize: 784, hiddenSizes: [16], outputSize: 10)
        let objective = Objective(model: model, loss: .mse)
        let configuration = try OptimizerConfiguration(base: .sgd(momentum: 0.9, nesterov: false, weightDecay: 0), learningRate: 0.05,
                                                       ascent: .sam, rho: 0.05)
        func run(steps: Int, checkpoint: CheckpointPolicy?) throws -> RunResult {
            let task = try SupervisedTask(objective: objective, train: data, batchSize: 32, seed: 5)
            return try Trainer(stop: .steps(steps), schedule: .everySteps(3), probes: ProbeSet(quantities))
                .run(task: task, optimizer: PhasedOptimizer(configuration), initial: model.initialParameters(seed: 1), seed: 5, checkpoint: checkpoint)
        }
        let straight = try run(steps: 16, checkpoint: nil)
        let policy = try CheckpointPolicy(path: directory + "/run.ckpt.safetensors", everySteps: 5)
        let first = try run(steps: 7, checkpoint: policy)
        XCTAssertEqual(first.record.steps, 7)
        XCTAssertEqual(try TrainingCheckpoint.read(from: policy.path).step, 7, "the end of a run is saved")
        let resumed = try run(steps: 16, checkpoint: policy)
        XCTAssertEqual(resumed.record.status, .done)
        XCTAssertEqual(resumed.record.steps, 16)
        assertSameRun(resumed, straight)
    }

    /// A phased optimizer (GD then SAM) resumed after the switch continues in the SAM phase.
    func testResumeAcrossAPhaseSwitchOnAQuadratic() throws {
        let problem = try QuadraticProblem(eigenvalues: [8, 3, 1, 0.5], seed: 4)
        func optimizer() throws -> PhasedOptimizer {
            try PhasedOptimizer(phases: [(.step(0), OptimizerConfiguration(learningRate: 0.1)),
                                         (.step(6), OptimizerConfiguration(learningRate: 0.1, ascent: .sam, rho: 0.2))], totalSteps: 20)
        }
        func run(steps: Int, checkpoint: CheckpointPolicy?) throws -> RunResult {
            try Trainer(stop: .steps(steps), schedule: .everySteps(2), probes: ProbeSet([.loss, .hessianTop(k: 1), .samEdge]))
                .run(task: QuadraticTask(problem), optimizer: optimizer(), initial: problem.w0, checkpoint: checkpoint)
        }
        let straight = try run(steps: 20, checkpoint: nil)
        let policy = try CheckpointPolicy(path: directory + "/q.safetensors", everySteps: 4)
        _ = try run(steps: 9, checkpoint: policy)
        assertSameRun(try run(steps: 20, checkpoint: policy), straight)
    }

    /// Interruption saves a checkpoint at the step reached, and a rerun finishes the run.
    func testInterruptedRunResumesFromItsCheckpoint() throws {
        let problem = try QuadraticProblem(eigenvalues: [2, 1], seed: 2)
        let policy = try CheckpointPolicy(path: directory + "/i.safetensors", everySteps: 100)
        func run() throws -> RunResult {
            try Trainer(stop: .steps(30), schedule: .everySteps(10), probes: ProbeSet([.loss]))
                .run(task: QuadraticTask(problem), optimizer: PhasedOptimizer(try OptimizerConfiguration(learningRate: 0.1)),
                     initial: problem.w0, checkpoint: policy)
        }
        Interruption.request()
        let interrupted = try run()
        Interruption.reset()
        XCTAssertEqual(interrupted.record.status, .interrupted)
        XCTAssertEqual(try TrainingCheckpoint.read(from: policy.path).step, 0)
        let finished = try run()
        XCTAssertEqual(finished.record.status, .done)
        XCTAssertEqual(finished.metrics.column("step"), [0, 10, 20, 30])
    }

    /// A checkpoint from another configuration is refused with both descriptions; a corrupt file names its
    /// path and what was expected.
    func testForeignAndCorruptCheckpointsAreClearErrors() throws {
        let problem = try QuadraticProblem(eigenvalues: [2, 1], seed: 2)
        let policy = try CheckpointPolicy(path: directory + "/c.safetensors", everySteps: 5)
        func run(lr: Double) throws -> RunResult {
            try Trainer(stop: .steps(10), schedule: .everySteps(5), probes: ProbeSet([.loss]))
                .run(task: QuadraticTask(problem), optimizer: PhasedOptimizer(try OptimizerConfiguration(learningRate: lr)),
                     initial: problem.w0, checkpoint: policy)
        }
        _ = try run(lr: 0.1)
        XCTAssertThrowsError(try run(lr: 0.2)) { error in
            XCTAssertTrue("\(error)".contains("different run"), "\(error)")
            XCTAssertTrue("\(error)".contains("lr: 0.2"), "\(error)")
        }
        try Data("not a checkpoint".utf8).write(to: URL(fileURLWithPath: policy.path))
        XCTAssertThrowsError(try run(lr: 0.1)) { error in
            XCTAssertTrue("\(error)".contains(policy.path), "\(error)")
            XCTAssertTrue("\(error)".contains("not a samlab checkpoint"), "\(error)")
        }
        XCTAssertThrowsError(try CheckpointPolicy(path: policy.path, everySteps: 0))
    }

    /// A checkpoint written under one loss is not resumed under another (the fingerprint names the loss).
    func testACheckpointOfAnotherLossIsRefused() throws {
        let data = try SyntheticData.gaussianBlobs(count: 24, classes: 3, dimension: 4, seed: 3)
        let model = try MLP(inputSize: 4, hiddenSizes: [5], outputSize: 3)
        let policy = try CheckpointPolicy(path: directory + "/loss.safetensors", everySteps: 2)
        func run(_ loss: Loss) throws -> RunResult {
            let task = try SupervisedTask(objective: Objective(model: model, loss: loss), train: data, batchSize: nil, seed: 1)
            return try Trainer(stop: .steps(4), schedule: .everySteps(2), probes: ProbeSet([.loss]))
                .run(task: task, optimizer: PhasedOptimizer(try OptimizerConfiguration(learningRate: 0.1)),
                     initial: model.initialParameters(seed: 1), checkpoint: policy)
        }
        _ = try run(.halfSSE)
        XCTAssertThrowsError(try run(.mse)) { error in
            XCTAssertTrue("\(error)".contains("different run"), "\(error)")
            XCTAssertTrue("\(error)".contains("loss half_sse") && "\(error)".contains("loss mse"), "\(error)")
        }
        XCTAssertEqual(try run(.halfSSE).record.steps, 4, "the same loss resumes")
    }

    private func assertSameRun(_ a: RunResult, _ b: RunResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.metrics.columns, b.metrics.columns, file: file, line: line)
        XCTAssertEqual(a.metrics.rows.count, b.metrics.rows.count, file: file, line: line)
        for column in a.metrics.columns where column != "time_s" {
            XCTAssertEqual(a.metrics.column(column).map(\.bitPattern), b.metrics.column(column).map(\.bitPattern), column.name, file: file, line: line)
        }
        XCTAssertEqual(a.parameters.scalars, b.parameters.scalars, "final parameters", file: file, line: line)
    }
}
