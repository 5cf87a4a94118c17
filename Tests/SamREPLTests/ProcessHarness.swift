import Foundation
import XCTest

/// The built `samlab` executable, next to the test bundle in the build directory.
func samlabExecutable() throws -> String {
    let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    for directory in [bundle, bundle.deletingLastPathComponent()] {
        let path = directory.appendingPathComponent("samlab").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    throw XCTSkip("the samlab executable is not built next to the tests (run `swift build --build-tests` first)")
}

/// The full path of a program on `PATH`, or `nil`.
func programOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// What a finished process wrote and returned.
struct ProcessOutcome {
    var stdout: String
    var stderr: String
    var status: Int32
}

/// Runs a program to completion with `input` on its standard input (not a terminal). It is spawned and
/// reaped directly rather than through `Foundation.Process`, whose exit detection waits for every
/// inherited descriptor to close, which a daemon the program starts (the tmux server) never does. Its
/// input and output go through temporary files for the same reason.
func runProgram(_ path: String, _ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> ProcessOutcome {
    let base = NSTemporaryDirectory() + "samlab-process-\(UUID().uuidString)"
    let files = (input: base + ".stdin", stdout: base + ".stdout", stderr: base + ".stderr")
    defer { for file in [files.input, files.stdout, files.stderr] { try? FileManager.default.removeItem(atPath: file) } }
    try input.write(toFile: files.input, atomically: false, encoding: .utf8)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, files.input, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, files.stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, files.stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = variables.map { strdup($0) } + [nil]
    defer { (argv + envp).forEach { free($0) } }

    // The child starts with no blocked signals and default dispositions, whatever the test runner set.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var signals = sigset_t()
    sigemptyset(&signals)
    posix_spawnattr_setsigmask(&attributes, &signals)
    sigfillset(&signals)
    posix_spawnattr_setsigdefault(&attributes, &signals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let read = { (file: String) in (try? String(contentsOfFile: file, encoding: .utf8)) ?? "" }
    // The exit code of a normal exit, or 128 + the signal that ended it.
    let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
    return ProcessOutcome(stdout: read(files.stdout), stderr: read(files.stderr), status: exitStatus)
}
