/// One `probe ... : quantities` clause of a train block: what to measure and when. A run may have several
/// (cheap quantities often, the spectrum rarely); each is measured only when its own schedule fires.
public struct ProbeClause: Sendable, Equatable, CustomStringConvertible {
    public var schedule: ProbeSchedule
    public var quantities: [ProbeQuantity]

    public init(_ schedule: ProbeSchedule, _ quantities: [ProbeQuantity]) {
        self.schedule = schedule
        self.quantities = quantities
    }

    /// E.g. `every 10 steps: loss, grad_norm`.
    public var description: String { "\(schedule): " + quantities.map(\.description).joined(separator: ", ") }
}

/// The clocks of a run's probe clauses, stepped together.
struct ProbeClocks {
    private var clocks: [ProbeClock]
    private let clauses: [ProbeClause]

    init(_ clauses: [ProbeClause], budgetSteps: Int?) {
        self.clauses = clauses
        clocks = clauses.map { ProbeClock($0.schedule, budgetSteps: budgetSteps) }
    }

    /// The quantities due before step `step` (in `order`), empty when no clause fires. Every clause's
    /// clock is advanced, so every-T-seconds clauses keep their own marks.
    mutating func due(step: Int, trainingSeconds: Double, order: [ProbeQuantity]) -> [ProbeQuantity] {
        var wanted: [ProbeQuantity] = []
        for i in clocks.indices where clocks[i].shouldFire(step: step, trainingSeconds: trainingSeconds) { wanted += clauses[i].quantities }
        return order.filter(wanted.contains)
    }

    /// Every clock's every-T-seconds marks, clause after clause (for checkpoints).
    var secondsMarks: [Double] {
        get { clocks.flatMap(\.secondsMarks) }
        set {
            var rest = newValue[...]
            for i in clocks.indices {
                let n = clocks[i].secondsMarks.count
                clocks[i].secondsMarks = Array(rest.prefix(n))
                rest = rest.dropFirst(n)
            }
        }
    }
}
