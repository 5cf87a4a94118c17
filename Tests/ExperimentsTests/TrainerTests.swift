import XCTest
import ProcessSupport
import Foundation
import Tensors
import Datasets
import NN
import Optimizers
import Experiments

final class TrainerTests: XCTestCase {
    private func trainer(steps: Int, every: Int, probes: [ProbeQuantity]) throws -> Trainer {
        try Trainer(stop: .steps(steps), schedule: .everySteps(every), probes: ProbeSet(probes))
    }

    /// GD on a quadratic with λ_max above 2/η diverges and is marked so; below 2/η it converges.
    func testGDEdgeOfStabilityOnAQuadratic() throws {
        let problem = try QuadraticProblem(eigenvalues: [25, 4, 1], seed: 1)
        let task = QuadraticTask(problem)
        for (eta, expected) in [(0.1, RunStatus.diverged), (0.05, RunStatus.done)] {  // 2/η = 20 < 25, then 40 > 25
            let optimizer = PhasedOptimizer(try OptimizerConfiguration(learningRate: eta))
            let result = try trainer(steps: 400, every: 50, probes: [.loss, .hessianTop(k: 1), .gdEdge])
                .run(task: task, optimizer: optimizer, initial: problem.w0)
            XCTAssertEqual(result.record.status, expected, "η = \(eta): \(result.record.message ?? "")")
            XCTAssertFalse(result.metrics.rows.isEmpty, "probes before divergence are kept")
            XCTAssertEqual(result.metrics.rows[0]["lambda_1"]!, 25, accuracy: 1e-6)
            XCTAssertEqual(result.metrics.rows[0]["gd_edge"]!, 2 / eta, accuracy: 1e-12)
            if expected == .done { XCTAssertLessThan(result.record.finalMetrics["loss"]!, 1e-10) }
        }
    }

    /// A short SAM run on a real MNIST subset: the metrics table has every column, λ1 is positive and
    /// finite, the SAM-edge lies below 2/η, and the same seed reproduces the numbers bit for bit.
    func testShortSAMRunOnMNISTSubsetIsReproducible() throws {
        let data = try MNIST.load(split: .train, limit: 128, locator: DataLocator(dataDir: TrainerTests.dataDirectory + "/mnist")).centered()
        let model = try MLP(inputSize: 784, hiddenSizes: [32], outputSize: 10)
        let objective = Objective(model: model, loss: .mse)
        func runOnce() throws -> RunResult {
            let task = try SupervisedTask(objective: objective, train: data, batchSize: nil, seed: 3)
            let optimizer = PhasedOptimizer(try OptimizerConfiguration(learningRate: 0.1, ascent: .sam, rho: 0.1))
            return try trainer(steps: 20, every: 10, probes: [.loss, .gradNorm, .accuracy, .hessianTop(k: 3), .gdEdge, .samEdge, .edgeRatio, .alignment])
                .run(task: task, optimizer: optimizer, initial: model.initialParameters(seed: 0), seed: 3)
        }
        let a = try runOnce(), b = try runOnce()
        XCTAssertEqual(a.record.status, .done)
        XCTAssertEqual(a.metrics.columns, ["step", "time_s", "loss", "grad_norm", "accuracy", "lambda_1", "lambda_2", "lambda_3", "hvps",
                                           "lanczos_residual", "gd_edge", "sam_edge", "lambda_1_over_sam_edge", "align_grad", "align_sam_grad"])
        XCTAssertEqual(a.metrics.rows.map { $0["step"]! }, [0, 10, 20])
        for row in a.metrics.rows {
            XCTAssertGreaterThan(row["lambda_1"]!, 0)
            XCTAssertGreaterThanOrEqual(row["lambda_1"]!, row["lambda_2"]!)
            XCTAssertLessThan(row["sam_edge"]!, row["gd_edge"]!)
            XCTAssertTrue((0...1).contains(row["align_grad"]!))
        }
        XCTAssertLessThan(a.metrics.rows.last!["loss"]!, a.metrics.rows.first!["loss"]!)
        XCTAssertEqual(a.metrics.column("loss"), b.metrics.column("loss"))
        XCTAssertEqual(a.metrics.column("lambda_1"), b.metrics.column("lambda_1"))
        XCTAssertEqual(a.parameters.scalars, b.parameters.scalars)
    }

    /// Continuing a run for 10 more steps equals running 20 at once: steps, rows and minibatch order carry on.
    func testContinuingARunEqualsOneLongerRun() throws {
        let data = try MNIST.load(split: .train, limit: 64, locator: DataLocator(dataDir: TrainerTests.dataDirectory + "/mnist")).centered()
        let model = try MLP(inputSize: 784, hiddenSizes: [8], outputSize: 10)
        let objective = Objective(model: model, loss: .mse)
        let configuration = try OptimizerConfiguration(base: .sgd(momentum: 0.9, nesterov: false, weightDecay: 0), learningRate: 0.05)
        let probes = { try ProbeSet([.loss, .gradNorm]) }
        func task() throws -> SupervisedTask { try SupervisedTask(objective: objective, train: data, batchSize: 16, seed: 2) }
        let straight = try trainer(steps: 20, every: 5, probes: [.loss, .gradNorm])
            .run(task: task(), optimizer: PhasedOptimizer(configuration), initial: model.initialParameters(seed: 0), seed: 2)
        let optimizer = PhasedOptimizer(configuration)
        let first = try Trainer(stop: .steps(10), schedule: .everySteps(5), probes: probes())
            .run(task: task(), optimizer: optimizer, initial: model.initialParameters(seed: 0), seed: 2)
        let continued = try Trainer(stop: .steps(10), schedule: .everySteps(5), probes: probes())
            .run(task: task(), optimizer: optimizer, initial: first.parameters, seed: 2, continuing: first)
        XCTAssertEqual(continued.record.steps, 20)
        XCTAssertEqual(continued.metrics.column("step"), [0, 5, 10, 15, 20])
        XCTAssertEqual(continued.metrics.column("loss"), straight.metrics.column("loss"))
        XCTAssertEqual(continued.parameters.scalars, straight.parameters.scalars)
        XCTAssertGreaterThanOrEqual(continued.record.trainingSeconds, first.record.trainingSeconds)
    }

    /// Each probe clause is measured on its own schedule: the spectrum only where its clause fires.
    func testProbeClausesFireSeparately() throws {
        let problem = try QuadraticProblem(eigenvalues: [4, 2, 1], seed: 3)
        let probes = try ProbeSet([.loss, .hessianTop(k: 1)])
        let trainer = try Trainer(stop: .steps(10), clauses: [ProbeClause(.everySteps(2), [.loss]), ProbeClause(.atSteps([5]), [.hessianTop(k: 1)])],
                                  probes: probes)
        let result = try trainer.run(task: QuadraticTask(problem), optimizer: PhasedOptimizer(try OptimizerConfiguration(learningRate: 0.1)),
                                     initial: problem.w0)
        XCTAssertEqual(result.metrics.column("step"), [0, 2, 4, 5, 6, 8, 10])
        XCTAssertEqual(result.metrics.column("lambda_1").map { $0.isNaN }, [true, true, true, false, true, true, false], "at step 5 and the closing probe")
        XCTAssertEqual(result.metrics.column("loss").map { $0.isNaN }, [false, false, false, true, false, false, false])
        XCTAssertThrowsError(try Trainer(stop: .steps(1), clauses: [ProbeClause(.everySteps(1), [.trace(samples: 2)])], probes: probes))
    }

    func testInterruptionKeepsMetrics() throws {
        let problem = try QuadraticProblem(eigenvalues: [2, 1], seed: 2)
        let optimizer = PhasedOptimizer(try OptimizerConfiguration(learningRate: 0.1))
        Interruption.request()
        defer { Interruption.reset() }
        let result = try trainer(steps: 100, every: 10, probes: [.loss]).run(task: QuadraticTask(problem), optimizer: optimizer, initial: problem.w0)
        XCTAssertEqual(result.record.status, .interrupted)
        XCTAssertEqual(result.record.steps, 0)
    }

    /// Ctrl-C during a spectrum probe stops Lanczos at its next Hessian-vector product; the run ends as
    /// interrupted, not failed.
    func testInterruptionDuringAProbeEndsTheRunAsInterrupted() throws {
        final class InterruptingTask: TrainingTask {
            let inner: QuadraticTask
            init(_ inner: QuadraticTask) { self.inner = inner }
            var dimension: Int { inner.dimension }
            var dtype: DType { inner.dtype }
            var stepsPerEpoch: Int { 1 }
            var probeDataDescription: String { "interrupting" }
            var objectiveDescription: String { inner.objectiveDescription }
            func batchOracle(step: Int) throws -> GradientOracle { try inner.batchOracle(step: step) }
            func probeValueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double { try inner.probeValueAndGradient(at: w, into: &gradient) }
            func probeHessianVectorProduct(at w: Tensor, vector v: Tensor, into result: inout Tensor) throws {
                Interruption.request()  // as if Ctrl-C arrived during the first product
                try inner.probeHessianVectorProduct(at: w, vector: v, into: &result)
            }
            func probeAccuracy(at w: Tensor) throws -> Double? { nil }
            func testMetrics(at w: Tensor) throws -> (loss: Double, accuracy: Double?)? { nil }
        }
        let problem = try QuadraticProblem(eigenvalues: Array(stride(from: 1.0, through: 30, by: 1)), seed: 5)
        defer { Interruption.reset() }
        let result = try trainer(steps: 10, every: 1, probes: [.loss, .hessianTop(k: 2)])
            .run(task: InterruptingTask(QuadraticTask(problem)), optimizer: PhasedOptimizer(try OptimizerConfiguration(learningRate: 0.01)), initial: problem.w0)
        XCTAssertEqual(result.record.status, .interrupted, result.record.message ?? "")
        XCTAssertEqual(result.record.steps, 0)
    }

    /// The starter data shipped in the repository (`examples/data`).
    static var dataDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/data").path
    }
}
