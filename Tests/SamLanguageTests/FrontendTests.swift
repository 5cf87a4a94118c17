import SamLanguage
import XCTest

final class FrontendTests: XCTestCase {
    func testCleanFileIsParsedAndChecked() {
        let analysis = Frontend.analyze(SourceFile(name: "s.sam", text: Fixtures.sweepScript), checker: Fixtures.checker)
        XCTAssertFalse(analysis.hasErrors)
        XCTAssertEqual(analysis.node.statements.count, 4)
    }

    func testStaticErrorsFollowACleanParse() {
        let analysis = Frontend.analyze(SourceFile(name: "s.sam", text: "x = sgd(lr: \"a\")"), checker: Fixtures.checker)
        XCTAssertEqual(analysis.diagnostics.map(\.kind), [.typeMismatch])
        XCTAssertTrue(analysis.hasErrors)
    }

    func testSyntaxErrorsSkipTheChecker() {
        let analysis = Frontend.analyze(SourceFile(name: "s.sam", text: "x = undefined\ny = (1"), checker: Fixtures.checker)
        XCTAssertEqual(analysis.diagnostics.map(\.kind), [.unexpectedEndOfInput])
    }

    func testReplContinuationAndScope() {
        var scope = ReplScope()
        var lines = ["let q = quadratic(", "  eigenvalues: [4.0, 1.0],", "  seed: 1)"]
        var text = lines.removeFirst()
        var analysis = Frontend.analyzeReplEntry(SourceFile(name: "<repl>", text: text), checker: Fixtures.checker, scope: scope)
        while analysis.isIncomplete {
            text += "\n" + lines.removeFirst()
            analysis = Frontend.analyzeReplEntry(SourceFile(name: "<repl>", text: text), checker: Fixtures.checker, scope: scope)
        }
        XCTAssertTrue(lines.isEmpty)
        XCTAssertFalse(analysis.hasErrors)
        scope.declareNames(of: analysis.node)
        let echo = Frontend.analyzeReplEntry(SourceFile(name: "<repl>", text: "q"), checker: Fixtures.checker, scope: scope)
        XCTAssertFalse(echo.hasErrors)
        XCTAssertNotNil(echo.node.echoedExpression)
    }
}
