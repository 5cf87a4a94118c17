import ArgumentParser
import Foundation
import SamInterpreter
import SamREPL

/// `samlab repl` (and plain `samlab` on a terminal): the interactive session.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Explore interactively: enter .sam code, keep its names across entries.",
        discussion: """
            On a terminal: line editing and history (GNU readline; ~/.inputrc with `$if samlab`), tab \
            completion, and a continuation prompt for unfinished entries. History is kept in \
            $SAMLAB_HISTORY, else $XDG_STATE_HOME/samlab/history, else ~/.local/state/samlab/history. \
            Ctrl-C interrupts a running entry (a training run is kept as `interrupted`) or clears the \
            line; Ctrl-D on an empty line exits. Without a terminal, entries are read from standard \
            input with no prompts. Type :help for the commands and builtins.
            """)

    @Option(name: .long, help: "The results directory for sweeps.")
    var out = "results/repl"

    @Option(name: .long, help: "The base seed; builtins without an explicit seed derive theirs from it.")
    var seed: UInt64 = 0

    @Flag(name: .long, help: "Suppress progress output.")
    var quiet = false

    func run() throws {
        let session = ReplSession(options: ReplOptions(outputDirectory: out, seed: seed, quiet: quiet),
                                  output: FileSink.standardOutput, errors: FileSink.standardError)
        guard isatty(STDIN_FILENO) != 0 else {
            session.run(reader: StreamLineReader.standardInput())
            return
        }
        print("samlab \(Samlab.version) — :help lists the commands and builtins, Ctrl-D exits")
        let reader = ReadlineLineReader(history: HistoryFile.standard(), completer: session.completer)
        defer { reader.close() }
        session.run(reader: reader)
    }
}
