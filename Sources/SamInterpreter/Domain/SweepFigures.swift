import Foundation
import Experiments

/// Turns runs into the paper's figures (Experiments' `PaperFigures`).
enum SweepFigures {
    /// A run's plotted series: labelled by its cell id (or `run`), with η and ρ from the cell's axes, else
    /// from its optimizer.
    static func series(_ run: RunValue, label: String, parameters: [String: ParameterValue]) -> RunSeries {
        let config = run.optimizer.configuration
        func axis(_ names: [String], _ fallback: Double) -> Double {
            for n in names { if case .number(let v)? = parameters[n] { return v } }
            return fallback
        }
        let eta = axis(["eta", "lr"], config.learningRate)
        let rho = axis(["rho"], config.ascent == .none ? 0 : config.rho)
        return RunSeries(label: label, eta: eta, rho: rho, table: run.result.metrics)
    }

    /// The heat-map value of a cell: the median of λ1/E over the second half of its probes, else its final loss.
    static func cellValue(_ run: RunValue?) -> (value: Double?, metric: String) {
        guard let run else { return (nil, "final loss") }
        let ratios = run.result.metrics.column("lambda_1_over_sam_edge").filter(\.isFinite)
        if !ratios.isEmpty {
            let half = Array(ratios.suffix(max(1, ratios.count / 2))).sorted()
            return (half[half.count / 2], "median λ1/E, second half")
        }
        return (run.result.record.finalMetrics["loss"], "final loss")
    }

    /// Writes the figures of a sweep (eigenvalues vs edges, loss, alignment, edge ratio, and the η × ρ
    /// heat-map when both axes exist) into `directory`; returns the paths written.
    @discardableResult
    static func write(sweep: [(parameters: [String: ParameterValue], run: RunValue?, status: RunStatus)], to directory: String) throws -> [String] {
        let runs = sweep.compactMap { cell -> RunSeries? in
            guard let run = cell.run, cell.status != .failed else { return nil }
            return series(run, label: cellLabel(cell.parameters), parameters: cell.parameters)
        }
        var cells: [Experiments.SweepCell] = []
        var metric = "final loss"
        if sweep.allSatisfy({ $0.parameters["eta"] != nil && $0.parameters["rho"] != nil }) {
            for cell in sweep {
                guard case .number(let eta)? = cell.parameters["eta"], case .number(let rho)? = cell.parameters["rho"] else { continue }
                let (value, name) = cellValue(cell.run)
                metric = name
                let status: Experiments.SweepCell.Status = cell.status == .diverged ? .diverged : cell.status == .failed ? .failed : .done
                cells.append(Experiments.SweepCell(eta: eta, rho: rho, status: status, value: value))
            }
        }
        guard !runs.isEmpty || !cells.isEmpty else { return [] }
        return try PaperFigures.writeAll(runs: runs, sweep: cells, sweepMetric: metric, to: directory)
    }

    static func cellLabel(_ parameters: [String: ParameterValue]) -> String {
        parameters.keys.sorted().map { "\($0)=\(parameters[$0]!)" }.joined(separator: ", ")
    }
}
