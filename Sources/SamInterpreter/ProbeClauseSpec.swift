/// One `probe` clause of a train form, as the `train` builtin receives it in its `probes` argument.
///
/// The interpreter evaluates each clause and passes the list of their ``value``s, records of the form
///
///     {schedule: {kind: "every_steps", every: 25},
///      items: [{name: "loss", arguments: {}}, {name: "hessian_top", arguments: {k: 3}}]}
///
/// where `schedule` is one of `{kind: "every_steps", every: N}`, `{kind: "every_seconds", every: T}`,
/// `{kind: "at", steps: [s1, s2, ...]}` or `{kind: "log", points: N}`, and each item's `arguments`
/// holds every parameter of the registered probe (given or default) by name. Records keep the value
/// printable and usable from `.sam`; ``init(_:)`` decodes one back for native code.
public struct ProbeClauseSpec {
    /// When a clause fires.
    public enum Schedule: Equatable {
        /// At step 0 and every N optimizer steps (N ≥ 1).
        case everySteps(Int)
        /// Every T seconds of training time (T > 0).
        case everySeconds(Double)
        /// At the listed steps (each ≥ 0).
        case atSteps([Int])
        /// About N steps spaced evenly in log(step) (N ≥ 1).
        case logSpaced(points: Int)
    }

    /// One measured quantity with its bound arguments.
    public struct Item {
        /// The probe name.
        public var name: String
        /// Every parameter of the probe, given or default, by name.
        public var arguments: Record

        /// Creates an item.
        public init(name: String, arguments: Record) {
            self.name = name
            self.arguments = arguments
        }
    }

    /// When the clause fires.
    public var schedule: Schedule
    /// What it measures, in order.
    public var items: [Item]

    /// Creates a clause.
    public init(schedule: Schedule, items: [Item]) {
        self.schedule = schedule
        self.items = items
    }

    /// Decodes a clause from its record form (see the type's documentation).
    public init(_ value: Value) throws {
        let record = try value.asRecord(for: "a probe clause")
        guard let scheduleValue = record["schedule"], let itemsValue = record["items"] else {
            throw RuntimeError("a probe clause needs the fields 'schedule' and 'items'")
        }
        let schedule = try scheduleValue.asRecord(for: "a probe schedule")
        func field(_ name: String) throws -> Value {
            guard let value = schedule[name] else { throw RuntimeError("a probe schedule lacks the field '\(name)'") }
            return value
        }
        switch try field("kind").asString(for: "a probe schedule kind") {
        case "every_steps": self.schedule = .everySteps(try field("every").asInt(for: "every"))
        case "every_seconds": self.schedule = .everySeconds(try field("every").asDouble(for: "every"))
        case "at": self.schedule = .atSteps(try field("steps").asList(for: "steps").map { try $0.asInt(for: "a probe step") })
        case "log": self.schedule = .logSpaced(points: try field("points").asInt(for: "points"))
        case let kind: throw RuntimeError("unknown probe schedule kind '\(kind)'")
        }
        self.items = try itemsValue.asList(for: "probe items").map { item in
            let fields = try item.asRecord(for: "a probe item")
            return Item(name: try (fields["name"] ?? .none).asString(for: "a probe name"),
                        arguments: try (fields["arguments"] ?? .record(Record())).asRecord(for: "probe arguments"))
        }
    }

    /// The record form.
    public var value: Value {
        let schedule: Record
        switch self.schedule {
        case .everySteps(let n): schedule = Record([("kind", .string("every_steps")), ("every", .integer(n))])
        case .everySeconds(let t): schedule = Record([("kind", .string("every_seconds")), ("every", .number(t))])
        case .atSteps(let steps): schedule = Record([("kind", .string("at")), ("steps", .list(steps.map(Value.integer)))])
        case .logSpaced(let points): schedule = Record([("kind", .string("log")), ("points", .integer(points))])
        }
        let items = self.items.map { Value.record(Record([("name", .string($0.name)), ("arguments", .record($0.arguments))])) }
        return .record(Record([("schedule", .record(schedule)), ("items", .list(items))]))
    }
}
