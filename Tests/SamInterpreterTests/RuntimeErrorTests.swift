import Foundation
import SamInterpreter
import SamLanguage
import Tensors
import XCTest

/// Runtime errors render as diagnostics with file:line:col, the source line, a caret run, a hint and
/// the `.sam` call trace; native errors surface the same way at the call site.
final class RuntimeErrorTests: XCTestCase {
    func testErrorInsideFunctionsCarriesTheCallTrace() {
        let (stderr, status) = failure(of: """
            fn inner(x) {
              return x[5]
            }
            fn outer(xs) => inner(xs)
            print(outer([1, 2]))
            """)
        XCTAssertEqual(status, 70)
        XCTAssertEqual(stderr, """
            main.sam:2:10: error: index 5 is out of range for 2 elements
              return x[5]
                     ^~~~
            hint: valid indices are 0...1 (or -2...-1 from the end)
            main.sam:4:17: note: in 'inner', called from here
            fn outer(xs) => inner(xs)
                            ^~~~~~~~~
            main.sam:5:7: note: in 'outer', called from here
            print(outer([1, 2]))
                  ^~~~~~~~~~~~~

            """)
    }

    func testNativeErrorsSurfaceAtTheCallSite() {
        let (stderr, status) = failure(of: "let m = tensor([[1, 2], [3, 4]])\nprint(dot(m, [1, 2, 3]))\n")
        XCTAssertEqual(status, 70)
        XCTAssertTrue(stderr.hasPrefix("main.sam:2:7: error: dot: [2, 2] float64 and [3] float64 differ\n"), stderr)
        let eigh = failure(of: "eigh([[1, 2, 3]])\n")
        XCTAssertTrue(eigh.stderr.hasPrefix("main.sam:1:1: error: eigh: expected a square matrix, got [1, 3]\n"), eigh.stderr)
        let shapes = failure(of: "print(tensor([1, 2]) + tensor([1, 2, 3]))\n")
        XCTAssertTrue(shapes.stderr.hasPrefix("main.sam:1:7: error: "), shapes.stderr)
    }

    func testWrongArgumentsPointAtTheArgument() {
        let (stderr, _) = failure(of: "let name = \"x\"\nprint(zeros(name))\n")
        XCTAssertTrue(stderr.hasPrefix("main.sam:2:13: error: 'shape' must be a list, but got a string\n"), stderr)
        let typed = failure(of: "let s = \"3\"\nprint(floor(s))\n")
        XCTAssertTrue(typed.stderr.hasPrefix("main.sam:2:13: error: argument 'x' of 'floor' must be a number, but got a string\n"), typed.stderr)
    }

    /// An invalid optimizer hyper-parameter is reported at the argument the optimizer's typed error names.
    func testOptimizerErrorsPointAtTheOffendingArgument() {
        let rho = failure(of: "let o = sam(lr: 0.1, rho: -1)\n")
        XCTAssertTrue(rho.stderr.hasPrefix("main.sam:1:22: error: rho must be non-negative and finite, got -1.0\n"), rho.stderr)
        let momentum = failure(of: "let o = sgd(lr: 0.1, momentum: 2)\n")
        XCTAssertTrue(momentum.stderr.hasPrefix("main.sam:1:22: error: momentum must be at most 1.0, got 2.0\n"), momentum.stderr)
        let lr = failure(of: "let o = sam_step(quadratic(eigenvalues: [1.0]), tensor([1.0]), lr: 0, rho: 0.1)\n")
        XCTAssertTrue(lr.stderr.hasPrefix("main.sam:1:64: error: lr must be positive and finite, got 0.0\n"), lr.stderr)
    }

    /// A probe argument outside its parameter's range is a runtime error (never a trap), naming the probe.
    func testProbeArgumentsOutOfRangeAreErrors() {
        for (k, message) in [("0", "hessian_top needs k ≥ 1, got 0"),
                             ("9223372036854775807", "hessian_top needs a whole number of magnitude at most 2^53 for k")] {
            let outcome = failure(of: """
                train mlp(hidden: [2]) on blobs(count: 8) {
                  stop = after(steps: 1)
                  probe every 1 steps: loss, hessian_top(k: \(k))
                }
                """)
            XCTAssertEqual(outcome.status, 70)
            XCTAssertTrue(outcome.stderr.contains("error: " + message), outcome.stderr)
        }
    }

    func testClosureCallMistakesAreReported() {
        XCTAssertTrue(failure(of: "fn f(a, b) => a\nlet g = f\nprint(g(1))\n").stderr.contains("error: missing argument 'b' in call to 'f'"))
        XCTAssertTrue(failure(of: "fn f(a) => a\nlet g = f\nprint(g(1, 2))\n").stderr.contains("error: too many arguments to 'f': it takes at most 1, got 2"))
        let named = failure(of: "fn f(alpha) => alpha\nlet g = f\nprint(g(alpah: 1))\n").stderr
        XCTAssertTrue(named.contains("error: 'f' has no parameter named 'alpah'\n"), named)
        XCTAssertTrue(named.contains("hint: did you mean 'alpha'?"), named)
        XCTAssertTrue(failure(of: "let x = 3\nprint(x())\n").stderr.contains("error: cannot call an integer"))
    }

    func testFieldAndConditionErrorsSuggestFixes() {
        let field = failure(of: "let r = {learning_rate: 1}\nprint(r.learning_rat)\n").stderr
        XCTAssertTrue(field.hasPrefix("main.sam:2:9: error: a record has no field 'learning_rat'\n"), field)
        XCTAssertTrue(field.contains("hint: did you mean 'learning_rate'?"), field)
        XCTAssertTrue(failure(of: "if 1 { }\n").stderr.contains("error: an 'if' condition must be a boolean, but got an integer"))
        XCTAssertTrue(failure(of: "print(\"a\" + 1)\n").stderr.contains("hint: convert with str(x) to join text"))
        XCTAssertTrue(failure(of: "print([1, 2] * 2)\n").stderr.contains("hint: lists are not vectors: use tensor([...]) for arithmetic"))
    }

    func testUnlocatedErrorsRenderPlainly() {
        XCTAssertEqual(RuntimeError("boom", hint: "try again").description, "error: boom\nhint: try again")
    }

    func testIOProblemsMapToExitCode74() {
        struct Missing: Error, IOProblem, CustomStringConvertible { var description: String { "cannot open data/x.idx" } }
        var registry = BuiltinRegistry.standard()
        registry.register("load", doc: "Fails like a missing dataset.") { _ in throw Missing() }
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run("load()\n", registry: registry)
        XCTAssertEqual(outcome.status, 74)
        XCTAssertTrue(outcome.stderr.hasPrefix("main.sam:1:1: error: cannot open data/x.idx\n"), outcome.stderr)
    }

    /// A model that does not fit its data is a runtime error (70); a corrupt parameter file an I/O error (74).
    func testModelErrorsExit70AndCorruptParameterFilesExit74() throws {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let layers = harness.run("let m = sequential([dense(8), relu, max_pool(2), dense()])\ntrain(m, digits(limit: 16), gd(lr: 0.1), steps: 1)\n")
        XCTAssertEqual(layers.status, 70, layers.stderr)
        XCTAssertTrue(layers.stderr.contains("layer 2 (max_pool): expects images"), layers.stderr)
        let path = NSTemporaryDirectory() + "samlab-corrupt-\(getpid()).safetensors"
        try Data([200, 0, 0, 0, 0, 0, 0, 0, 123]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let corrupt = harness.run("let p = load(\"\(path)\")\n")
        XCTAssertEqual(corrupt.status, 74, corrupt.stderr)
        XCTAssertTrue(corrupt.stderr.contains("header length 200 exceeds"), corrupt.stderr)
    }

    func testStepBudgetStopsEndlessLoops() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run("while true { }\n", maxSteps: 1000)
        XCTAssertEqual(outcome.status, 70)
        XCTAssertTrue(outcome.stderr.contains("error: the program ran more than 1000 steps"), outcome.stderr)
    }
}
