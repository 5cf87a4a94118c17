import ArgumentParser
import Foundation

/// `samlab sweep FILE.sam`: runs a sweep script like `samlab run`, or with `--emit slurm` writes a Slurm
/// job array that runs it in shards plus the merge step.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a sweep script, or emit a Slurm job array that runs it in shards (--emit slurm --shards N).",
        discussion: """
            Without --emit this is samlab run. With --emit slurm it writes OUT/slurm/sweep.sbatch (one array \
            task per shard), merge.sbatch (samlab merge into OUT) and submit.sh (submits both, the merge \
            after the array succeeds), and runs nothing.
            """)

    enum Emitter: String, ExpressibleByArgument, CaseIterable { case slurm }

    @OptionGroup var arguments: RunArguments

    @Option(name: .long, help: "Write a job script instead of running: slurm.")
    var emit: Emitter?

    @Option(name: .long, help: "Array tasks (shards) for --emit slurm.")
    var shards: Int?

    @Option(name: .long, help: "CPUs per array task (also its BLAS threads).")
    var cpusPerTask = 2

    @Option(name: .long, help: "Slurm partition.")
    var partition: String?

    @Option(name: .long, help: "Slurm time limit per task, e.g. 01:00:00.")
    var time: String?

    @Option(name: .long, help: "Slurm memory per task, e.g. 8G.")
    var mem: String?

    func validate() throws {
        if emit != nil {
            guard let shards, shards >= 1 else { throw ValidationError("--emit slurm needs --shards N (N ≥ 1)") }
            guard arguments.shard == nil, arguments.jobs == 1 else { throw ValidationError("--emit slurm makes its own shards: drop --shard and --jobs") }
            guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task must be at least 1") }
        } else if shards != nil {
            throw ValidationError("--shards goes with --emit slurm; to run one shard here use --shard I/N")
        }
    }

    func run() throws {
        guard emit == .slurm, let shards else { return try arguments.execute() }
        guard FileManager.default.fileExists(atPath: arguments.file) else {
            FileHandle.standardError.write(Data("samlab: error: cannot read \(arguments.file)\n".utf8))
            throw ExitCode(74)
        }
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path) }
        let job = SlurmJob(executable: ParallelSweep.executable.path, script: absolute(arguments.file), outputDirectory: absolute(arguments.outputDirectory),
                           workingDirectory: cwd, shards: shards, seed: arguments.seed, overrides: arguments.overrides, overwrite: arguments.overwrite,
                           cpusPerTask: cpusPerTask,
                           partition: partition, timeLimit: time, memory: mem)
        try reportingErrors {
            let paths = try job.write()
            print("wrote " + paths.joined(separator: ", "))
            print("submit with: sh \(SlurmJob.quoted(paths[2]))")
        }
    }
}
