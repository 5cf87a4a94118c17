import SamLanguage
import XCTest

/// Panic-mode recovery, error messages that name the token, and the typed end of input.
final class ParserRecoveryTests: XCTestCase {
    func testOneRunReportsEverySyntaxError() {
        let text = """
            let = 1
            x = (1 + )
            y = 2
            fn f(a b) { return a }
            z = [1, 2
            w = 3
            if x { ) }
            ok = 4
            """
        let result = Parser.parseProgram(SourceFile(name: "bad.sam", text: text))
        XCTAssertEqual(result.diagnostics.map(\.message), [
            "expected a name after 'let' at '='",
            "expected an expression at ')'",
            "expected ')' after the parameters at 'b'",
            "expected ']' after the list elements at 'w'",
            "expected an expression at ')'",
        ])
        XCTAssertFalse(result.isIncomplete)
        // The good statements survive.
        XCTAssertEqual(SyntaxPrinter.print(result.node.statements), "(= y 2)\n(if x {})\n(= ok 4)")
    }

    func testRecoveryInsideBlocksKeepsTheBlock() {
        let text = "fn f() {\n  let = 1\n  return 2\n}\nfn g() { return ) }\nh = 3"
        let result = Parser.parseProgram(SourceFile(name: "t.sam", text: text))
        XCTAssertEqual(result.diagnostics.map(\.message), [
            "expected a name after 'let' at '='", "expected an expression at ')'",
        ])
        XCTAssertEqual(SyntaxPrinter.print(result.node.statements), "(fn f () {(return 2)})\n(fn g () {})\n(= h 3)")
    }

    func testRecoverySkipsBracketsOfTheFailedStatement() {
        let result = Parser.parseProgram(SourceFile(name: "t.sam", text: "x = {a: 1 b: {c: 2}}\ny = 1"))
        XCTAssertEqual(result.diagnostics.map(\.message), ["expected '}' after the record fields at 'b'"])
        XCTAssertEqual(SyntaxPrinter.print(result.node.statements), "(= y 1)")
    }

    func testErrorsNameTheToken() {
        XCTAssertEqual(parseDiagnostics("x = 1 2").map(\.message), ["expected end of statement at '2'"])
        XCTAssertEqual(parseDiagnostics("let x 1").map(\.message), ["expected '=' after the name in 'let' at '1'"])
        XCTAssertEqual(parseDiagnostics("x = \n").map(\.message), ["expected an expression at end of input"])
        XCTAssertEqual(parseDiagnostics("f(a\n").map(\.message), ["expected ')' after the arguments at end of input"])
        XCTAssertEqual(parseDiagnostics("if x { y }\nz = (").map(\.message), ["expected an expression at end of input"])
        XCTAssertEqual(parseDiagnostics("for in xs {}").map(\.message), ["expected a name after 'for' at 'in'"])
        XCTAssertEqual(parseDiagnostics("x = y +\n+").map(\.message), ["expected an expression at '+'"])
        XCTAssertEqual(parseDiagnostics("let x = 1 + 2 )").map(\.message), ["expected end of statement at ')'"])
        XCTAssertEqual(parseDiagnostics("let x = 1\n  + 2").map(\.message), ["expected an expression at '+'"])
        XCTAssertEqual(parseDiagnostics("let x = 1 +\n").map(\.message), ["expected an expression at end of input"])
    }

    func testReservedWordsAsNamesGetAHint() {
        let diagnostics = parseDiagnostics("let in = 3")
        XCTAssertEqual(diagnostics.first?.message, "expected a name after 'let' at 'in'")
        XCTAssertEqual(diagnostics.first?.hint, "'in' is a reserved word and cannot be used as a name")
    }

    func testMisspelledKeywordsGetAHint() {
        let diagnostics = parseDiagnostics("fn f(x) {\n  retrun x\n}\nwhle true { }")
        XCTAssertEqual(diagnostics.map(\.message), ["expected end of statement at 'x'", "expected end of statement at 'true'"])
        XCTAssertEqual(diagnostics.map(\.hint), ["did you mean 'return'?", "did you mean 'while'?"])
    }

    func testOnlyNamesCanBeAssigned() {
        let diagnostics = parseDiagnostics("q.w0 = 1\na[0] = 2")
        XCTAssertEqual(diagnostics.map(\.message), ["only a name can be assigned to", "only a name can be assigned to"])
    }

    func testDomainFormErrors() {
        XCTAssertEqual(parseDiagnostics("train net data { }").map(\.message), ["expected 'on' after the model in 'train' at 'data'"])
        XCTAssertEqual(parseDiagnostics("train n on d {\n  probe every 5 epochs: loss\n}").map(\.message),
                       ["expected 'steps' or 'seconds' after the probe interval at 'epochs'"])
        XCTAssertEqual(parseDiagnostics("train n on d {\n  probe loss\n}").map(\.message),
                       ["expected a probe schedule ('every N steps', 'every T seconds', 'at [...]' or 'log(points: N)') at 'loss'"])
        XCTAssertEqual(parseDiagnostics("train n on d {\n  print(1)\n  lr = 1\n  3\n}").map(\.message),
                       ["expected '=' after the setting name at '('", "expected a name for a setting in the train block at '3'"])
        XCTAssertEqual(parseDiagnostics("plot x \"f.svg\"").map(\.message), ["expected 'to' after the value to plot at '\"f.svg\"'"])
        XCTAssertEqual(parseDiagnostics("sweep a [1] {}").map(\.message), ["expected 'in' after the sweep axis name at '['"])
        XCTAssertEqual(parseDiagnostics("import other").map(\.message), ["expected a file path string after 'import' at 'other'"])
        XCTAssertEqual(parseDiagnostics("param x").map(\.message), ["expected '=' after the parameter name at end of input"])
        XCTAssertEqual(parseDiagnostics("else { }").map(\.message), ["'else' must follow the '}' of an 'if' block at 'else'"])
    }

    func testLexicalErrorsAreNotRepeatedByTheParser() {
        let diagnostics = parseDiagnostics("x = a && b\ny = 1 ! 2")
        XCTAssertEqual(diagnostics.map(\.kind), [.unexpectedCharacter, .unexpectedCharacter])
    }

    func testMissingClosingBracketPointsAtTheOpeningOne() {
        let diagnostics = parseDiagnostics("x = f(1, 2\ny = 3")
        XCTAssertEqual(diagnostics.map(\.message), ["expected ')' after the arguments at 'y'"])
        XCTAssertEqual(diagnostics.first?.notes.map(\.message), ["to match this '('"])
        XCTAssertEqual(diagnostics.first?.notes.first?.range, SourceRange(5, 6))
    }
}
