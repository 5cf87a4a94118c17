import SamLanguage
import XCTest

/// The typed "unexpected end of input" that makes the REPL read continuation lines.
final class IncompleteInputTests: XCTestCase {
    private func entry(_ text: String) -> Parser.Result<ReplEntry> {
        Parser.parseReplEntry(SourceFile(name: "<repl>", text: text))
    }

    func testEveryUnfinishedConstructIsIncomplete() {
        let unfinished = [
            "f(", "f(1,", "[1, 2", "{a: 1", "x = {", "(1 + 2", "1 +", "1 +\n", "x = ", "let x", "let x =",
            "a and", "not", "-", "2 **", "q.", "a[0", "\"unterminated", "print(\"multi\nline",
            "fn f(x) {", "fn f(x)", "fn f(", "fn(x) =>", "if x {", "if x { 1 } else {", "if x", "for i in xs {",
            "for i in", "while true {", "sweep eta in [0.1] {", "sweep eta in", "train net on data {",
            "train net on data {\n  loss = mse\n", "train net on data {\n  probe every 25 steps:",
            "train net on", "plot x to", "save x to", "param p =", "import", "assert x,", "0..<",
            "x +=", "f(a: ", "fn f() {\n  if x {\n    y\n  }\n",
        ]
        for text in unfinished {
            let result = entry(text)
            XCTAssertTrue(result.isIncomplete, "\(text.debugDescription) should be incomplete: \(render(result.diagnostics))")
            XCTAssertTrue(result.diagnostics.contains { $0.isUnexpectedEndOfInput }, text)
        }
    }

    func testCompleteEntriesAreNotIncomplete() {
        for text in ["1 + 2", "f(1)\n", "if x { 1 }", "let q = [1,\n 2]", "\"a\nb\"", "", "# comment"] {
            let result = entry(text)
            XCTAssertFalse(result.isIncomplete, text)
            XCTAssertEqual(render(result.diagnostics), "", text)
        }
    }

    func testARealErrorBeforeTheEndIsNotIncomplete() {
        for text in ["f(1 2", "x = ) + (", "let = [", "a && (", "f(1)) + ("] {
            let result = entry(text)
            XCTAssertFalse(result.isIncomplete, "\(text.debugDescription): \(render(result.diagnostics))")
            XCTAssertTrue(result.diagnostics.containsErrors, text)
        }
    }

    func testEndOfInputIsReportedOnce() {
        let result = entry("fn f() {\n  if x {\n    g(")
        XCTAssertEqual(result.diagnostics.map(\.kind), [.unexpectedEndOfInput])
        XCTAssertEqual(result.diagnostics.first?.message, "expected ')' after the arguments at end of input")
    }

    func testUnterminatedStringIsTheOnlyDiagnostic() {
        let result = entry("print(\"abc")
        XCTAssertEqual(result.diagnostics.map(\.kind), [.unterminatedString])
        XCTAssertTrue(result.isIncomplete)
    }
}
