import ArgumentParser
import Foundation
import Tensors
import Experiments

/// The `samlab` command line.
@main
struct Samlab: ParsableCommand {
    static let version = ResultsManifest.currentVersion

    static let configuration = CommandConfiguration(
        commandName: "samlab",
        abstract: "Sharpness-Aware Minimization experiments with exact Hessian spectra, scripted in .sam.",
        version: version,
        subcommands: [RunCommand.self, SweepCommand.self, CheckCommand.self, ReplCommand.self, DataCommand.self, MergeCommand.self, PlotCommand.self, BenchCommand.self])

    static func main() {
        BLASKernelSelection.ensureOptimalKernel()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// Plain `samlab` starts the REPL when standard input is a terminal, and prints the help otherwise.
    func run() throws {
        guard isatty(STDIN_FILENO) != 0 else {
            print(Samlab.helpMessage())
            return
        }
        try ReplCommand.parse([]).run()
    }
}
