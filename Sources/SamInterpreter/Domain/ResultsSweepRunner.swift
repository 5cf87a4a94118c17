import Foundation
import ProcessSupport
import Experiments

/// The sweep runner `samlab run` uses: each cell's body runs in grid order (or the cells of `--shard I/N`),
/// its run recorded in the output directory (`sweep.json`, `summary.csv`, `runs/<cell>/`) as soon as it ends;
/// cells finished by an earlier, interrupted invocation of the same script are kept and not rerun; a cell
/// whose body fails is recorded as `failed` and the sweep goes on; Ctrl-C stops after the running cell.
/// The sweep's value is a list of records: the cell's axis values, then `result` (the value of the cell's
/// body, typically its Run; a StoredRun read back from disk for a cell finished earlier; `none` if it
/// failed) and `status`.
public struct ResultsSweepRunner: SweepRunning {
    public init() {}

    public func run(_ sweep: SweepRequest, runCell: (SweepCell) throws -> Value) throws -> Value {
        let context = sweep.context
        let grid = sweep.grid, axes = grid.axes
        let selected = try context.shard.map { try grid.shard($0.index, of: $0.count) } ?? grid.cells
        let manifest = ResultsManifest(script: context.scriptPath, seed: context.seed, axes: axes.map(\.name),
                                       grid: Dictionary(uniqueKeysWithValues: axes.map { ($0.name, $0.values) }))
        let store = try ResultsStore(directory: context.outputDirectory, manifest: manifest, isSweep: true, overwrite: context.overwrite)
        var metrics: [String: MetricsTable] = [:]
        var values: [String: Value] = [:]
        for cell in selected {
            guard let stored = try store.finishedRun(id: cell.id) else { continue }
            values[cell.id] = .native(StoredRunValue(stored))
            metrics[cell.id] = stored.metrics
        }
        let records = try Interruption.catchingInterrupts {
            try SweepRunner(store: store, cells: selected, progress: context.progress).run { cell in
                let value = try runCell(sweep.cell(cell))
                values[cell.id] = value
                guard case .native(let object as RunValue) = value else { return nil }
                metrics[cell.id] = object.result.metrics
                return SweepRunner.CellOutcome(result: object.result, layout: object.layout)
            }
        }
        let state = DomainState.of(context)
        state.lastSweep = records.map { ResultsFigures.Entry(parameters: $0.parameters, record: $0, metrics: metrics[$0.id] ?? MetricsTable()) }
        try ResultsFigures.write(state.lastSweep, to: BuiltinRegistry.resolve("figures", in: context))
        let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
        return .list(selected.map { cell in
            var record = sweep.cell(cell).bindings
            record["result"] = values[cell.id] ?? Value.none
            record["status"] = .string(byID[cell.id]?.status.rawValue ?? "not run")
            return .record(record)
        })
    }
}
