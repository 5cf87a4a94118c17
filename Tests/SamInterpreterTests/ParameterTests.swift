import SamInterpreter
import XCTest

/// `param` declarations and `--set` overrides.
final class ParameterTests: XCTestCase {
    private let script = """
        param scale = "laptop" in ["tiny", "laptop", "paper"]
        param eta = 0.1
        param steps = 100
        param hidden = [10, 10]
        param verbose = false
        print(scale, eta, type(eta), steps, hidden, verbose)
        """

    private func run(_ overrides: [String]) -> ScriptHarness.Outcome {
        let harness = ScriptHarness()
        defer { harness.remove() }
        return harness.run(script, overrides: overrides)
    }

    func testDefaultsAndTypedOverrides() {
        XCTAssertEqual(run([]).stdout, "laptop 0.1 number 100 [10, 10] false\n")
        let outcome = run(["scale=tiny", "eta=1", "steps=5", "hidden=[3, 4, 5]", "verbose=true"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "tiny 1.0 number 5 [3, 4, 5] true\n")
    }

    func testValueOutsideTheAllowedListIsAUsageError() {
        let outcome = run(["scale=huge"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertTrue(outcome.stderr.hasPrefix("main.sam:1:7: error: --set scale=huge: 'scale' must be one of \"tiny\", \"laptop\", \"paper\"\n"),
                      outcome.stderr)
    }

    func testUndeclaredParameterIsAUsageErrorListingTheDeclaredOnes() {
        let outcome = run(["rho=0.1"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertEqual(outcome.stderr, "error: --set rho: main.sam declares no parameter 'rho'\nhint: declared parameters: scale, eta, steps, hidden, verbose\n")
        XCTAssertTrue(run(["stesp=1"]).stderr.contains("hint: did you mean 'steps'?"))
    }

    func testMalformedAndMistypedOverridesAreUsageErrors() {
        XCTAssertEqual(run(["eta"]).status, 64)
        let mistyped = run(["eta=fast"])
        XCTAssertEqual(mistyped.status, 64)
        XCTAssertTrue(mistyped.stderr.contains("error: --set eta=fast: 'eta' is a number"), mistyped.stderr)
    }

    func testCheckValidatesOverridesWithoutRunning() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let path = harness.write("main.sam", script)
        let stdout = StringSink(), stderr = StringSink()
        XCTAssertEqual(ScriptRunner.check(path: path, overrides: ["nope=1"], stdout: stdout, stderr: stderr), 64)
        XCTAssertEqual(ScriptRunner.check(path: path, overrides: ["eta=2"], stdout: stdout, stderr: stderr), 0)
        XCTAssertEqual(stdout.text, "\(path): no errors\n")
    }
}
