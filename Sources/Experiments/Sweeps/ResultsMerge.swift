import Foundation

extension ResultsStore {
    /// Assembles the outputs of several shards (each a results directory of the same script, seed and
    /// grid) into one result set in `destination`: cells are united (a cell present in several shards must
    /// have the same status there), their `runs/<cell>` folders copied, and the manifest and summary
    /// rewritten in grid order.
    @discardableResult
    public static func merge(_ sources: [String], into destination: String) throws -> ResultsManifest {
        guard !sources.isEmpty else { throw ExperimentError("merge: no result directories given") }
        var merged: ResultsManifest?
        var origin: [String: String] = [:]
        for source in sources {
            let path = (source as NSString).appendingPathComponent("sweep.json")
            guard let data = FileManager.default.contents(atPath: path) else { throw ExperimentError("merge: \(path) does not exist") }
            let manifest: ResultsManifest
            do { manifest = try JSONDecoder().decode(ResultsManifest.self, from: data) } catch {
                throw ExperimentError("merge: \(path) is not a samlab sweep manifest (\(error))")
            }
            if let m = merged {
                guard m.scriptSHA256 == manifest.scriptSHA256, m.seed == manifest.seed, m.axes == manifest.axes, m.grid == manifest.grid else {
                    throw ExperimentError("merge: \(source) comes from a different script, seed or grid than \(sources[0])")
                }
            } else {
                merged = manifest
                merged!.cells = []
            }
            for cell in manifest.cells {
                if let existing = merged!.cells.first(where: { $0.id == cell.id }) {
                    guard existing.status == cell.status else {
                        throw ExperimentError("merge: cell \(cell.id) is \(existing.status.rawValue) in \(origin[cell.id]!) but \(cell.status.rawValue) in \(source)")
                    }
                    continue
                }
                merged!.cells.append(cell)
                origin[cell.id] = source
            }
        }
        let store = try ResultsStore(directory: destination, manifest: merged!, isSweep: true, overwrite: true)
        for cell in merged!.cells {
            let from = (origin[cell.id]! as NSString).appendingPathComponent("runs/\(cell.id)")
            let to = store.cellDirectory(cell.id)
            guard from != to, FileManager.default.fileExists(atPath: from) else { continue }
            try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: from, toPath: to)
        }
        try store.sortCells(byGrid: SweepGrid.cellOrder(axes: merged!.axes, grid: merged!.grid))
        try store.flush()
        return store.manifest
    }

    /// Reorders the manifest's cells to follow `order` (ids in grid order; unknown ids last).
    func sortCells(byGrid order: [String]) throws {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element, $0.offset) })
        replaceCells(manifest.cells.sorted { (rank[$0.id] ?? Int.max) < (rank[$1.id] ?? Int.max) })
    }
}

extension SweepGrid {
    /// Cell ids in grid order for a manifest's axes and values.
    static func cellOrder(axes: [String], grid: [String: [ParameterValue]]) -> [String] {
        guard let g = try? SweepGrid(axes: axes.map { ($0, grid[$0] ?? []) }, seed: 0) else { return [] }
        return g.cells.map(\.id)
    }
}
