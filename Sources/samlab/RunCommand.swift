import ArgumentParser
import Foundation
import SamInterpreter

/// The options `samlab run` and `samlab sweep` share.
struct RunArguments: ParsableArguments {
    @Argument(help: "The script to run.")
    var file: String

    @Option(name: .long, help: "The results directory (default: results/<script-name>).")
    var out: String?

    @Option(name: .long, help: "The base seed; sweep cells derive their seeds from it.")
    var seed: UInt64 = 0

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a script parameter (repeatable).", valueName: "NAME=VALUE"))
    var overrides: [String] = []

    @Flag(name: .long, help: "Suppress progress output.")
    var quiet = false

    @Option(name: .long, help: "Sweep cells to run at once, each in its own process with 1/N of the cores for BLAS.")
    var jobs = 1

    @Option(name: .long, help: ArgumentHelp("Run only shard I of N of a sweep (1-based).", valueName: "I/N"))
    var shard: String?

    @Flag(name: .long, help: "Replace existing results instead of resuming.")
    var overwrite = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let shard, Shard(parsing: shard) == nil {
            throw ValidationError("--shard expects I/N with 1 ≤ I ≤ N, got '\(shard)'")
        }
        if jobs > 1 && shard != nil { throw ValidationError("give either --jobs or --shard, not both") }
    }

    /// The results directory.
    var outputDirectory: String { out ?? ScriptRunner.defaultOutputDirectory(for: file) }

    var options: RunOptions {
        RunOptions(outputDirectory: outputDirectory, seed: seed, overrides: overrides, quiet: quiet,
                   shard: shard.flatMap(Shard.init(parsing:)), overwrite: overwrite)
    }

    /// Runs the script (its sweep cells in `jobs` worker processes when asked); throws the exit status.
    func execute() throws {
        let status = jobs > 1 ? try ParallelSweep(arguments: self).run()
                              : ScriptRunner.run(path: file, options: options, stdout: FileSink.standardOutput, stderr: FileSink.standardError)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `samlab run FILE.sam`: checks and runs a script.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a .sam script.",
        discussion: """
            Exit codes: 0 ok, 64 usage error, 65 script error (syntax or static), 70 runtime error, \
            74 I/O error (missing or corrupt file). Diagnostics go to standard error, program output to \
            standard output.
            """)

    @OptionGroup var arguments: RunArguments

    func run() throws { try arguments.execute() }
}

/// `samlab check FILE.sam`: parses and checks a script without running it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a .sam script for syntax and static errors without running it.",
        discussion: "Exit codes: 0 ok, 64 usage error, 65 script error, 74 I/O error.")

    @Argument(help: "The script to check.")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp("A parameter override to validate (repeatable).", valueName: "NAME=VALUE"))
    var overrides: [String] = []

    func run() throws {
        let status = ScriptRunner.check(path: file, overrides: overrides, stdout: FileSink.standardOutput, stderr: FileSink.standardError)
        if status != 0 { throw ExitCode(status) }
    }
}
