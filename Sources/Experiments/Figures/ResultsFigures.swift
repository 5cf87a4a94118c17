import Foundation
import Plotting

/// The figures of a result set (one run or a sweep), from records and metrics alone: what `samlab run`
/// writes into `figures/` and `samlab plot DIR` redraws.
public enum ResultsFigures {
    /// One run of a result set: its axis values (empty for a single run), its record and its metrics.
    public struct Entry: Sendable {
        public var parameters: [String: ParameterValue]
        public var record: RunRecord
        public var metrics: MetricsTable
        public init(parameters: [String: ParameterValue], record: RunRecord, metrics: MetricsTable) {
            self.parameters = parameters; self.record = record; self.metrics = metrics
        }
    }

    /// A run's plotted series: labelled by its axis values, with η and ρ from the axes `eta`/`lr` and
    /// `rho` when present, else from the record.
    public static func series(_ entry: Entry) -> RunSeries {
        func axis(_ names: [String], _ fallback: Double?) -> Double {
            for n in names { if case .number(let v)? = entry.parameters[n] { return v } }
            return fallback ?? .nan
        }
        return RunSeries(label: label(entry.parameters), eta: axis(["eta", "lr"], entry.record.eta), rho: axis(["rho"], entry.record.rho),
                         table: entry.metrics)
    }

    /// The heat-map value of a run: the median of λ1/E over the second half of its probes, else its final loss.
    public static func cellValue(_ entry: Entry) -> (value: Double?, metric: String) {
        let ratios = entry.metrics.column(.edgeRatio).filter(\.isFinite)
        if !ratios.isEmpty {
            let half = Array(ratios.suffix(max(1, ratios.count / 2))).sorted()
            return (half[half.count / 2], "median λ1/E, second half")
        }
        return (entry.record.final(.loss), "final loss")
    }

    /// Writes the figures (eigenvalues vs edges, loss, alignment, edge ratio, and the η × ρ heat-map when
    /// every run has both axes) into `directory`; returns the paths written. Failed runs are left out of
    /// the curves and marked on the heat-map.
    @discardableResult
    public static func write(_ entries: [Entry], to directory: String) throws -> [String] {
        let runs = entries.filter { $0.record.status != .failed && !$0.metrics.rows.isEmpty }.map(series)
        let (cells, metric) = heatmapCells(entries) ?? ([], "final loss")
        guard !runs.isEmpty || !cells.isEmpty else { return [] }
        return try PaperFigures.writeAll(runs: runs, sweep: cells, sweepMetric: metric, to: directory)
    }

    /// The η × ρ heat-map cells of a sweep's runs and the name of the value shown (see ``cellValue(_:)``);
    /// nil unless every run has numeric axes `eta` and `rho`. Failed runs are cells without a value.
    public static func heatmapCells(_ entries: [Entry]) -> (cells: [SweepHeatmapCell], metric: String)? {
        var cells: [SweepHeatmapCell] = []
        var metric = "final loss"
        for entry in entries {
            guard case .number(let eta)? = entry.parameters["eta"], case .number(let rho)? = entry.parameters["rho"] else { return nil }
            let (value, name) = cellValue(entry)
            metric = name
            let status: SweepHeatmapCell.Status = entry.record.status == .diverged ? .diverged : entry.record.status == .failed ? .failed : .done
            cells.append(SweepHeatmapCell(eta: eta, rho: rho, status: status, value: entry.record.status == .failed ? nil : value))
        }
        return (cells, metric)
    }

    /// Redraws the figures of a results directory into its `figures/`.
    @discardableResult
    public static func redraw(_ results: StoredResults) throws -> [String] {
        let entries = results.runs.map { Entry(parameters: $0.record.parameters, record: $0.record, metrics: $0.metrics) }
        return try write(entries, to: (results.directory as NSString).appendingPathComponent("figures"))
    }

    /// `eta=0.1, rho=0.05`: the axis values in name order.
    public static func label(_ parameters: [String: ParameterValue]) -> String {
        parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: ", ")
    }
}
