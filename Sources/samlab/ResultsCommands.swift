import ArgumentParser
import Foundation
import Experiments

/// `samlab merge SHARD... --out DIR`: assembles sweep shards into one result set.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Assemble the result directories of sweep shards (--shard I/N) into one result set.",
        discussion: """
            The shards must come from the same script, seed and grid. The merged directory gets sweep.json, \
            summary.csv, runs/<cell>/ and figures/, as if the sweep had run in one piece. Exit codes: 0 ok, \
            74 a shard is missing, corrupt or inconsistent.
            """)

    @Argument(help: "The shard result directories.")
    var shards: [String]

    @Option(name: .long, help: "The merged results directory.")
    var out: String

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("give at least one shard directory") }
    }

    func run() throws {
        try reportingErrors {
            let manifest = try ResultsStore.merge(shards, into: out)
            let figures = try ResultsFigures.redraw(try StoredResults.load(directory: out))
            let counts = Dictionary(grouping: manifest.cells, by: \.status).mapValues(\.count)
            let tally = RunStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }.joined(separator: ", ")
            print("merged \(manifest.cells.count) cells (\(tally)) from \(shards.count) shard(s) into \(out); \(figures.count) figure(s)")
        }
    }
}

/// `samlab plot DIR`: redraws a results directory's figures from its files.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Redraw the figures of a results directory (from sweep.json or run.json and the metrics files).",
        discussion: "Writes DIR/figures/*.svg. Exit codes: 0 ok, 74 missing or corrupt result files.")

    @Argument(help: "A results directory written by samlab run or samlab merge.")
    var directory: String

    func run() throws {
        try reportingErrors {
            let paths = try ResultsFigures.redraw(try StoredResults.load(directory: directory))
            if paths.isEmpty { print("no figures: the runs in \(directory) have no probe metrics") }
            for path in paths { print(path) }
        }
    }
}

/// Runs `body`; an error is printed as `samlab: error: …` and ends the command with exit status 74.
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch {
        FileHandle.standardError.write(Data("samlab: error: \(error)\n".utf8))
        throw ExitCode(74)
    }
}
