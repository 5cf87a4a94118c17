import Experiments

/// One cell of a sweep: the axis values and the seed the cell's builtins should use.
public struct SweepCell {
    /// The axis names bound to this cell's values, in axis order.
    public var bindings: Record
    /// A stable id built from the values, e.g. `eta=0.1_rho=0.05`.
    public var id: String
    /// The cell's seed, derived from the run's seed and the id (see ``SweepGrid/derivedSeed(_:_:)``).
    public var seed: UInt64

    /// Creates a cell.
    public init(bindings: Record, id: String, seed: UInt64) {
        self.bindings = bindings
        self.id = id
        self.seed = seed
    }

    /// The id `name=value_name=value` of some bindings (an empty grid's one cell is `run`).
    public static func id(of bindings: Record) -> String {
        bindings.fields.isEmpty ? "run" : bindings.fields.map { "\($0.name)=\(ValueFormatter.display($0.value))" }.joined(separator: "_")
    }
}

/// What a `sweep` form asks its runner to do.
public struct SweepRequest {
    /// The axes in order, each with its values (the first axis varies slowest).
    public var axes: [(name: String, values: [Value])]
    /// Where the `sweep` keyword is.
    public var location: RuntimeError.Location
    /// The run's context (seed, output directory, jobs, shard, progress).
    public var context: InterpreterContext

    /// Creates a request.
    public init(axes: [(name: String, values: [Value])], location: RuntimeError.Location, context: InterpreterContext) {
        self.axes = axes
        self.location = location
        self.context = context
    }

    /// The cells of the cartesian grid in order (first axis slowest), with ids and derived seeds.
    public var cells: [SweepCell] {
        var combinations: [[(name: String, value: Value)]] = [[]]
        for axis in axes {
            combinations = combinations.flatMap { prefix in axis.values.map { prefix + [(axis.name, $0)] } }
        }
        return combinations.map { fields in
            let bindings = Record(fields)
            let id = SweepCell.id(of: bindings)
            return SweepCell(bindings: bindings, id: id, seed: SweepGrid.derivedSeed(context.seed, id))
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
