import Foundation

/// One run read back from a results directory: its record and its metrics table.
public struct StoredRun: Sendable {
    public var record: RunRecord
    public var metrics: MetricsTable
    /// Its `runs/<id>` folder.
    public var directory: String
}

/// A results directory read back from disk (`sweep.json` or `run.json`, and each run's `metrics.csv`), for
/// `samlab plot DIR` and for sweeps that resume: finished cells are not rerun but their results are still
/// the sweep's values.
public struct StoredResults: Sendable {
    public var directory: String
    public var manifest: ResultsManifest
    public var isSweep: Bool
    /// The runs in manifest order.
    public var runs: [StoredRun]

    /// Reads `directory`; a missing or corrupt manifest or metrics file is an error naming its path.
    public static func load(directory: String) throws -> StoredResults {
        for (name, isSweep) in [("sweep.json", true), ("run.json", false)] {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let manifest: ResultsManifest
            do { manifest = try JSONDecoder().decode(ResultsManifest.self, from: data) } catch {
                throw ExperimentError("\(path) is not a samlab results manifest (\(error))")
            }
            let runs = try manifest.cells.map { try storedRun($0, in: directory) }
            return StoredResults(directory: directory, manifest: manifest, isSweep: isSweep, runs: runs)
        }
        throw ExperimentError("\(directory) holds no samlab results: expected sweep.json or run.json there")
    }

    /// A recorded run with its metrics (an empty table when the run wrote none, e.g. a failed cell).
    static func storedRun(_ record: RunRecord, in directory: String) throws -> StoredRun {
        let folder = (directory as NSString).appendingPathComponent("runs/\(record.id)")
        let path = (folder as NSString).appendingPathComponent("metrics.csv")
        var metrics = MetricsTable()
        if let data = FileManager.default.contents(atPath: path) {
            guard let text = String(data: data, encoding: .utf8) else { throw ExperimentError("\(path) is not UTF-8 text") }
            do { metrics = try MetricsTable(csv: text) } catch { throw ExperimentError("\(path): \(error)") }
        }
        return StoredRun(record: record, metrics: metrics, directory: folder)
    }
}

extension ResultsStore {
    /// A finished cell read back from disk (see ``finishedRecord(id:)``), or nil.
    public func finishedRun(id: String) throws -> StoredRun? {
        guard let record = finishedRecord(id: id) else { return nil }
        return try StoredResults.storedRun(record, in: directory)
    }
}
