import Foundation
import SamInterpreter
import XCTest

/// `train(checkpoint: ...)` from a script: a run stopped early and rerun with a larger budget continues
/// from its checkpoint and ends with the uninterrupted run's numbers.
final class CheckpointScriptTests: XCTestCase {
    private let script = """
        param steps = 12
        param ckpt = true
        data = blobs(count: 48, classes: 3, seed: 2)
        net = mlp(hidden: [8], seed: 1)
        r = train net on data {
          optimizer = sam(lr: 0.02, rho: 0.05, base: sgd(lr: 0.02, momentum: 0.9))
          stop = after(steps: steps)
          checkpoint = ckpt
          checkpoint_every = 4
          probe every 3 steps: loss, grad_norm, hessian_top(k: 1)
        }
        print(r.steps, r.status, r.final.loss, r.final.lambda_1, r.final.grad_norm)
        """

    func testRerunWithALargerBudgetContinuesFromTheCheckpoint() throws {
        let straight = ScriptHarness()
        defer { straight.remove() }
        let expected = straight.run(script, overrides: ["ckpt=false"])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        XCTAssertTrue(expected.stdout.hasPrefix("12 done "), expected.stdout)

        let harness = ScriptHarness()
        defer { harness.remove() }
        let first = harness.run(script, overrides: ["steps=5"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let checkpoint = harness.directory + "/out/runs/run/checkpoint.safetensors"
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint))
        let resumed = harness.run(script)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(resumed.stdout, expected.stdout)
    }

    func testACheckpointFileNameInASweepIsAnError() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run("""
            data = blobs(count: 16, classes: 2)
            s = sweep lr in [0.1, 0.2] { train(model: mlp(hidden: [4]), data: data, optimizer: gd(lr: lr), steps: 2, checkpoint: "c.safetensors") }
            print(s[0].status, s[0].result)
            """)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.hasPrefix("failed"), outcome.stdout)
    }
}

/// `results(dir)` reads finished results back as a sweep's value, with StoredRun results.
final class ResultsBuiltinTests: XCTestCase {
    func testResultsReadsASweepBack() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let sweep = harness.run("""
            data = blobs(count: 32, classes: 2, seed: 1)
            s = sweep lr in [0.05, 0.1] { train(model: mlp(hidden: [4], seed: 0), data: data, optimizer: gd(lr: lr), steps: 4) }
            print(s[1].result.final.loss)
            """)
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        let read = harness.run("""
            let cells = results("\(harness.directory)/out")
            print(len(cells), cells[1].lr, cells[1].status, cells[1].result.steps, cells[1].result.final.loss, type(cells[1].result))
            print(len(cells[0].result.metrics.loss) > 0)
            """)
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertEqual(read.stdout, "2 0.1 done 4 \(sweep.stdout.trimmingCharacters(in: .newlines)) StoredRun\ntrue\n")
        let missing = harness.run("results(\"nowhere\")")
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("nowhere holds no samlab results"), missing.stderr)
    }
}
