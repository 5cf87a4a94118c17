import Experiments
import ProcessSupport
import Foundation
import SamInterpreter
import SamREPL
import XCTest

/// The read loop driven through a stream, as `samlab repl` runs without a terminal.
final class PipeSessionTests: XCTestCase {
    func testExpressionsEchoAndDefinitionsPersist() {
        let output = runSession("""
            let x = 1 + 2
            x * 10
            fn twice(v) => 2 * v
            twice(x)
            print("printed")
            "text"
            none
            """)
        XCTAssertEqual(output.stdout, "30\n6\nprinted\n\"text\"\n")
        XCTAssertEqual(output.stderr, "")
    }

    func testMultiLineEntriesContinueWhileIncomplete() {
        let output = runSession("""
            fn add(a,
                   b) {
              return a + b
            }
            add(1, 2)
            let words = ["a",
              "b"]

            len(words)
            """)
        XCTAssertEqual(output.stdout, "3\n2\n")
        XCTAssertEqual(output.stderr, "")
    }

    func testErrorsPrintDiagnosticsAndTheSessionContinues() {
        let output = runSession("""
            y
            let xs = [1, 2]
            xs[5]
            let z = xs[0] +
              1
            z
            """)
        XCTAssertEqual(output.stdout, "2\n")
        XCTAssertTrue(output.stderr.hasPrefix("<repl:1>:1:1: error: unknown name 'y'\ny\n^\n"), output.stderr)
        XCTAssertTrue(output.stderr.contains("<repl:3>:1:"), output.stderr)
        XCTAssertFalse(output.stderr.contains("<repl:4>"), output.stderr)
    }

    func testAnUnfinishedEntryAtTheEndIsReported() {
        let output = runSession("let a = [1,\n")
        XCTAssertTrue(output.stderr.contains("<repl:1>:1:12: error: expected ']'"), output.stderr)
        XCTAssertEqual(output.stdout, "")
    }

    func testCtrlCCancelsTheEntryAndTheMultiLineEntryIsOneHistoryItem() {
        let reader = ScriptedLineReader([
            .line("let a = [1,"), .interrupted,
            .interrupted,
            .line("fn f(x) {"), .line("  return x + 1"), .line("}"),
            .line("a"), .line("f(1)"),
        ])
        let output = runSession(reader)
        XCTAssertEqual(reader.prompts, ["sam> ", "...> ", "sam> ", "sam> ", "...> ", "...> ", "sam> ", "sam> ", "sam> "])
        XCTAssertEqual(reader.history, ["fn f(x) {\n  return x + 1\n}", "a", "f(1)"])
        XCTAssertEqual(output.stdout, "2\n")
        XCTAssertTrue(output.stderr.contains("unknown name 'a'"), output.stderr)
    }

    func testAnInterruptedEntryStopsAndKeepsEarlierBindings() {
        var registry = BuiltinRegistry.standard()
        registry.register("press_ctrl_c", doc: "Raises the interrupt flag as Ctrl-C does.") { _ in
            Interruption.request()
            return .none
        }
        let output = runSession("""
            let done = []
            for i in range(5) {
              done = append(done, i)
              if i == 1 { press_ctrl_c() }
            }
            done
            """, registry: registry)
        XCTAssertEqual(output.stdout, "[0, 1]\n")
        XCTAssertTrue(output.stderr.contains("error: interrupted"), output.stderr)
    }

    func testTimeVarsResetAndQuit() {
        let output = runSession("""
            :time 6 * 7
            :time [1,
              2]
            let long = range(100)
            :vars
            :reset
            :vars
            long
            :quit
            1 + 1
            """)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "42")
        XCTAssertTrue(lines[1].hasPrefix("time: "), lines[1])
        XCTAssertEqual(lines[2], "[1, 2]")
        XCTAssertTrue(lines[3].hasPrefix("time: "), lines[3])
        XCTAssertEqual(lines[4], "long = 0..<100")
        XCTAssertEqual(Array(lines[5...]), ["session reset: every name is forgotten", "no names are bound"])
        XCTAssertTrue(output.stderr.contains("unknown name 'long'"), output.stderr)
    }

    func testVarsShortensLongValues() {
        let output = runSession("let ys = [\(Array(repeating: "123456789", count: 20).joined(separator: ", "))]\n:vars")
        let line = output.stdout.split(separator: "\n").first { $0.hasPrefix("ys") }
        XCTAssertEqual(line?.count, "ys = ".count + 72)
        XCTAssertEqual(line?.last, "…")
        XCTAssertEqual(output.stderr, "")
    }

    func testHelp() {
        let overview = runSession(":help")
        XCTAssertTrue(overview.stdout.hasPrefix("commands:\n  :help [NAME]"), overview.stdout)
        XCTAssertTrue(overview.stdout.contains("functions:\n"), overview.stdout)
        XCTAssertTrue(overview.stdout.contains("  train "), overview.stdout)

        let norm = runSession(":help norm\n:help :load\n:help hessian_top")
        XCTAssertTrue(norm.stdout.hasPrefix("norm(x)"), norm.stdout)
        XCTAssertTrue(norm.stdout.contains(":load FILE\n  run a .sam file into the session\n"), norm.stdout)
        XCTAssertTrue(norm.stdout.contains("probe hessian_top(k)"), norm.stdout)

        let unknown = runSession(":help nrom")
        XCTAssertEqual(unknown.stderr, "error: no builtin, constant, probe or command is named 'nrom'\nhint: did you mean 'norm'? :help lists them all\n")
    }

    func testMalformedCommands() {
        let output = runSession(":lod x.sam\n:vars now\n:load\n:\n1")
        XCTAssertEqual(output.stdout, "1\n")
        XCTAssertEqual(output.stderr, """
            error: unknown command ':lod'
            hint: did you mean ':load'? :help lists the commands
            error: :vars takes no argument
            hint: usage: :vars
            error: :load needs an argument
            hint: usage: :load FILE
            error: expected a command name after ':'
            hint: :help lists the commands

            """)
    }

    func testLoadRunsAFileIntoTheSession() throws {
        let directory = NSTemporaryDirectory() + "samlab-repl-load-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/lib", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "import \"lib/helpers.sam\"\nlet scaled = triple(base)\nprint(\"loaded\")\n"
            .write(toFile: directory + "/main.sam", atomically: true, encoding: .utf8)
        try "fn triple(x) => 3 * x\n".write(toFile: directory + "/lib/helpers.sam", atomically: true, encoding: .utf8)
        try "let broken = (1 +\n".write(toFile: directory + "/broken.sam", atomically: true, encoding: .utf8)

        let output = runSession("""
            let base = 5
            :load \(directory)/main.sam
            scaled
            triple(2)
            :load "\(directory)/broken.sam"
            :load \(directory)/missing.sam
            """)
        XCTAssertEqual(output.stdout, "loaded\n15\n6\n")
        XCTAssertTrue(output.stderr.contains("\(directory)/broken.sam:2:1: error:"), output.stderr)
        XCTAssertTrue(output.stderr.contains("error: cannot read '\(directory)/missing.sam': no such file"), output.stderr)
    }
}
