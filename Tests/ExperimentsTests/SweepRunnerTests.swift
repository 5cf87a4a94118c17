import XCTest
import ProcessSupport
import Foundation
import Tensors
import Datasets
import Optimizers
import Experiments

final class SweepRunnerTests: XCTestCase {
    private func directory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("samlab-sweep-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    private let grid = try! SweepGrid(axes: [("eta", [.number(0.05), .number(0.1), .number(-1)])], seed: 11)

    private func store(_ dir: String) throws -> ResultsStore {
        try ResultsStore(directory: dir, manifest: ResultsManifest(samlabVersion: "test", script: "q.sam", scriptSHA256: "h", seed: 11,
                                                                   axes: ["eta"], grid: ["eta": grid.axes[0].values]), isSweep: true)
    }

    /// GD on λ = [25, 1]: η = 0.05 converges, η = 0.1 diverges (2/η = 20 < 25), η = −1 is an invalid
    /// configuration that fails; the sweep records all three and goes on.
    private func runCell(_ cell: SweepGrid.Cell, calls: inout [String]) throws -> SweepRunner.CellOutcome? {
        calls.append(cell.id)
        guard case .number(let eta) = cell.parameters["eta"]! else { return nil }
        let problem = try QuadraticProblem(eigenvalues: [25, 1], seed: cell.seed)
        let optimizer = PhasedOptimizer(try OptimizerConfiguration(learningRate: eta))
        let trainer = try Trainer(stop: .steps(200), schedule: .everySteps(20), probes: ProbeSet([.loss, .hessianTop(k: 1)]))
        return .init(result: try trainer.run(task: QuadraticTask(problem), optimizer: optimizer, initial: problem.w0), layout: nil)
    }

    func testStatusesFilesAndResume() throws {
        let dir = directory()
        var calls: [String] = []
        let records = try SweepRunner(store: try store(dir), cells: grid.cells, progress: ProgressDisplay(quiet: true)).run { try runCell($0, calls: &calls) }
        XCTAssertEqual(records.map(\.status), [.done, .diverged, .failed])
        XCTAssertTrue(records[2].message!.contains("lr"), records[2].message!)
        for cell in grid.cells { XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/runs/\(cell.id)/metrics.csv")) }
        let metrics = try MetricsTable(csv: String(contentsOfFile: "\(dir)/runs/eta=0.1/metrics.csv", encoding: .utf8))
        XCTAssertFalse(metrics.rows.isEmpty, "a diverged cell keeps its probes")

        // A second invocation reruns only the failed cell; finished ones are kept as they were.
        calls = []
        let again = try SweepRunner(store: try store(dir), cells: grid.cells, progress: ProgressDisplay(quiet: true)).run { try runCell($0, calls: &calls) }
        XCTAssertEqual(calls, ["eta=-1"])
        XCTAssertEqual(again.map(\.id), records.map(\.id))
        let manifest = try JSONDecoder().decode(ResultsManifest.self, from: Data(contentsOf: URL(fileURLWithPath: "\(dir)/sweep.json")))
        XCTAssertEqual(manifest.cells.count, 3)
    }

    /// Shards run separately cover the grid, with each cell's numbers independent of the sharding.
    func testShardsEqualTheUnshardedRun() throws {
        let whole = directory(), parts = directory()
        var calls: [String] = []
        let full = try SweepRunner(store: try store(whole), cells: grid.cells, progress: ProgressDisplay(quiet: true)).run { try runCell($0, calls: &calls) }
        var sharded: [RunRecord] = []
        for i in 0..<2 {
            sharded += try SweepRunner(store: try store(parts), cells: try grid.shard(i, of: 2), progress: ProgressDisplay(quiet: true)).run { try runCell($0, calls: &calls) }
        }
        XCTAssertEqual(Set(sharded.map(\.id)), Set(full.map(\.id)))
        for r in full {
            let s = sharded.first { $0.id == r.id }!
            XCTAssertEqual(s.status, r.status)
            XCTAssertEqual(s.finalMetrics, r.finalMetrics)
        }
    }
}

extension SweepRunnerTests {
    /// Shards written to separate directories and merged equal the unsharded result set.
    func testMergeOfShardDirectories() throws {
        let whole = directory(), a = directory(), b = directory(), merged = directory()
        var calls: [String] = []
        _ = try SweepRunner(store: try store(whole), cells: grid.cells, progress: ProgressDisplay(quiet: true)).run { try runCell($0, calls: &calls) }
        _ = try SweepRunner(store: try store(a), cells: try grid.shard(0, of: 2), progress: ProgressDisplay(quiet: true)).run { try runCell($0, calls: &calls) }
        _ = try SweepRunner(store: try store(b), cells: try grid.shard(1, of: 2), progress: ProgressDisplay(quiet: true)).run { try runCell($0, calls: &calls) }
        let manifest = try ResultsStore.merge([a, b], into: merged)
        XCTAssertEqual(manifest.cells.map(\.id), grid.cells.map(\.id))
        func summaryWithoutTimes(_ dir: String) throws -> [String] {
            try String(contentsOfFile: dir + "/summary.csv", encoding: .utf8).split(separator: "\n").map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { ![4, 5].contains($0.offset) }.map(\.element).joined(separator: ",")
            }
        }
        XCTAssertEqual(try summaryWithoutTimes(merged), try summaryWithoutTimes(whole))
        XCTAssertEqual(try String(contentsOfFile: merged + "/runs/eta=0.05/metrics.csv", encoding: .utf8).split(separator: "\n").count,
                       try String(contentsOfFile: whole + "/runs/eta=0.05/metrics.csv", encoding: .utf8).split(separator: "\n").count)
        XCTAssertThrowsError(try ResultsStore.merge([a, directory()], into: merged))
    }
}
