import Foundation
import ProcessSupport
import Experiments
import SamInterpreter
import SamLanguage

/// `samlab run FILE --jobs N`: the sweep's cells run in N worker processes, then one result set.
///
/// Each worker is `samlab run FILE --shard i/N --out OUT/shards/i-of-N --quiet`, with
/// `OPENBLAS_NUM_THREADS = max(1, cores / N)` so that the workers share the cores instead of
/// oversubscribing them; its output goes to `worker.log` in its shard directory. When every worker has
/// finished, the shards are merged into OUT and the script runs once more in this process: every cell is
/// then finished, so only the code around the sweep runs (its prints, plots and asserts see all cells).
/// A rerun after an interruption or a kill resumes each shard where it stopped.
///
/// Code outside sweeps runs in every worker as well as in the final pass; `--jobs` pays off for scripts
/// whose work is in their sweep.
struct ParallelSweep {
    let arguments: RunArguments

    func run() throws -> Int32 {
        let stdout = FileSink.standardOutput, stderr = FileSink.standardError
        guard let text = try? String(contentsOfFile: arguments.file, encoding: .utf8), Self.containsSweep(text) else {
            if FileManager.default.fileExists(atPath: arguments.file) {
                stderr.write("samlab: note: --jobs runs sweep cells in parallel; \(arguments.file) has no sweep, so it runs in one process\n")
            }
            return ScriptRunner.run(path: arguments.file, options: arguments.options, stdout: stdout, stderr: stderr)
        }
        let checked = ScriptRunner.check(path: arguments.file, overrides: arguments.overrides, stdout: StringSink(), stderr: stderr)
        guard checked == 0 else { return checked }

        let jobs = arguments.jobs
        let out = arguments.outputDirectory
        let shardDirectories = (1...jobs).map { "\(out)/shards/\($0)-of-\(jobs)" }
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount / jobs)
        let progress = ProgressDisplay(quiet: arguments.quiet)
        let previousHandler = signal(SIGINT, SIG_IGN)  // Ctrl-C reaches the workers, which stop cleanly; this process reports
        defer { signal(SIGINT, previousHandler) }
        let workers = try shardDirectories.enumerated().map { index, directory in
            try launchWorker(shard: index + 1, of: jobs, directory: directory, blasThreads: threads)
        }
        while workers.contains(where: \.isRunning) {
            progress.update(Self.progressLine(shardDirectories, jobs: jobs, threads: threads))
            Thread.sleep(forTimeInterval: 0.25)
        }
        progress.finish(Self.progressLine(shardDirectories, jobs: jobs, threads: threads))
        for (index, worker) in workers.enumerated() where worker.terminationStatus != 0 {
            stderr.write("samlab: worker \(index + 1)/\(jobs) exited with status \(worker.terminationStatus); its output:\n")
            stderr.write(Self.tail(of: shardDirectories[index] + "/worker.log"))
            return worker.terminationStatus
        }
        let manifest: ResultsManifest
        do { manifest = try ResultsStore.merge(shardDirectories, into: out) } catch {
            stderr.write("samlab: error: \(error)\n")
            return ExitStatus.ioError.rawValue
        }
        let total = try SweepGrid(axes: manifest.axes.map { ($0, manifest.grid[$0] ?? []) }, seed: manifest.seed).cells.count
        let finished = manifest.cells.filter { $0.status == .done || $0.status == .diverged }.count
        guard finished == total || manifest.cells.count == total else {
            stderr.write("samlab: interrupted with \(manifest.cells.count) of \(total) cells recorded; rerun the same command to resume\n")
            return 130
        }
        var final = arguments.options
        final.overwrite = false
        return ScriptRunner.run(path: arguments.file, options: final, stdout: stdout, stderr: stderr)
    }

    private func launchWorker(shard: Int, of count: Int, directory: String, blasThreads: Int) throws -> Process {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let logPath = directory + "/worker.log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = Self.executable
        var args = ["run", arguments.file, "--shard", "\(shard)/\(count)", "--out", directory, "--seed", String(arguments.seed), "--quiet"]
        for override in arguments.overrides { args += ["--set", override] }
        if arguments.overwrite { args.append("--overwrite") }
        process.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = String(blasThreads)
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return process
    }

    /// This program's own executable.
    static var executable: URL { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath() }

    /// Whether the script uses the `sweep` keyword (tokens, so comments and strings do not count).
    static func containsSweep(_ text: String) -> Bool {
        Lexer.tokenize(SourceFile(name: "script", text: text)).tokens.contains { $0.kind == .keyword(.sweep) }
    }

    /// `sweep ██████░░ 5/12 cells  done 4  diverged 1  failed 0  (2 jobs × 1 BLAS thread)`.
    static func progressLine(_ directories: [String], jobs: Int, threads: Int) -> String {
        var cells: [RunRecord] = []
        var total = 0
        for directory in directories {
            guard let data = FileManager.default.contents(atPath: directory + "/sweep.json"),
                  let manifest = try? JSONDecoder().decode(ResultsManifest.self, from: data) else { continue }
            cells += manifest.cells
            total = (try? SweepGrid(axes: manifest.axes.map { ($0, manifest.grid[$0] ?? []) }, seed: 0).cells.count) ?? total
        }
        let count = { (status: RunStatus) in cells.filter { $0.status == status }.count }
        let fraction = total > 0 ? Double(cells.count) / Double(total) : 0
        return "sweep \(ProgressDisplay.bar(fraction: fraction)) \(cells.count)/\(total > 0 ? String(total) : "?") cells  done \(count(.done))"
            + "  diverged \(count(.diverged))  failed \(count(.failed))  (\(jobs) jobs × \(threads) BLAS thread\(threads == 1 ? "" : "s"))"
    }

    /// The last lines of a log file.
    static func tail(of path: String, lines: Int = 20) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no output at \(path))\n" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n") + "\n"
    }
}
