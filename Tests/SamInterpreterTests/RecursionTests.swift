import SamInterpreter
import SamLanguage
import XCTest

/// Deep recursion is an error, never a stack overflow: on the 8 MiB main thread the stack guard stops
/// it; under `samlab run` (a large stack) the depth limit of 1000 calls does.
final class RecursionTests: XCTestCase {
    private let recursion = """
        fn down(n) {
          if n == 0 { return 0 }
          return 1 + down(n - 1)
        }
        """

    private func runOnThisThread(_ call: String) throws -> String {
        let file = SourceFile(name: "deep.sam", text: recursion + "\nprint(\(call))\n")
        let analysis = Frontend.analyze(file, checker: Checker(catalog: BuiltinRegistry.standard().catalog))
        XCTAssertFalse(analysis.hasErrors)
        let sink = StringSink()
        try Interpreter(context: InterpreterContext(output: sink, outputDirectory: "/tmp")).run(analysis.node)
        return sink.text
    }

    func testModerateRecursionRunsOnTheMainThread() throws {
        XCTAssertEqual(try runOnThisThread("down(100)"), "100\n")
    }

    func testTheStackGuardStopsRecursionOnTheMainThread() {
        XCTAssertThrowsError(try runOnThisThread("down(1000000)")) { error in
            let message = (error as? RuntimeError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("recursion too deep"), message)
        }
    }

    func testTooDeepIsARuntimeErrorWithACollapsedTrace() {
        let (stderr, status) = failure(of: recursion + "\ndown(100000)\n")
        XCTAssertEqual(status, 70)
        XCTAssertTrue(stderr.hasPrefix("main.sam:3:14: error: recursion too deep: more than 1000 nested calls\n"), stderr)
        XCTAssertTrue(stderr.contains("main.sam:3:14: note: in 'down', called from here (999 times)"), stderr)
        XCTAssertTrue(stderr.contains("main.sam:5:1: note: in 'down', called from here"), stderr)
    }

    func testRunnerAllowsItsFullDepth() {
        XCTAssertEqual(output(of: recursion + "\nprint(down(999))\n"), "999\n")
    }
}
