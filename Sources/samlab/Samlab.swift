import ArgumentParser
import Tensors

/// The `samlab` command line.
@main
struct Samlab: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "samlab",
        abstract: "Sharpness-Aware Minimization experiments with exact Hessian spectra, scripted in .sam.",
        version: version,
        subcommands: [RunCommand.self, SweepCommand.self, CheckCommand.self, MergeCommand.self, PlotCommand.self, BenchCommand.self])

    static func main() {
        BLASKernelSelection.ensureOptimalKernel()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// Plain `samlab` prints the help.
    func run() throws {
        print(Samlab.helpMessage())
    }
}
