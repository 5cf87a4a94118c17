import Foundation
import XCTest
import Experiments

/// The sweep workflow through the real `samlab` binary: kill -9 and resume, `--jobs`, the Slurm job
/// array (its tasks run here by setting `SLURM_ARRAY_TASK_ID`), `samlab merge` and `samlab plot`.
final class SweepCLITests: XCTestCase {
    private var harness: CLIHarness!

    override func setUpWithError() throws {
        harness = CLIHarness()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: CLIHarness.executable.path), "no samlab binary at \(CLIHarness.executable.path)")
        harness.write("sweep.sam", """
            param steps = 60
            data = mnist(limit: 128, center: true, data_dir: "\(CLIHarness.dataDirectory)/mnist")
            net = mlp(hidden: [16], seed: 0)
            runs = sweep eta in [0.05, 0.1], rho in [0.0, 0.05] {
              train net on data {
                optimizer = sam(lr: eta, rho: rho)
                stop = after(steps: steps)
                checkpoint = true
                checkpoint_every = 10
                probe every 20 steps: loss, grad_norm, hessian_top(k: 1), sam_edge, edge_ratio
              }
            }
            for c in runs { print(c.eta, c.rho, c.status, c.result.final.loss) }
            """)
    }

    override func tearDown() { harness.remove() }

    /// The reference: the whole sweep in one uninterrupted process.
    private func reference() throws -> [String] {
        let run = try harness.run(["run", "sweep.sam", "--out", "reference", "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(run.output.split(separator: "\n").filter { $0.contains(" done ") }.count, 4, run.output)
        return harness.summaryWithoutTimes("reference")
    }

    /// kill -9 in the middle of a cell, then the same command again: finished cells are kept, the killed
    /// cell continues from its checkpoint, none is lost or duplicated, and the numbers equal an
    /// uninterrupted run's.
    func testKillNineThenResumeEqualsAnUninterruptedRun() throws {
        let expected = try reference()
        let (process, _) = try harness.start(["run", "sweep.sam", "--out", "killed", "--quiet", "--set", "steps=60"])
        let deadline = Date().addingTimeInterval(120)
        var killedMidCell = false
        while process.isRunning && Date() < deadline {
            let manifest = harness.read("killed/sweep.json")
            let recorded = manifest.components(separatedBy: "\"status\"").count - 1
            let second = harness.directory + "/killed/runs/eta=0.05_rho=0.05/checkpoint.safetensors"
            if recorded == 1 && FileManager.default.fileExists(atPath: second) {
                kill(process.processIdentifier, SIGKILL)
                killedMidCell = true
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        XCTAssertTrue(killedMidCell, "the sweep finished before it could be killed in its second cell")
        let resumed = try harness.run(["run", "sweep.sam", "--out", "killed", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.output)
        XCTAssertEqual(harness.summaryWithoutTimes("killed"), expected)
        let manifest = try JSONDecoder().decode(ResultsManifest.self, from: Data(harness.read("killed/sweep.json").utf8))
        XCTAssertEqual(manifest.cells.map(\.id).sorted(), ["eta=0.05_rho=0", "eta=0.05_rho=0.05", "eta=0.1_rho=0", "eta=0.1_rho=0.05"])
        XCTAssertEqual(resumed.output.split(separator: "\n").filter { $0.contains(" done ") }.count, 4, "finished cells are values too:\n\(resumed.output)")
    }

    /// `--jobs 2` (one BLAS thread per worker) gives the same result set as one process with one thread.
    func testJobsRunCellsInWorkersAndMerge() throws {
        let expected = try reference()
        let run = try harness.run(["run", "sweep.sam", "--out", "jobs", "--jobs", "2", "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(harness.summaryWithoutTimes("jobs"), expected)
        XCTAssertEqual(run.output.split(separator: "\n").filter { $0.contains(" done ") }.count, 4, run.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: harness.directory + "/jobs/figures/sweep.svg"))
    }

    /// `sweep --emit slurm`: the array tasks and the merge step, run as Slurm would run them, give the
    /// unsharded result set.
    func testSlurmArrayAndMergeEqualTheUnshardedSweep() throws {
        let expected = try reference()
        let emitted = try harness.run(["sweep", "sweep.sam", "--out", "slurm", "--emit", "slurm", "--shards", "3", "--cpus-per-task", "1"])
        XCTAssertEqual(emitted.status, 0, emitted.output)
        for name in ["sweep.sbatch", "merge.sbatch", "submit.sh"] {
            let check = try shell(["bash", "-n", "slurm/slurm/\(name)"])
            XCTAssertEqual(check.status, 0, "\(name): \(check.output)")
        }
        XCTAssertTrue(harness.read("slurm/slurm/sweep.sbatch").contains("#SBATCH --array=1-3"))
        for task in 1...3 {
            let result = try shell(["bash", "slurm/slurm/sweep.sbatch"], environment: ["SLURM_ARRAY_TASK_ID": String(task)])
            XCTAssertEqual(result.status, 0, result.output)
        }
        let merged = try shell(["bash", "slurm/slurm/merge.sbatch"])
        XCTAssertEqual(merged.status, 0, merged.output)
        XCTAssertTrue(merged.output.contains("merged 4 cells (4 done) from 3 shard(s)"), merged.output)
        XCTAssertEqual(harness.summaryWithoutTimes("slurm"), expected)
    }

    /// `samlab plot DIR` redraws figures from files; `samlab merge` of a missing shard names it (exit 74).
    func testPlotRedrawsAndMergeReportsMissingShards() throws {
        _ = try reference()
        try FileManager.default.removeItem(atPath: harness.directory + "/reference/figures")
        let plot = try harness.run(["plot", "reference"])
        XCTAssertEqual(plot.status, 0, plot.output)
        for figure in ["eigenvalues.svg", "loss.svg", "sweep.svg"] {
            XCTAssertTrue(plot.output.contains(figure), plot.output)
            XCTAssertTrue(harness.read("reference/figures/\(figure)").contains("<svg"), figure)
        }
        let merge = try harness.run(["merge", "reference", "nowhere", "--out", "merged"])
        XCTAssertEqual(merge.status, 74, merge.output)
        XCTAssertTrue(merge.output.contains("nowhere/sweep.json does not exist"), merge.output)
        let badPlot = try harness.run(["plot", "nowhere"])
        XCTAssertEqual(badPlot.status, 74)
        XCTAssertTrue(badPlot.output.contains("expected sweep.json or run.json"), badPlot.output)
    }

    private func shell(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: harness.directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
