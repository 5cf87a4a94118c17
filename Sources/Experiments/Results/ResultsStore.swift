import Foundation
import ProcessSupport
import Autodiff
import NN

/// The result directory of a run or sweep (DESIGN.md §5):
/// `sweep.json` or `run.json`, `summary.csv`, `runs/<cell>/metrics.csv`, `runs/<cell>/params.safetensors`,
/// `figures/*.svg`. Every file is written atomically, and the manifest is rewritten after each cell, so a
/// killed sweep resumes from its finished cells.
public final class ResultsStore {
    public let directory: String
    public private(set) var manifest: ResultsManifest
    private let manifestName: String

    /// Opens (or starts) the results in `directory`. When a manifest exists for the same script hash,
    /// its finished cells are kept; for a different hash this throws unless `overwrite`.
    public init(directory: String, manifest fresh: ResultsManifest, isSweep: Bool, overwrite: Bool = false) throws {
        self.directory = directory
        manifestName = isSweep ? "sweep.json" : "run.json"
        let path = (directory as NSString).appendingPathComponent(manifestName)
        if !overwrite, let data = FileManager.default.contents(atPath: path) {
            let existing: ResultsManifest
            do { existing = try JSONDecoder().decode(ResultsManifest.self, from: data) } catch {
                throw ExperimentError("\(path) exists but is not a samlab manifest (\(error)); use another --out or delete it")
            }
            guard existing.scriptSHA256 == fresh.scriptSHA256 else {
                throw ExperimentError("\(path) holds results of a different version of \(existing.script) (SHA-256 \(existing.scriptSHA256.prefix(12))…, now \(fresh.scriptSHA256.prefix(12))…); rerun with --overwrite or another --out so results are not mixed")
            }
            guard existing.seed == fresh.seed else {
                throw ExperimentError("\(path) was produced with seed \(existing.seed), not \(fresh.seed); use another --out so results are not mixed")
            }
            manifest = fresh
            manifest.cells = existing.cells
        } else {
            manifest = fresh
        }
    }

    /// A finished (done or diverged) cell's record, if the store has one: such cells are not rerun.
    public func finishedRecord(id: String) -> RunRecord? {
        manifest.cells.first { $0.id == id && ($0.status == .done || $0.status == .diverged) }
    }

    /// The directory of one cell's files.
    public func cellDirectory(_ id: String) -> String {
        (directory as NSString).appendingPathComponent("runs/\(id)")
    }

    /// Records a run under `record.id`: its final parameters to `runs/<id>/params.safetensors` (named by
    /// `layout`, with `metadata`; none when the parameters are not finite), then its metrics, the manifest
    /// and the summary. Single runs and sweep cells are written here and only here.
    public func record(_ record: RunRecord, result: RunResult, layout: ParameterLayout, metadata: [String: String] = [:]) throws {
        if result.parameters.isFinite {
            try ParameterFile.save(result.parameters, layout: layout,
                                   to: (cellDirectory(record.id) as NSString).appendingPathComponent("params.safetensors"), metadata: metadata)
        }
        try self.record(record, metrics: result.metrics)
    }

    /// Writes a cell's metrics and records it (replacing an earlier record of the same id), then rewrites
    /// the manifest and the summary.
    public func record(_ record: RunRecord, metrics: MetricsTable) throws {
        try AtomicFile.write(metrics.csv, to: (cellDirectory(record.id) as NSString).appendingPathComponent("metrics.csv"))
        manifest.cells.removeAll { $0.id == record.id }
        manifest.cells.append(record)
        try flush()
    }

    /// Replaces the cell list (used when merging shards).
    func replaceCells(_ cells: [RunRecord]) { manifest.cells = cells }

    /// Rewrites the manifest and `summary.csv`, cells in grid order.
    public func flush() throws {
        let order = SweepGrid.cellOrder(axes: manifest.axes, grid: manifest.grid)
        if !order.isEmpty { try sortCells(byGrid: order) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest), to: (directory as NSString).appendingPathComponent(manifestName))
        try AtomicFile.write(summaryCSV, to: (directory as NSString).appendingPathComponent("summary.csv"))
    }

    /// One row per cell: its parameters, status, steps, seconds, then its final metrics.
    public var summaryCSV: String {
        let metricNames = Array(Set(manifest.cells.flatMap { $0.finalMetrics.keys })).sorted { MetricColumn($0) < MetricColumn($1) }
        var lines = [(["cell"] + manifest.axes + ["status", "steps", "training_s", "wall_s"] + metricNames.map { "final_" + $0 }).joined(separator: ",")]
        for cell in manifest.cells {
            var fields = [csvField(cell.id)]
            fields += manifest.axes.map { csvField(cell.parameters[$0]?.description ?? "") }
            fields += [cell.status.rawValue, String(cell.steps), MetricsTable.format(cell.trainingSeconds), MetricsTable.format(cell.wallSeconds)]
            fields += metricNames.map { cell.finalMetrics[$0].map(MetricsTable.format) ?? "" }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
