import Foundation
import XCTest

/// The result files of a tiny sweep and a tiny single run (`ResultsGolden/*.sam`, synthetic data, one BLAS
/// thread) must equal the committed copies in `ResultsGolden/expected/<script>/`: `summary.csv` and every
/// `runs/<cell>/metrics.csv` without their timing columns, every `params.safetensors` byte for byte, and
/// the manifest without its timings and script path. This guards the file formats (column names and
/// order, cell ids, number formatting) against refactoring. Run with `SAMLAB_UPDATE_GOLDEN=1` to rewrite
/// the expected files after an intended change.
final class ResultsGoldenTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ResultsGolden").path

    private var harness: CLIHarness!

    override func setUpWithError() throws {
        harness = CLIHarness()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: CLIHarness.executable.path), "no samlab binary at \(CLIHarness.executable.path)")
    }

    override func tearDown() { harness.remove() }

    func testSweepResultsEqualTheGoldenCopy() throws {
        try check("sweep", manifest: "sweep.json", cells: ["eta=0.05_rho=0", "eta=0.05_rho=0.05", "eta=0.2_rho=0", "eta=0.2_rho=0.05"])
    }

    func testSingleRunResultsEqualTheGoldenCopy() throws {
        try check("run", manifest: "run.json", cells: ["run"])
    }

    /// Runs `NAME.sam` and compares (or, when updating, writes) its result files.
    private func check(_ name: String, manifest: String, cells: [String]) throws {
        let script = try String(contentsOfFile: Self.directory + "/\(name).sam", encoding: .utf8)
        harness.write("\(name).sam", script)
        let run = try harness.run(["run", "\(name).sam", "--out", "out", "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        let out = harness.directory + "/out"
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out + "/runs").sorted(), cells)
        var files: [(String, Data)] = [
            ("summary.csv", Data(Self.withoutColumns(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8), where: { $0.hasSuffix("_s") }).utf8)),
            (manifest, try Self.manifestWithoutTimings(Data(contentsOf: URL(fileURLWithPath: out + "/" + manifest)))),
        ]
        for cell in cells {
            let metrics = try String(contentsOfFile: out + "/runs/\(cell)/metrics.csv", encoding: .utf8)
            files.append(("runs/\(cell)/metrics.csv", Data(Self.withoutColumns(metrics, where: { $0 == "time_s" }).utf8)))
            files.append(("runs/\(cell)/params.safetensors", try Data(contentsOf: URL(fileURLWithPath: out + "/runs/\(cell)/params.safetensors"))))
        }
        let expected = Self.directory + "/expected/\(name)/"
        if ProcessInfo.processInfo.environment["SAMLAB_UPDATE_GOLDEN"] == "1" {
            for (path, data) in files {
                try FileManager.default.createDirectory(atPath: ((expected + path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: expected + path))
            }
            return
        }
        for (path, data) in files {
            let golden = try Data(contentsOf: URL(fileURLWithPath: expected + path))
            XCTAssertEqual(data, golden, "\(name): \(path) differs from the golden copy:\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// A CSV text without the columns whose header satisfies `drop`.
    static func withoutColumns(_ csv: String, where drop: (String) -> Bool) -> String {
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = rows.first else { return csv }
        let keep = header.indices.filter { !drop(header[$0]) }
        return rows.map { row in keep.map { $0 < row.count ? row[$0] : "" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The manifest with `script` and every cell's `training_s`, `probe_s` and `wall_s` removed, keys sorted.
    static func manifestWithoutTimings(_ data: Data) throws -> Data {
        guard var manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            XCTFail("the manifest is not a JSON object")
            return data
        }
        manifest["script"] = nil
        if let cells = manifest["cells"] as? [[String: Any]] {
            manifest["cells"] = cells.map { cell in cell.filter { !["training_s", "probe_s", "wall_s"].contains($0.key) } }
        }
        return try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
    }
}
