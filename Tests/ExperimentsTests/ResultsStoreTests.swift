import XCTest
import Foundation
import Experiments

final class ResultsStoreTests: XCTestCase {
    private func temporaryDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("samlab-results-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    private func manifest(hash: String = "abc") -> ResultsManifest {
        ResultsManifest(samlabVersion: "test", script: "s.sam", scriptSHA256: hash, seed: 1, axes: ["eta", "rho"],
                        grid: ["eta": [.number(0.1), .number(0.3)], "rho": [.number(0), .number(0.1)]])
    }

    private func record(_ id: String, _ status: RunStatus) -> RunRecord {
        RunRecord(id: id, parameters: ["eta": .number(0.1), "rho": .number(0)], seed: 3, status: status, steps: 10,
                  trainingSeconds: 1.5, probeSeconds: 0.2, wallSeconds: 1.8, finalMetrics: ["loss": 0.25, "lambda_1": 19.5])
    }

    func testGridCellsIdsSeedsAndShards() throws {
        let grid = try SweepGrid(axes: [("eta", [.number(0.1), .number(0.3)]), ("rho", [.number(0), .number(0.1), .number(1)])], seed: 7)
        XCTAssertEqual(grid.cells.count, 6)
        XCTAssertEqual(grid.cells[1].id, "eta=0.1_rho=0.1")
        XCTAssertEqual(Set(grid.cells.map(\.seed)).count, 6)
        let again = try SweepGrid(axes: [("eta", [.number(0.1), .number(0.3)]), ("rho", [.number(0), .number(0.1), .number(1)])], seed: 7)
        XCTAssertEqual(grid.cells, again.cells)
        let shards = try (0..<4).map { try grid.shard($0, of: 4) }
        XCTAssertEqual(shards.flatMap { $0 }.map(\.id).sorted(), grid.cells.map(\.id).sorted())
        XCTAssertThrowsError(try grid.shard(4, of: 4))
        XCTAssertThrowsError(try SweepGrid(axes: [("eta", [.number(1)]), ("eta", [.number(2)])], seed: 0))
    }

    func testRecordsManifestSummaryAndResume() throws {
        let dir = temporaryDirectory()
        let store = try ResultsStore(directory: dir, manifest: manifest(), isSweep: true)
        var table = MetricsTable()
        table.append([("step", 0), ("loss", 1)])
        try store.record(record("eta=0.1_rho=0", .done), metrics: table)
        try store.record(record("eta=0.1_rho=0.1", .failed), metrics: table)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/runs/eta=0.1_rho=0/metrics.csv"))
        let summary = try String(contentsOfFile: dir + "/summary.csv", encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("cell,eta,rho,status,steps,training_s,wall_s,final_loss,final_lambda_1\n"), summary)
        XCTAssertTrue(summary.contains("eta=0.1_rho=0,0.1,0,done,10,1.5,1.8,0.25,19.5"), summary)

        // Reopening with the same script keeps finished cells; failed ones are to be rerun.
        let reopened = try ResultsStore(directory: dir, manifest: manifest(), isSweep: true)
        XCTAssertNotNil(reopened.finishedRecord(id: "eta=0.1_rho=0"))
        XCTAssertNil(reopened.finishedRecord(id: "eta=0.1_rho=0.1"))
        XCTAssertEqual(reopened.manifest.cells.count, 2)
        // A changed script is detected rather than mixed.
        XCTAssertThrowsError(try ResultsStore(directory: dir, manifest: manifest(hash: "def"), isSweep: true)) {
            XCTAssertTrue("\($0)".contains("different version"), "\($0)")
        }
        XCTAssertNoThrow(try ResultsStore(directory: dir, manifest: manifest(hash: "def"), isSweep: true, overwrite: true))
    }

    func testDivergenceDetector() {
        var d = DivergenceDetector(absoluteThreshold: 100, relativeFactor: 10)
        XCTAssertNil(d.check(step: 0, loss: 2, gradientNorm: 1))
        XCTAssertNil(d.check(step: 1, loss: 90, gradientNorm: 1))
        XCTAssertNotNil(d.check(step: 2, loss: 101, gradientNorm: 1))
        XCTAssertNotNil(d.check(step: 3, loss: .nan, gradientNorm: 1))
        XCTAssertNotNil(d.check(step: 3, loss: 1, gradientNorm: .infinity))
    }
}
