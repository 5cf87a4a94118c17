import SamInterpreter
import SamLanguage
import XCTest

/// Deep recursion is an error, never a stack overflow: on the main thread with the default depth, and
/// under `samlab run` with its larger depth on a large stack.
final class RecursionTests: XCTestCase {
    private let recursion = """
        fn down(n) {
          if n == 0 { return 0 }
          return 1 + down(n - 1)
        }
        """

    func testDefaultDepthFitsTheMainThread() throws {
        let limit = Interpreter.Options().maxCallDepth
        let source = recursion + "\nprint(down(\(limit - 1)))\n"
        let file = SourceFile(name: "deep.sam", text: source)
        let analysis = Frontend.analyze(file, checker: Checker(catalog: BuiltinRegistry.standard().catalog))
        XCTAssertFalse(analysis.hasErrors)
        let sink = StringSink()
        let interpreter = Interpreter(context: InterpreterContext(output: sink, outputDirectory: "/tmp"))
        try interpreter.run(analysis.node)
        XCTAssertEqual(sink.text, "\(limit - 1)\n")
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
