import Foundation
import XCTest

/// A program running in a detached tmux session (a real pseudo-terminal), driven by key presses and
/// read back from the pane. Each session uses its own tmux server socket and no tmux configuration.
final class TmuxSession {
    private let tmux: String
    private let socket = "samlab-test-\(getpid())-\(UUID().uuidString.prefix(8))"

    /// Starts `command` (a shell command line) in `directory` on a `width`×`height` terminal.
    init(command: String, directory: String, width: Int = 160, height: Int = 60) throws {
        guard let tmux = programOnPath("tmux") else {
            throw XCTSkip("tmux is not installed (`make deps` installs it); skipping the pseudo-terminal test")
        }
        self.tmux = tmux
        try run(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-c", directory, command])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// Sends keys as tmux names them: literal text, or `Enter`, `Tab`, `Up`, `C-c`, `C-d`.
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", "0"] + keys)
    }

    /// Sends literal text (no key-name lookup).
    func type(_ text: String) throws {
        try run(["send-keys", "-t", "0", "-l", text])
    }

    /// The pane's text, including what scrolled off, with wrapped lines joined.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-J", "-t", "0", "-S", "-1000"])
    }

    /// Whether the program is still running (the session ends when it exits).
    var isRunning: Bool { (try? run(["has-session", "-t", "0"])) != nil }

    /// Waits until `text` occurs at least `count` times on the screen.
    func waitFor(_ text: String, count: Int = 1, timeout: Double = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try self.screen()
        while screen.components(separatedBy: text).count - 1 < count {
            guard Date() < deadline else { throw Timeout(awaited: "\(count) × \"\(text)\"", screen: screen) }
            usleep(50_000)
            screen = try self.screen()
        }
    }

    /// Waits until the program has exited.
    func waitForExit(timeout: Double = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            guard Date() < deadline else { throw Timeout(awaited: "the program to exit", screen: (try? screen()) ?? "") }
            usleep(50_000)
        }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let outcome = try runProgram(tmux, ["-L", socket] + arguments)
        guard outcome.status == 0 else { throw TmuxError(arguments: arguments, message: outcome.stderr) }
        return outcome.stdout
    }

    private struct TmuxError: Error {
        var arguments: [String]
        var message: String
    }

    private struct Timeout: Error, CustomStringConvertible {
        var awaited: String
        var screen: String
        var description: String { "timed out waiting for \(awaited); the screen:\n\(screen)" }
    }
}
