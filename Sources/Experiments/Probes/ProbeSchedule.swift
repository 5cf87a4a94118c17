import Foundation

/// When probes fire during training. Probe time is excluded from training time, so `everySeconds`
/// counts seconds of *training*.
public indirect enum ProbeSchedule: Sendable, Equatable, CustomStringConvertible {
    /// Every `n` steps, starting at step 0.
    case everySteps(Int)
    /// At the listed steps.
    case atSteps([Int])
    /// About `points` steps spaced evenly in log(step + 1) over the step budget (step 0 included).
    case logSpaced(points: Int)
    /// Whenever another `seconds` of training time has passed (and at step 0).
    case everySeconds(Double)
    /// Whenever any of the schedules fires.
    case union([ProbeSchedule])

    public var description: String {
        switch self {
        case .everySteps(let n): return "every \(n) steps"
        case .atSteps(let s): return "at steps \(s)"
        case .logSpaced(let p): return "\(p) log-spaced points"
        case .everySeconds(let t): return "every \(t) s of training"
        case .union(let parts): return parts.map(\.description).joined(separator: " or ")
        }
    }

    /// Checks the schedule's parameters; `budgetSteps` is the run's step budget if it has one.
    public func validate(budgetSteps: Int?) throws {
        switch self {
        case .everySteps(let n): if n <= 0 { throw ExperimentError("probe every \(n) steps: the interval must be positive") }
        case .atSteps(let s): if s.contains(where: { $0 < 0 }) { throw ExperimentError("probe at steps \(s): steps must be non-negative") }
        case .logSpaced(let p):
            if p < 2 { throw ExperimentError("log-spaced probes need at least 2 points, got \(p)") }
            if budgetSteps == nil { throw ExperimentError("log-spaced probes need a step budget (stop after N steps)") }
        case .everySeconds(let t): if !(t > 0) { throw ExperimentError("probe every \(t) seconds: the interval must be positive") }
        case .union(let parts): for p in parts { try p.validate(budgetSteps: budgetSteps) }
        }
    }

    /// The steps of a log-spaced schedule over `budget` steps.
    static func logSpacedSteps(points: Int, budget: Int) -> Set<Int> {
        guard budget > 0 else { return [0] }
        let top = log(Double(budget + 1))
        return Set((0..<points).map { i in Int((exp(top * Double(i) / Double(points - 1)) - 1).rounded()) })
    }
}

/// Decides, step by step, whether a ``ProbeSchedule`` fires.
public struct ProbeClock: Sendable {
    private let schedule: ProbeSchedule
    private let logSteps: Set<Int>
    private var nextSecondsMark: [Double]

    public init(_ schedule: ProbeSchedule, budgetSteps: Int?) {
        self.schedule = schedule
        var logSteps = Set<Int>()
        var marks: [Double] = []
        func collect(_ s: ProbeSchedule) {
            switch s {
            case .logSpaced(let p): logSteps.formUnion(ProbeSchedule.logSpacedSteps(points: p, budget: budgetSteps ?? 0))
            case .everySeconds: marks.append(0)
            case .union(let parts): parts.forEach(collect)
            default: break
            }
        }
        collect(schedule)
        self.logSteps = logSteps
        nextSecondsMark = marks
    }

    /// The next training-time mark of each every-T-seconds part (for checkpoints).
    public var secondsMarks: [Double] {
        get { nextSecondsMark }
        set { if newValue.count == nextSecondsMark.count { nextSecondsMark = newValue } }
    }

    /// Whether to probe before step `step` (0-based) after `trainingSeconds` of training.
    public mutating func shouldFire(step: Int, trainingSeconds: Double) -> Bool {
        var markIndex = 0
        return fires(schedule, step, trainingSeconds, &markIndex)
    }

    private mutating func fires(_ s: ProbeSchedule, _ step: Int, _ t: Double, _ markIndex: inout Int) -> Bool {
        switch s {
        case .everySteps(let n): return step % n == 0
        case .atSteps(let steps): return steps.contains(step)
        case .logSpaced: return logSteps.contains(step)
        case .everySeconds(let interval):
            defer { markIndex += 1 }
            guard t >= nextSecondsMark[markIndex] else { return false }
            nextSecondsMark[markIndex] = (floor(t / interval) + 1) * interval
            return true
        case .union(let parts):
            var any = false
            for p in parts where fires(p, step, t, &markIndex) { any = true }
            return any
        }
    }
}
