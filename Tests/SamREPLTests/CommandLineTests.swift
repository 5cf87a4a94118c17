import XCTest

/// `samlab repl` and plain `samlab` as processes, without a terminal.
final class CommandLineTests: XCTestCase {
    func testReplReadsEntriesFromAPipe() throws {
        let outcome = try runProgram(try samlabExecutable(), ["repl"], input: "let x = [1,\n  2]\nlen(x)\nnope\n:quit\nlen(x)\n",
                                     environment: ["SAMLAB_HISTORY": ""])
        XCTAssertEqual(outcome.stdout, "2\n")
        XCTAssertTrue(outcome.stderr.hasPrefix("<repl:3>:1:1: error: unknown name 'nope'"), outcome.stderr)
        XCTAssertEqual(outcome.status, 0)
    }

    func testPlainSamlabWithoutATerminalPrintsTheHelp() throws {
        let outcome = try runProgram(try samlabExecutable(), [], input: "1 + 1\n")
        XCTAssertTrue(outcome.stdout.contains("USAGE: samlab <subcommand>"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("repl"), outcome.stdout)
        XCTAssertEqual(outcome.status, 0)
    }
}
