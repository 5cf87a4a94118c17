import Experiments

/// One cell of a sweep as the interpreter runs it: a cell of the sweep's ``SweepGrid`` (its id and
/// seed) with the axis names bound to the script's values.
public struct SweepCell {
    /// The axis names bound to this cell's values, in axis order.
    public var bindings: Record
    /// A stable id built from the values, e.g. `eta=0.1_rho=0.05` (see ``SweepGrid``).
    public var id: String
    /// The cell's seed, derived from the run's seed and the id (see ``SweepGrid/derivedSeed(_:_:)``).
    public var seed: UInt64

    /// Creates a cell.
    public init(bindings: Record, id: String, seed: UInt64) {
        self.bindings = bindings
        self.id = id
        self.seed = seed
    }
}

/// What a `sweep` form asks its runner to do.
public struct SweepRequest {
    /// The axes in order, each with its values (the first axis varies slowest).
    public let axes: [(name: String, values: [Value])]
    /// The cartesian grid of the axes, their values as result files write them: cell order, ids and seeds.
    public let grid: SweepGrid
    /// Where the `sweep` keyword is.
    public var location: RuntimeError.Location
    /// The run's context (seed, output directory, jobs, shard, progress).
    public var context: InterpreterContext

    /// Creates a request; throws when two axes share a name or one has no values.
    public init(axes: [(name: String, values: [Value])], location: RuntimeError.Location, context: InterpreterContext) throws {
        self.axes = axes
        self.grid = try SweepGrid(axes: axes.map { axis in (name: axis.name, values: axis.values.map(SweepRequest.parameterValue)) }, seed: context.seed)
        self.location = location
        self.context = context
    }

    /// The cells in grid order (first axis slowest).
    public var cells: [SweepCell] { grid.cells.map(cell) }

    /// The interpreter's view of a grid cell: its id and seed with the axis values bound.
    public func cell(_ cell: SweepGrid.Cell) -> SweepCell {
        var bindings = Record()
        for (axis, index) in zip(axes, cell.valueIndices) { bindings[axis.name] = axis.values[index] }
        return SweepCell(bindings: bindings, id: cell.id, seed: cell.seed)
    }

    /// An axis value as result files write it (other kinds by their display form).
    static func parameterValue(_ value: Value) -> ParameterValue {
        switch value {
        case .number(let v): return .number(v)
        case .integer(let i): return .number(Double(i))
        case .bool(let b): return .flag(b)
        case .string(let s): return .text(s)
        default: return .text(ValueFormatter.display(value))
        }
    }
}

/// The hook a `sweep` form goes through: it receives the axes and a closure that runs the body for one
/// cell, and decides which cells run, in what order, and what the sweep's value is.
///
/// `runCell` evaluates the sweep body in a fresh scope with the cell's axis names bound, with
/// ``InterpreterContext/currentCell`` set to the cell while it runs; it returns the value of the
/// body's last statement when that is an expression statement (typically the train form), else `none`.
/// It throws the body's runtime errors; a runner may record them as a failed cell and go on.
public protocol SweepRunning {
    /// Runs the sweep and returns its value.
    func run(_ sweep: SweepRequest, runCell: (SweepCell) throws -> Value) throws -> Value
}

/// The default runner: every cell in grid order, in this process, stopping at the first error. The
/// sweep's value is a list of records, one per cell: the axis values, then `result` (the cell's value).
public struct CartesianSweepRunner: SweepRunning {
    /// Creates the runner.
    public init() {}

    public func run(_ sweep: SweepRequest, runCell: (SweepCell) throws -> Value) throws -> Value {
        var results: [Value] = []
        for cell in sweep.cells {
            var record = cell.bindings
            record["result"] = try runCell(cell)
            results.append(.record(record))
        }
        return .list(results)
    }
}
