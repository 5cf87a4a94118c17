import Foundation
import SamInterpreter
import SamLanguage
import XCTest

/// A stop condition as a native object: `after(steps: 3) or after(minutes: 1)` combines two.
private final class StopCondition: NativeOperand, NamedNativeType {
    static let nativeTypeName = "Stop"
    let parts: [String]
    init(_ parts: [String]) { self.parts = parts }
    var typeName: String { Self.nativeTypeName }
    var summary: String { "Stop(" + parts.joined(separator: " or ") + ")" }
    var fieldNames: [String] { ["count"] }
    func field(_ name: String) -> Value? { name == "count" ? .integer(parts.count) : nil }
    func binary(_ op: BinaryOperator, _ other: Value, reversed: Bool) throws -> Value? {
        guard op == .or, case .native(let object as StopCondition) = other else { return nil }
        return .native(StopCondition(parts + object.parts))
    }
}

/// Records the cells it was asked to run, then runs them in reverse.
private final class RecordingSweepRunner: SweepRunning {
    var requests: [[String]] = []
    func run(_ sweep: SweepRequest, runCell: (SweepCell) throws -> Value) throws -> Value {
        requests.append(sweep.cells.map(\.id))
        return .list(try sweep.cells.reversed().map(runCell))
    }
}

/// The domain forms reach their hooks: `train` with named arguments and probe clauses, the sweep
/// runner, `plot` and `save`.
final class DomainFormTests: XCTestCase {
    /// A registry whose `train` returns its arguments as a record, with two probes and a stop condition.
    private func registry() -> BuiltinRegistry {
        var registry = BuiltinRegistry.language()
        registry.register(
            "train",
            parameters: [.init("model"), .init("data"), .init("lr", .number), .init("stop", .native("Stop"), default: .none),
                         .init("probes", .list, default: .list([]))],
            returns: .record, doc: "Echoes its arguments.") { call in
            var record = Record()
            for name in ["model", "data", "lr", "stop", "probes"] { record[name] = try call.value(name) }
            record["seed"] = call.context.currentCell.map { .integer(Int(truncatingIfNeeded: $0.seed)) } ?? .none
            return .record(record)
        }
        registry.register(ProbeSpec("loss", doc: "The training loss."))
        registry.register(ProbeSpec("hessian_top", parameters: [.init("k", .int, default: .integer(1))], doc: "Top Hessian eigenvalues."))
        registry.register("after", parameters: [.optional("steps", .int), .optional("minutes", .number)], returns: .native("Stop"),
                          doc: "A stop condition.") { call in
            .native(StopCondition([call.isGiven("steps") ? "steps" : "minutes"]))
        }
        return registry
    }

    func testTrainFormCallsTheTrainBuiltinWithNamedArgumentsAndProbes() throws {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run("""
            let run = train "net" on [1, 2] {
              lr = 0.1
              stop = after(steps: 3) or after(minutes: 1)
              probe every 5 steps: loss, hessian_top(k: 3)
              probe at [0, 10]: hessian_top
              probe log(points: 4): loss
              probe every 0.5 seconds: loss
            }
            print(run.model, run.data, run.lr, run.stop, run.stop.count)
            for clause in run.probes { print(clause) }
            """, registry: registry())
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, """
            net [1, 2] 0.1 Stop(steps or minutes) 2
            {schedule: {kind: "every_steps", every: 5}, items: [{name: "loss", arguments: {}}, {name: "hessian_top", arguments: {k: 3}}]}
            {schedule: {kind: "at", steps: [0, 10]}, items: [{name: "hessian_top", arguments: {k: 1}}]}
            {schedule: {kind: "log", points: 4}, items: [{name: "loss", arguments: {}}]}
            {schedule: {kind: "every_seconds", every: 0.5}, items: [{name: "loss", arguments: {}}]}

            """)
    }

    func testProbeClauseRecordsDecode() throws {
        let spec = ProbeClauseSpec(schedule: .atSteps([0, 5]), items: [.init(name: "hessian_top", arguments: Record([("k", .integer(2))]))])
        let decoded = try ProbeClauseSpec(spec.value)
        XCTAssertEqual(decoded.schedule, .atSteps([0, 5]))
        XCTAssertEqual(decoded.items.map(\.name), ["hessian_top"])
        XCTAssertTrue(decoded.items[0].arguments["k"]!.isEqual(to: .integer(2)))
    }

    func testBadProbeSchedulesAreRuntimeErrors() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let zero = harness.run("let n = 0\ntrain 1 on 2 { lr = 1\n probe every n steps: loss }\n", registry: registry())
        XCTAssertEqual(zero.status, 70)
        XCTAssertTrue(zero.stderr.hasPrefix("main.sam:3:14: error: the probe interval must be at least 1 step, got 0\n"), zero.stderr)
    }

    func testTrainWithoutARegisteredBuiltinIsAnError() {
        let (stderr, status) = failure(of: "train 1 on 2 { lr = 1 }\n", registry: .language())
        XCTAssertEqual(status, 70)
        XCTAssertTrue(stderr.contains("error: training is not available: no builtin named 'train' is registered"), stderr)
    }

    func testSweepRunsTheCartesianGridWithSeedsPerCell() {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run("""
            let results = sweep eta in [0.1, 0.2], seed in 0..<2 {
              let product = eta * 10
              train "m" on "d" { lr = product }
            }
            print(len(results))
            for cell in results { print(cell.eta, cell.seed, cell.result.lr, type(cell.result.seed)) }
            """, registry: registry())
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "4\n0.1 0 1.0 integer\n0.1 1 1.0 integer\n0.2 0 2.0 integer\n0.2 1 2.0 integer\n")
    }

    func testSweepGoesThroughTheRegisteredRunner() {
        var registry = BuiltinRegistry.language()
        let runner = RecordingSweepRunner()
        registry.sweepRunner = runner
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run("print(sweep a in [1, 2], b in [\"x\"] { a })\n", registry: registry)
        XCTAssertEqual(outcome.stdout, "[2, 1]\n")
        XCTAssertEqual(runner.requests, [["a=1_b=x", "a=2_b=x"]])
    }

    func testSaveWritesJSONIntoTheResultsDirectory() throws {
        let harness = ScriptHarness()
        defer { harness.remove() }
        let outcome = harness.run("""
            save {name: "run", values: [1, 0.5, inf], m: tensor([[1, 2]]), ok: true, none_value: none} to "data/out.json"
            save 1 to "x.csv"
            """)
        XCTAssertEqual(outcome.status, 70)
        XCTAssertTrue(outcome.stderr.hasPrefix("main.sam:2:11: error: cannot save to 'x.csv': only .json files can be written\n"), outcome.stderr)
        let json = try String(contentsOfFile: harness.directory + "/out/data/out.json", encoding: .utf8)
        XCTAssertEqual(json, #"{"name": "run", "values": [1, 0.5, null], "m": {"dtype": "float64", "shape": [1, 2], "data": [1.0, 2.0]}, "ok": true, "none_value": null}"# + "\n")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    func testPlotCallsTheRegisteredPlotBuiltin() {
        var registry = BuiltinRegistry.language()
        registry.register("plot", parameters: [.init("what"), .init("path", .string)], doc: "Records the request.") { call in
            call.context.output.write("plot \(ValueFormatter.repr(try call.value("what"))) -> \(try call.string("path"))\n")
            return .none
        }
        let harness = ScriptHarness()
        defer { harness.remove() }
        XCTAssertEqual(harness.run("plot [1, 2] to \"figures/a.svg\"\n", registry: registry).stdout, "plot [1, 2] -> figures/a.svg\n")
        XCTAssertTrue(failure(of: "plot 1 to \"a.svg\"\n", registry: .language()).stderr.contains("error: 'plot' is not available: no builtin named 'plot' is registered"))
    }

    func testBuiltinsCanCallClosures() {
        var registry = BuiltinRegistry.language()
        registry.register("map", parameters: [.init("xs", .list), .init("f", .function)], returns: .list, doc: "Applies f.") { call in
            let f = try call.function("f")
            return .list(try call.list("xs").map { try call.call(f, [$0]) })
        }
        let harness = ScriptHarness()
        defer { harness.remove() }
        XCTAssertEqual(harness.run("print(map([1, 2], fn(x) => x * 10))\n", registry: registry).stdout, "[10, 20]\n")
        let failing = harness.run("fn f(x) => x[3]\nprint(map([[1]], f))\n", registry: registry)
        XCTAssertTrue(failing.stderr.hasPrefix("main.sam:1:12: error: index 3 is out of range for 1 element\n"), failing.stderr)
        XCTAssertTrue(failing.stderr.contains("main.sam:2:7: note: in 'f', called from here"), failing.stderr)
    }
}
