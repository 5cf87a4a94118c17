import SamInterpreter
import SamLanguage
import XCTest

/// The interpreter as the REPL uses it: entries share one global scope; expression entries echo.
final class ReplEntryTests: XCTestCase {
    func testEntriesShareGlobalsAndEchoExpressions() throws {
        let registry = BuiltinRegistry.standard()
        let sink = StringSink()
        let interpreter = Interpreter(registry: registry, context: InterpreterContext(output: sink, outputDirectory: "/tmp"))
        var scope = ReplScope()
        func enter(_ text: String) throws -> Value? {
            let analysis = Frontend.analyzeReplEntry(SourceFile(name: "<repl>", text: text),
                                                     checker: Checker(catalog: registry.catalog), scope: scope)
            XCTAssertFalse(analysis.hasErrors, "\(analysis.diagnostics)")
            defer { scope = ReplScope(names: interpreter.globalNames) }
            return try interpreter.run(analysis.node)
        }
        XCTAssertNil(try enter("let q = {w0: tensor([1, 2])}"))
        XCTAssertEqual(try enter("norm(q.w0) ** 2").map(ValueFormatter.repr), "5.000000000000001")
        XCTAssertNil(try enter("print(\"side effect\")"))
        XCTAssertNil(try enter("fn twice(x) => 2 * x"))
        let twice = try XCTUnwrap(interpreter.global("twice"))
        guard case .function(let function) = twice else { return XCTFail("not a function") }
        XCTAssertEqual(ValueFormatter.repr(try interpreter.call(function, [.integer(21)])), "42")
        XCTAssertEqual(interpreter.globalNames, ["q", "twice"])
        XCTAssertEqual(sink.text, "side effect\n")
        XCTAssertThrowsError(try enter("q.w1")) { error in
            XCTAssertEqual((error as? RuntimeError)?.diagnostic?.location.column, 3)
        }
    }
}
