import Foundation
import XCTest

/// The REPL in a real pseudo-terminal (tmux): completion, continuation, history recall, Ctrl-C at the
/// prompt, in a continuation and during training, and Ctrl-D. Skipped when tmux is not installed.
final class TerminalSessionTests: XCTestCase {
    func testTheReplOnATerminal() throws {
        let samlab = try samlabExecutable()
        let directory = NSTemporaryDirectory() + "samlab-tty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/scripts", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "let loaded_value = 7\n".write(toFile: directory + "/scripts/tiny.sam", atomically: true, encoding: .utf8)
        let history = directory + "/state/history"
        // Plain `samlab` on a terminal is the REPL.
        let terminal = try TmuxSession(command: "env SAMLAB_HISTORY=\(history) INPUTRC=/dev/null TERM=xterm \(samlab)", directory: directory)
        // Keys typed while an entry runs would be echoed by the terminal, so each step waits for its prompt.
        var prompts = 1
        func nextPrompt() throws {
            prompts += 1
            try terminal.waitFor("sam> ", count: prompts)
        }
        func submit(_ text: String) throws {
            try terminal.type(text)
            try terminal.send("Enter")
            try nextPrompt()
        }
        func complete(_ text: String, to expected: String) throws {
            try terminal.type(text)
            try terminal.send("Tab")
            try terminal.waitFor(expected)
        }
        try terminal.waitFor("sam> ")

        // Completion: a builtin, parameter names after `(`, a record field, a path, a session name.
        try submit("let v = tensor([3.0, 4.0])")
        try complete("nor", to: "sam> norm")
        try submit("(v)")
        try terminal.waitFor("5.0\n")
        try complete("let q = quadratic([2.0, 1.0], ba", to: "quadratic([2.0, 1.0], basis:")
        try complete("\"identity\", seed", to: "basis: \"identity\", seed:")
        try submit("1)")
        try submit("let cfg = {rate: 0.5}")
        try complete("cfg.ra", to: "sam> cfg.rate")
        try terminal.send("Enter")
        try nextPrompt()
        try terminal.waitFor("0.5\n")
        try complete(":load scr", to: ":load scripts/")
        try complete("ti", to: ":load scripts/tiny.sam")
        try terminal.send("Enter")
        try nextPrompt()
        try complete("loaded_v", to: "sam> loaded_value")
        try terminal.send("Enter")
        try nextPrompt()
        try terminal.waitFor("7\n")

        // Continuation lines until the entry is complete.
        try terminal.type("fn twice(x) {")
        try terminal.send("Enter")
        try terminal.waitFor("...> ")
        try terminal.type("return 2 * x")
        try terminal.send("Enter")
        try terminal.waitFor("...> ", count: 2)
        try submit("}")
        try submit("twice(21)")
        try terminal.waitFor("42\n")

        // History: the previous entry, then the multi-line one as a single item; Ctrl-C clears the line.
        try terminal.send("Up")
        try terminal.waitFor("sam> twice(21)", count: 2)
        try terminal.send("Enter")
        try nextPrompt()
        try terminal.waitFor("42\n", count: 2)
        try terminal.send("Up", "Up")
        try terminal.waitFor("sam> fn twice(x) {", count: 2)
        try terminal.send("C-c")
        try nextPrompt()
        try terminal.type("let garbage = 1")
        try terminal.waitFor("sam> let garbage = 1")
        try terminal.send("C-c")
        try nextPrompt()

        // Ctrl-C in a continuation cancels the entry.
        try terminal.type("let w = [1,")
        try terminal.send("Enter")
        try terminal.waitFor("...> ", count: 3)
        try terminal.send("C-c")
        try nextPrompt()
        try submit("w")
        try terminal.waitFor("unknown name 'w'")

        // Ctrl-C during training stops it; the run is kept as interrupted with the steps it took.
        try terminal.type("let run = train(mlp(hidden: [32]), blobs(count: 256), gd(lr: 0.1), steps: 1000000)")
        try terminal.send("Enter")
        try terminal.waitFor("it/s")
        try terminal.send("C-c")
        try nextPrompt()
        try submit("run.status")
        try terminal.waitFor("\"interrupted\"")
        try submit("run.steps > 0")
        try terminal.waitFor("true\n")
        try submit(":vars")
        try terminal.waitFor("run ")
        XCTAssertFalse(try terminal.screen().split(separator: "\n").contains { $0.hasPrefix("garbage") })

        // Ctrl-D on an empty line exits; the history file holds the multi-line entry on one line.
        try terminal.send("C-d")
        try terminal.waitForExit()
        let saved = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(saved.contains("fn twice(x) {\\nreturn 2 * x\\n}"), "\(saved)")
        XCTAssertTrue(saved.contains("twice(21)"), "\(saved)")
        XCTAssertFalse(saved.contains { $0.contains("garbage") }, "\(saved)")
    }
}
