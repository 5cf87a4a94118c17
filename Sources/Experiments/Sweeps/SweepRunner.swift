import Foundation
import ProcessSupport
import Autodiff
import NN

/// Runs the cells of a sweep (or of one shard of it) into a ``ResultsStore``: finished cells from an
/// earlier, interrupted invocation are kept and skipped; a cell that throws is recorded as `failed` with its
/// message and the sweep goes on; a diverged cell is a result like any other. After each cell the manifest,
/// the summary and the cell's files are written atomically, so `kill -9` loses at most the running cell.
public final class SweepRunner {
    /// What running one cell produced: the run, and the layout to name its parameters in
    /// `params.safetensors` (nil: no parameter file).
    public struct CellOutcome {
        public var result: RunResult
        public var layout: ParameterLayout?
        public init(result: RunResult, layout: ParameterLayout?) { self.result = result; self.layout = layout }
    }

    public let store: ResultsStore
    public let cells: [SweepGrid.Cell]
    public let progress: ProgressDisplay

    public init(store: ResultsStore, cells: [SweepGrid.Cell], progress: ProgressDisplay) {
        self.store = store
        self.cells = cells
        self.progress = progress
    }

    /// Runs every cell not already finished; returns the records of all this shard's cells, in grid order.
    public func run(_ body: (SweepGrid.Cell) throws -> CellOutcome?) throws -> [RunRecord] {
        var records: [RunRecord] = []
        var counts: [RunStatus: Int] = [:]
        let start = ProcessInfo.processInfo.systemUptime
        var ran = 0
        for (i, cell) in cells.enumerated() {
            if let done = store.finishedRecord(id: cell.id) {
                records.append(done)
                counts[done.status, default: 0] += 1
                continue
            }
            if Interruption.isRequested { break }
            progress.update(status(i, counts, start, ran, running: cell.id), force: true)
            var record: RunRecord
            let cellStart = ProcessInfo.processInfo.systemUptime
            do {
                if let outcome = try body(cell) {
                    var r = outcome.result.record
                    r.id = cell.id
                    r.parameters = cell.parameters
                    r.seed = cell.seed
                    if let layout = outcome.layout {
                        try store.record(r, result: outcome.result, layout: layout, metadata: ["cell": cell.id, "status": r.status.rawValue])
                    } else {
                        try store.record(r, metrics: outcome.result.metrics)
                    }
                    record = r
                } else {
                    record = RunRecord(id: cell.id, parameters: cell.parameters, seed: cell.seed, status: .done, steps: 0,
                                       trainingSeconds: 0, probeSeconds: 0, wallSeconds: ProcessInfo.processInfo.systemUptime - cellStart, finalMetrics: [:])
                    try store.record(record, metrics: MetricsTable())
                }
            } catch {
                let failed = RunRecord(id: cell.id, parameters: cell.parameters, seed: cell.seed, status: .failed, message: "\(error)",
                                       steps: 0, trainingSeconds: 0, probeSeconds: 0,
                                       wallSeconds: ProcessInfo.processInfo.systemUptime - cellStart, finalMetrics: [:])
                try store.record(failed, metrics: MetricsTable())
                record = failed
            }
            ran += 1
            records.append(record)
            counts[record.status, default: 0] += 1
        }
        progress.finish(status(cells.count, counts, start, ran, running: nil))
        return records
    }

    private func status(_ index: Int, _ counts: [RunStatus: Int], _ start: Double, _ ran: Int, running: String?) -> String {
        let finished = counts.values.reduce(0, +)
        var text = "sweep \(ProgressDisplay.bar(fraction: Double(finished) / Double(max(cells.count, 1)))) \(finished)/\(cells.count) cells"
        text += "  done \(counts[.done, default: 0])  diverged \(counts[.diverged, default: 0])  failed \(counts[.failed, default: 0])"
        let elapsed = ProcessInfo.processInfo.systemUptime - start
        if ran > 0, let running {
            let remaining = cells.count - finished
            text += "  ETA " + ProgressDisplay.duration(elapsed / Double(ran) * Double(remaining))
            text += "  running \(running)"
        } else if let running {
            text += "  running \(running)"
        } else {
            text += "  in " + ProgressDisplay.duration(elapsed)
        }
        return text
    }
}
