import Foundation
import ProcessSupport

/// The contents of `sweep.json` (or `run.json` for a single run).
public struct ResultsManifest: Codable, Sendable, Equatable {
    /// The version of samlab: what `samlab --version` prints and result files record.
    public static let currentVersion = "0.1.0"

    public var samlabVersion: String
    public var script: String
    public var scriptSHA256: String
    public var seed: UInt64
    /// Axis name → its values, in axis order.
    public var axes: [String]
    public var grid: [String: [ParameterValue]]
    public var cells: [RunRecord]

    enum CodingKeys: String, CodingKey {
        case samlabVersion = "samlab_version", script, scriptSHA256 = "script_sha256", seed, axes, grid, cells
    }

    /// The manifest of a fresh result set of `script` (its text hashed; `(repl)` for none) by this samlab.
    public init(script: String?, seed: UInt64, axes: [String] = [], grid: [String: [ParameterValue]] = [:]) {
        let text = script.flatMap { try? Data(contentsOf: URL(fileURLWithPath: $0)) } ?? Data()
        self.init(samlabVersion: ResultsManifest.currentVersion, script: script ?? "(repl)", scriptSHA256: SHA256.hex(text), seed: seed, axes: axes, grid: grid)
    }

    public init(samlabVersion: String, script: String, scriptSHA256: String, seed: UInt64, axes: [String], grid: [String: [ParameterValue]], cells: [RunRecord] = []) {
        self.samlabVersion = samlabVersion; self.script = script; self.scriptSHA256 = scriptSHA256
        self.seed = seed; self.axes = axes; self.grid = grid; self.cells = cells
    }
}
