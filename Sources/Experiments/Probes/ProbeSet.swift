import Tensors
import Optimizers
import Spectrum

/// How spectrum probes are computed.
public struct SpectrumSettings: Sendable, Equatable {
    /// Lanczos residual tolerance (nil: 1e-4 in Float32, 1e-8 in Float64).
    public var tolerance: Double?
    /// Largest Krylov dimension per estimate.
    public var maxKrylovDimension: Int?
    /// Start each estimate from the previous probe's eigenvectors.
    public var warmStart: Bool
    public var seed: UInt64

    public init(tolerance: Double? = nil, maxKrylovDimension: Int? = nil, warmStart: Bool = true, seed: UInt64 = 0) {
        self.tolerance = tolerance; self.maxKrylovDimension = maxKrylovDimension; self.warmStart = warmStart; self.seed = seed
    }
}

/// Evaluates a list of probe quantities at the current parameters, keeping Lanczos warm starts between
/// firings. Records how each spectrum estimate was measured (`hvps`, `lanczos_residual` columns).
public final class ProbeSet {
    public let quantities: [ProbeQuantity]
    public let settings: SpectrumSettings
    /// The last top-eigenpair estimate (for warm starts and for the REPL's `spectrum`).
    public private(set) var lastTop: EigenEstimate?
    private var warm = WarmState()

    /// What carries over from one firing to the next: the eigenvectors Lanczos warm-starts from and the
    /// number of firings (which seeds each estimate). A checkpoint saves it so that a resumed run measures
    /// exactly what the uninterrupted run would have.
    public struct WarmState: Sendable {
        /// Eigenvectors of the last top-k estimate.
        public var top: [Tensor] = []
        /// The eigenvector of the last smallest-eigenvalue estimate.
        public var bottom: [Tensor] = []
        /// Firings so far.
        public var firings = 0

        public init(top: [Tensor] = [], bottom: [Tensor] = [], firings: Int = 0) {
            self.top = top; self.bottom = bottom; self.firings = firings
        }
    }

    /// The state carried between firings (read for a checkpoint, set when resuming from one).
    public var warmState: WarmState {
        get { warm }
        set { warm = newValue }
    }

    /// A set measuring `quantities`; throws when one's arguments are out of range (`hessian_top(k: 0)`).
    public init(_ quantities: [ProbeQuantity], settings: SpectrumSettings = SpectrumSettings()) throws {
        for q in quantities { try q.definition.validate(q.arguments) }
        self.quantities = quantities
        self.settings = settings
    }

    /// Measures `quantities` (default: all of the set's) at `w`, for an optimizer in configuration
    /// `optimizer`: one row of column names and values, probe after probe in the given order.
    public func measure(task: TrainingTask, at w: Tensor, optimizer: OptimizerConfiguration, learningRate: Double,
                        quantities selected: [ProbeQuantity]? = nil) throws -> [(MetricColumn, Double)] {
        let quantities = selected ?? self.quantities
        warm.firings += 1
        let context = try ProbeContext(set: self, task: task, at: w, optimizer: optimizer, learningRate: learningRate)
        if let k = quantities.compactMap({ $0.definition.topEigenpairs($0.arguments) }).max() {
            let top = try estimate(task: task, at: w, k: k, end: .largestAlgebraic, previous: warm.top)
            lastTop = top
            warm.top = top.eigenvectors
            context.top = top
        }
        return try quantities.flatMap { try $0.definition.measure(context, $0.arguments) }
    }

    /// The seed of this firing's random estimates (Lanczos starts, Hutchinson probes).
    var firingSeed: UInt64 { settings.seed &+ UInt64(warm.firings) }

    /// The smallest algebraic eigenvalue at the context's parameters, warm-started from the last one's vector.
    func smallestEigenvalue(_ context: ProbeContext) throws -> Double {
        let bottom = try estimate(task: context.task, at: context.w, k: 1, end: .smallestAlgebraic, previous: warm.bottom)
        warm.bottom = bottom.eigenvectors
        return bottom.eigenvalues.first ?? .nan
    }

    private func estimate(task: TrainingTask, at w: Tensor, k: Int, end: SpectrumEnd, previous: [Tensor]) throws -> EigenEstimate {
        let lanczos = Lanczos(k: min(k, task.dimension), end: end, tolerance: settings.tolerance, maxKrylovDimension: settings.maxKrylovDimension,
                              seed: firingSeed, checksMultiplicity: false, verifiesResiduals: false)
        let start: StartVector = settings.warmStart && !previous.isEmpty ? .warm(previous, randomWeight: 0.01) : .random
        return try lanczos.eigenpairs(of: task.hessianOperator(at: w), start: start)
    }
}
