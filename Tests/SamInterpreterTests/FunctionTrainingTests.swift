import Foundation
import XCTest

/// `train` on a `.sam` function (traced once, trained full batch on its args) and on a quadratic: the same
/// numbers as the hand-written loops, probes equal to the dense reference, continuing, divergence, probe
/// errors, and the results files.
final class FunctionTrainingTests: XCTestCase {
    /// A deep linear network ½ mean |W3 W2 W1 x − y|², its three matrices a list.
    private let deepLinear = """
        fn deep_linear(ws, x, y) => 0.5 * mean(square(ws[2] @ ws[1] @ ws[0] @ x - y))
        let x = random_normal([2, 20], seed: 1)
        let y = tensor([[3.0, -2.0]]) @ x
        let w0 = [random_normal([4, 2], seed: 2, std: 0.3), random_normal([4, 4], seed: 3, std: 0.3), random_normal([1, 4], seed: 4, std: 0.3)]

        """

    func testTrainingAFunctionEqualsTheHandWrittenGradientDescentLoopBitForBit() {
        let out = output(of: """
            fn f(p) => (p[0] * p[1] - 1) ** 2
            let run = train(f, w: tensor([2.0, 0.3]), optimizer: gd(lr: 0.05), steps: 40)
            let w = tensor([2.0, 0.3])
            for step in range(40) { w = w - 0.05 * grad(f, w) }
            assert(run.status == "done" and run.steps == 40)
            assert run.parameters == w, "train equals the loop"
            assert(run.loss == loss(f, w))
            fn g(ps) => (ps[0][0] * ps[1][0] - 1) ** 2
            let listed = train(g, w: [tensor([2.0]), tensor([0.3])], optimizer: gd(lr: 0.05), steps: 40)
            assert(len(listed.parameters) == 2)
            assert(listed.parameters[0][0] == w[0] and listed.parameters[1][0] == w[1])
            \(deepLinear)
            let deep = train(deep_linear, w: w0, args: [x, y], optimizer: gd(lr: 0.07), steps: 30)
            let v = w0
            for step in range(30) {
              let g = grad(deep_linear, v, args: [x, y])
              v = [v[0] - 0.07 * g[0], v[1] - 0.07 * g[1], v[2] - 0.07 * g[2]]
            }
            # Longer vectors: BLAS's axpy (the optimizer's update) may fuse the multiply-add, so only rounding apart.
            for i in range(3) { assert_close(deep.parameters[i], v[i], rtol: 1e-13, atol: 0) }
            print("ok")
            """)
        XCTAssertEqual(out, "ok\n")
    }

    func testTrainingAQuadraticEqualsGdStepAndSamStepAndItsFunctionForm() {
        let out = output(of: """
            let q = quadratic(eigenvalues: [4.0, 1.0, 0.25], seed: 1)
            let gd_run = train(q, optimizer: gd(lr: 0.1), steps: 25)
            let sam_run = train(q, optimizer: sam(lr: 0.1, rho: 0.05), steps: 25)
            let a = q.w0
            let b = q.w0
            for step in range(25) {
              a = gd_step(q, a, lr: 0.1)
              b = sam_step(q, b, lr: 0.1, rho: 0.05)
            }
            assert(gd_run.parameters == a)
            assert(sam_run.parameters == b)
            let H = q.hessian
            let c = q.b
            fn quad(w) => 0.5 * dot(w, H @ w) + dot(c, w)
            let traced = train(quad, w: q.w0, optimizer: sam(lr: 0.1, rho: 0.05), steps: 25)
            assert_close(traced.parameters, b, atol: 1e-12)
            let block = train q {
              optimizer = sam(lr: 0.1, rho: 0.05)
              steps = 25
              probe every 5 steps: loss, hessian_top(k: 1), sam_edge
            }
            assert(block.parameters == b)
            assert_close(block.final.lambda_1, 4.0, rtol: 1e-10)
            let started = train(q, w: tensor([1.0, -1.0, 0.5]), optimizer: gd(lr: 0.1), steps: 1)
            assert(started.parameters == gd_step(q, tensor([1.0, -1.0, 0.5]), lr: 0.1))
            print("ok")
            """)
        XCTAssertEqual(out, "ok\n")
    }

    func testTopEigenvalueProbeOfADeepLinearNetEqualsTheDenseHessian() {
        let out = output(of: deepLinear + """
            let run = train deep_linear on [x, y] {
              w = w0
              optimizer = sam(lr: 0.05, rho: 0.05)
              steps = 60
              probe every 20 steps: loss, hessian_top(k: 2), sam_edge
            }
            let lambdas = run.metrics.lambda_1
            assert len(lambdas) == 4, "probes at 0, 20, 40 and the end"
            let dense = eigh(hessian(deep_linear, run.parameters, args: [x, y])).values
            assert_close(lambdas[3], max(dense), rtol: 1e-8)
            assert_close(run.final.lambda_2, dense[len(dense) - 2], rtol: 1e-6)
            assert_close(run.metrics.loss[3], loss(deep_linear, run.parameters, args: [x, y]), rtol: 1e-14)
            assert_close(spectrum(run, k: 1).values[0], max(dense), rtol: 1e-8)
            assert_close(spectrum(deep_linear, w: w0, args: [x, y], k: 1).values[0], max(eigh(hessian(deep_linear, w0, args: [x, y])).values), rtol: 1e-8)
            assert(loss(run) == loss(deep_linear, run.parameters, args: [x, y]))
            assert(len(grad(run)) == 28 and len(run.parameters) == 3)
            print("ok")
            """)
        XCTAssertEqual(out, "ok\n")
    }

    /// A function run, and a model run without data: (its own data and dtype), continue as one long run.
    func testContinuingAFunctionRunEqualsOneLongRun() {
        let out = output(of: deepLinear + """
            let whole = train(deep_linear, w: w0, args: [x, y], optimizer: sam(lr: 0.05, rho: 0.05), steps: 30)
            let first = train(deep_linear, w: w0, args: [x, y], optimizer: sam(lr: 0.05, rho: 0.05), steps: 12)
            let rest = train(first, steps: 18)
            assert(rest.steps == 30)
            assert(rest.parameters == whole.parameters and shape(rest.parameters[1]) == [4, 4])
            assert(rest.optimizer.rho == 0.05)
            let d = blobs(count: 16, features: 3, classes: 2)
            let net = train(mlp(hidden: [3]), d, gd(lr: 0.1), steps: 4, dtype: "float64")
            assert(train(net, steps: 3).parameters == train(mlp(hidden: [3]), d, gd(lr: 0.1), steps: 7, dtype: "float64").parameters)
            print("ok")
            """)
        XCTAssertEqual(out, "ok\n")
    }

    func testAFunctionRunResumesFromItsCheckpoint() {
        let out = output(of: deepLinear + """
            let first = train(deep_linear, w: w0, args: [x, y], optimizer: sam(lr: 0.05, rho: 0.05), steps: 12, checkpoint: "ck.safetensors", checkpoint_every: 5)
            let resumed = train(deep_linear, w: w0, args: [x, y], optimizer: sam(lr: 0.05, rho: 0.05), steps: 20, checkpoint: "ck.safetensors", checkpoint_every: 5)
            let whole = train(deep_linear, w: w0, args: [x, y], optimizer: sam(lr: 0.05, rho: 0.05), steps: 20)
            assert(resumed.steps == 20 and resumed.parameters == whole.parameters)
            print("ok")
            """)
        XCTAssertEqual(out, "ok\n")
        let (stderr, _) = failure(of: deepLinear + """
            train(deep_linear, w: w0, args: [x, y], steps: 3, checkpoint: "ck.safetensors")
            train(deep_linear, w: w0, args: [x, 2 * y], steps: 3, checkpoint: "ck.safetensors")
            """)
        XCTAssertTrue(stderr.contains("was written by a different run"), stderr)
    }

    func testADivergingFunctionRunIsMarkedDivergedNotACrash() {
        let out = output(of: """
            fn f(p) => (p[0] * p[1] - 1) ** 2
            let blown = train(f, w: tensor([2.0, 0.3]), optimizer: gd(lr: 10.0), steps: 50)
            print(blown.status)
            fn g(p) => sum(log(p))
            let nan = train(g, w: tensor([0.5, 1.0]), optimizer: gd(lr: 1.0), steps: 10)
            print(nan.status)
            """)
        XCTAssertEqual(out, "diverged\ndiverged\n")
    }

    func testProbesNeedingAClassifierOrTestDataAreRejectedAtTheCall() {
        for probe in ["accuracy", "test_loss"] {
            let (stderr, status) = failure(of: """
                fn f(p) => sum(square(p))
                let run = train f {
                  w = tensor([1.0, 2.0])
                  probe every 5 steps: loss, \(probe)
                }
                """)
            XCTAssertEqual(status, 70)
            XCTAssertTrue(stderr.contains("probe '\(probe)' needs"), stderr)
            XCTAssertTrue(stderr.contains("a function of tensors"), stderr)
        }
        let (quadratic, _) = failure(of: "let q = quadratic(eigenvalues: [1.0])\ntrain(q, probes: [], steps: 3, batch: 4)\n")
        XCTAssertTrue(quadratic.contains("batch: is for training a model"), quadratic)
        let (data, _) = failure(of: "let q = quadratic(eigenvalues: [1.0])\ntrain q on [] { steps = 3 }\n")
        XCTAssertTrue(data.contains("data: is a Dataset for a model, or a function's list of data tensors"), data)
        let (other, _) = failure(of: "fn f(p) => sum(square(p))\nlet r = train(f, w: tensor([1.0]), steps: 1)\nspectrum(r, k: 1, args: [tensor([1.0])])\n")
        XCTAssertTrue(other.contains("a run measures on its own data"), other)
        let (missing, _) = failure(of: "fn f(p) => sum(square(p))\ntrain(f, steps: 3)\n")
        XCTAssertTrue(missing.contains("needs the point w"), missing)
        let (twice, _) = failure(of: "fn f(p, x) => sum(square(p - x))\nlet x = tensor([1.0])\ntrain f on [x] { w = x\n args = [x] }\n")
        XCTAssertTrue(twice.contains("give a function's data once"), twice)
    }

    func testAFunctionRunWritesItsResultsAndASweepTrainsFunctions() throws {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run(deepLinear + """
            let run = train(deep_linear, w: w0, args: [x, y], optimizer: gd(lr: 0.05), steps: 10, probes: [])
            save run to "final.safetensors"
            let cells = sweep eta in [0.05, 0.5] {
              train deep_linear on [x, y] {
                w = w0
                optimizer = sam(lr: eta, rho: 0.05)
                steps = 20
                probe every 10 steps: loss, hessian_top(k: 1)
              }
            }
            for cell in cells { print(cell.eta, cell.result.status) }
            """)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("0.05 done"), outcome.stdout)
        let out = harness.directory + "/out"
        let fm = FileManager.default
        let sweep = try String(contentsOfFile: out + "/sweep.json", encoding: .utf8)
        XCTAssertTrue(sweep.contains("eta=0.05"), sweep)
        let metrics = try String(contentsOfFile: out + "/runs/eta=0.05/metrics.csv", encoding: .utf8)
        XCTAssertTrue(metrics.hasPrefix("step,time_s,loss,lambda_1"), metrics)
        XCTAssertTrue(fm.fileExists(atPath: out + "/runs/eta=0.05/params.safetensors"))
        let params = try XCTUnwrap(fm.contents(atPath: out + "/final.safetensors"))
        XCTAssertTrue(String(decoding: params.prefix(200), as: UTF8.self).contains("\"w0\""))
    }

    func testATopLevelFunctionRunIsRecorded() throws {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run(deepLinear + "train(deep_linear, w: w0, args: [x, y], optimizer: gd(lr: 0.05), steps: 10)\n")
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let out = harness.directory + "/out"
        let record = try String(contentsOfFile: out + "/run.json", encoding: .utf8)
        XCTAssertTrue(record.contains("\"done\""), record)
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("cell,status,steps"), summary)
        XCTAssertTrue(summary.contains("run,done,10,"), summary)
        let metrics = try String(contentsOfFile: out + "/runs/run/metrics.csv", encoding: .utf8)
        XCTAssertEqual(metrics.split(separator: "\n").first, "step,time_s,loss,grad_norm")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/runs/run/params.safetensors"))
    }
}
