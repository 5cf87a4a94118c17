/// A cartesian grid of named axes. Cells are ordered with the last axis varying fastest; each has a stable
/// id built from its axis values (e.g. `eta=0.1_rho=0.05`) and a seed derived from the sweep's seed and
/// that id, so a cell's numbers do not depend on which other cells run, in what order, or on which shard.
public struct SweepGrid: Sendable {
    /// One cell of the grid.
    public struct Cell: Sendable, Equatable {
        /// Position in grid order.
        public let index: Int
        /// Axis values in axis order.
        public let values: [(name: String, value: ParameterValue)]
        /// The stable id.
        public let id: String
        /// The derived seed.
        public let seed: UInt64
        /// The position of each value in its axis.
        public let valueIndices: [Int]

        public static func == (a: Cell, b: Cell) -> Bool { a.id == b.id && a.seed == b.seed && a.index == b.index }

        /// Axis values as a dictionary.
        public var parameters: [String: ParameterValue] { Dictionary(values.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }) }
    }

    public let axes: [(name: String, values: [ParameterValue])]
    public let cells: [Cell]

    /// Builds the grid; axis names must be distinct and every axis non-empty.
    public init(axes: [(name: String, values: [ParameterValue])], seed: UInt64) throws {
        var seen = Set<String>()
        for axis in axes {
            guard seen.insert(axis.name).inserted else { throw ExperimentError("sweep axis '\(axis.name)' appears twice") }
            guard !axis.values.isEmpty else { throw ExperimentError("sweep axis '\(axis.name)' has no values") }
        }
        self.axes = axes
        var cells: [Cell] = []
        var combos: [[Int]] = [[]]
        for axis in axes { combos = combos.flatMap { prefix in axis.values.indices.map { prefix + [$0] } } }
        for (i, combo) in combos.enumerated() {
            let values = zip(axes, combo).map { axis, index in (name: axis.name, value: axis.values[index]) }
            let id = values.isEmpty ? "run" : values.map { "\($0.name)=\(SweepGrid.pathSafe($0.value.description))" }.joined(separator: "_")
            cells.append(Cell(index: i, values: values, id: id, seed: SweepGrid.derivedSeed(seed, id), valueIndices: combo))
        }
        self.cells = cells
    }

    /// The cells of shard `index` of `count` (round-robin over grid order, so shards are balanced).
    public func shard(_ index: Int, of count: Int) throws -> [Cell] {
        guard count >= 1, index >= 0, index < count else { throw ExperimentError("shard \(index + 1)/\(count) does not exist (shards are numbered 1...\(max(count, 1)))") }
        return cells.filter { $0.index % count == index }
    }

    /// A seed from a base seed and a cell id (FNV-1a of the id, mixed with SplitMix64).
    public static func derivedSeed(_ base: UInt64, _ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var z = base &+ h &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value made safe for a directory name.
    static func pathSafe(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" ? $0 : "-" })
    }
}
