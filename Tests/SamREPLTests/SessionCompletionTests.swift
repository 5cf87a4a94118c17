import SamInterpreter
import SamREPL
import XCTest

/// The session as a completion source: bound names, record and native-object fields, parameters.
final class SessionCompletionTests: XCTestCase {
    func testSessionNamesFieldsAndParameters() {
        let session = ReplSession(output: StringSink(), errors: StringSink())
        session.run(reader: StreamLineReader(text: """
            let cfg = {lr: 0.1, nested: {depth: 2}}
            let q = quadratic(eigenvalues: [2.0, 1.0])
            fn step(w, eta: 0.1) => w - eta
            """))
        let completer = session.completer
        XCTAssertEqual(completer.complete("cf").texts, ["cfg"])
        XCTAssertEqual(completer.complete("cfg.").texts, ["lr", "nested"])
        XCTAssertEqual(completer.complete("cfg.nested.").texts, ["depth"])
        XCTAssertEqual(completer.complete("cfg.lr.").texts, [])
        XCTAssertEqual(completer.complete("q.w").texts, ["w0"])
        XCTAssertEqual(completer.complete("step(").texts, ["eta:", "w:"])
        XCTAssertEqual(completer.complete("quadratic(").texts, ["b:", "basis:", "eigenvalues:", "seed:"])
        XCTAssertEqual(completer.complete("hessian_top(").texts, ["k:"])
        XCTAssertTrue(completer.complete("whi").texts.contains("while"))
        XCTAssertTrue(completer.complete("probe every 5 st").texts.contains("steps"))
    }
}
