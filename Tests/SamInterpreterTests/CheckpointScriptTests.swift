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
