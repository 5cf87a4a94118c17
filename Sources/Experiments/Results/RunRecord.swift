import Foundation

/// How a run (or sweep cell) ended.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// The stop condition was met.
    case done
    /// NaN/Inf or a loss blow-up stopped it; its probes up to then are kept.
    case diverged
    /// An error stopped it; the message says which.
    case failed
    /// The user interrupted it (Ctrl-C); its probes up to then are kept.
    case interrupted
}

/// A parameter value of a sweep cell, as written in result files.
public enum ParameterValue: Codable, Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case flag(Bool)

    public var description: String {
        switch self {
        case .number(let v): return MetricsTable.format(v)
        case .text(let s): return s
        case .flag(let b): return b ? "true" : "false"
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .flag(b) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let v): try c.encode(v)
        case .text(let s): try c.encode(s)
        case .flag(let b): try c.encode(b)
        }
    }
}

/// The record of one run: its parameters, how it ended, its timings and final metrics.
public struct RunRecord: Codable, Sendable, Equatable {
    /// A stable identifier (for a sweep cell, built from its axis values).
    public var id: String
    /// Axis values (sweep) or the run's own settings.
    public var parameters: [String: ParameterValue]
    /// The seed the run used.
    public var seed: UInt64
    public var status: RunStatus
    /// The error or divergence reason, if any.
    public var message: String?
    /// Optimizer steps taken.
    public var steps: Int
    /// Seconds spent training (probes excluded).
    public var trainingSeconds: Double
    /// Seconds spent in probes.
    public var probeSeconds: Double
    /// Wall-clock seconds from start to end.
    public var wallSeconds: Double
    /// The last finite value of each probed quantity.
    public var finalMetrics: [String: Double]
    /// The optimizer's base learning rate η and SAM radius ρ (0 without an ascent step) at the end of the
    /// run, for plots drawn from results alone; nil in records of cells that never trained.
    public var eta: Double?
    public var rho: Double?

    public init(id: String, parameters: [String: ParameterValue], seed: UInt64, status: RunStatus, message: String? = nil,
                steps: Int, trainingSeconds: Double, probeSeconds: Double, wallSeconds: Double, finalMetrics: [String: Double]) {
        self.id = id; self.parameters = parameters; self.seed = seed; self.status = status; self.message = message
        self.steps = steps; self.trainingSeconds = trainingSeconds; self.probeSeconds = probeSeconds
        self.wallSeconds = wallSeconds; self.finalMetrics = finalMetrics
    }

    /// The final value of a metrics column, if the run probed it.
    public func final(_ column: MetricColumn) -> Double? { finalMetrics[column.name] }

    enum CodingKeys: String, CodingKey {
        case id, parameters, seed, status, message, steps, eta, rho
        case trainingSeconds = "training_s", probeSeconds = "probe_s", wallSeconds = "wall_s", finalMetrics = "final"
    }
}

/// Detects a diverging run: a non-finite loss or gradient, or a loss above a threshold.
public struct DivergenceDetector: Sendable {
    /// The run diverges when the loss exceeds `max(absoluteThreshold, relativeFactor · initial loss)`.
    public var absoluteThreshold: Double
    public var relativeFactor: Double
    /// The first loss seen (the base of the relative threshold); a checkpoint carries it.
    public var initialLoss: Double?

    public init(absoluteThreshold: Double = 1e6, relativeFactor: Double = 1e4) {
        self.absoluteThreshold = absoluteThreshold
        self.relativeFactor = relativeFactor
    }

    /// Nil while the run is healthy; otherwise the reason it diverged.
    public mutating func check(step: Int, loss: Double, gradientNorm: Double) -> String? {
        guard loss.isFinite else { return "loss is \(loss) at step \(step)" }
        guard gradientNorm.isFinite else { return "gradient norm is \(gradientNorm) at step \(step)" }
        if initialLoss == nil { initialLoss = loss }
        let limit = Swift.max(absoluteThreshold, relativeFactor * Swift.abs(initialLoss!))
        if loss > limit { return "loss \(MetricsTable.format(loss)) exceeds \(MetricsTable.format(limit)) at step \(step)" }
        return nil
    }
}
