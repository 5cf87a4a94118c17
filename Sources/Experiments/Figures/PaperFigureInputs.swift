import Foundation
import Plotting

/// One training run's probe results, as plain columns, for the paper's figures.
///
/// Columns use the metrics-table names (`loss`, `grad_norm`, `lambda_1` … `lambda_k`, `gd_edge`,
/// `sam_edge`, `align_grad`, `align_sam_grad`, …), each aligned with ``time``. A NaN entry means the
/// quantity was not probed in that row: figures skip it and join the neighbouring probes. Infinite
/// values (and non-positive ones on log axes) break the line instead. A missing column simply leaves
/// its lines out.
public struct RunSeries: Sendable, Equatable {
    /// Names the run in legends and panel titles when η and ρ alone do not.
    public var label: String
    /// Learning rate η.
    public var eta: Double
    /// SAM radius ρ (0 for plain GD).
    public var rho: Double
    /// Wall-clock training time in seconds, one entry per row.
    public var time: [Double]
    public var columns: [MetricColumn: [Double]]

    public init(label: String, eta: Double, rho: Double, time: [Double], columns: [MetricColumn: [Double]]) {
        self.label = label
        self.eta = eta
        self.rho = rho
        self.time = time
        self.columns = columns
    }

    /// A run read from a metrics table; time is the `timeColumn` column (empty if absent).
    public init(label: String, eta: Double, rho: Double, table: MetricsTable, timeColumn: MetricColumn = .timeSeconds) {
        var columns: [MetricColumn: [Double]] = [:]
        for column in table.columns where column != timeColumn { columns[column] = table.column(column) }
        self.init(label: label, eta: eta, rho: rho,
                  time: table.columns.contains(timeColumn) ? table.column(timeColumn) : [], columns: columns)
    }

    /// The (time, value) pairs of a column where both are probed (not NaN); `nil` if the column is
    /// absent or never probed.
    public func points(_ column: MetricColumn) -> (x: [Double], y: [Double])? {
        guard let values = columns[column] else { return nil }
        let pairs = zip(time, values).filter { !$0.0.isNaN && !$0.1.isNaN }
        return pairs.isEmpty ? nil : (pairs.map(\.0), pairs.map(\.1))
    }
}

/// One cell of a hyper-parameter sweep, for the overview heat map.
public struct SweepHeatmapCell: Sendable, Equatable {
    /// What became of the run.
    public enum Status: Sendable, Equatable {
        case done
        case diverged
        case failed
    }

    public var eta: Double
    public var rho: Double
    public var status: Status
    /// The metric shown (for example median λ₁/E or final loss); `nil` if not available.
    public var value: Double?

    public init(eta: Double, rho: Double, status: Status, value: Double?) {
        self.eta = eta
        self.rho = rho
        self.status = status
        self.value = value
    }
}

/// A named set of (x, y) points drawn as markers, such as empirical sign-flip points.
public struct PointGroup: Sendable, Equatable {
    public var label: String
    public var x: [Double]
    public var y: [Double]

    public init(label: String, x: [Double], y: [Double]) {
        self.label = label
        self.x = x
        self.y = y
    }
}
