import Foundation
import ProcessSupport
import Tensors
import Optimizers
import Spectrum

/// A quantity measured when a probe fires; each writes the metrics columns named in DESIGN.md §5.
public enum ProbeQuantity: Sendable, Equatable, CustomStringConvertible {
    /// `loss`: training loss on the probe data.
    case loss
    /// `test_loss` and `test_accuracy`.
    case testLoss
    /// `accuracy` on the probe data.
    case accuracy
    /// `grad_norm`: ‖∇ℓ‖ on the probe data.
    case gradNorm
    /// `lambda_1` … `lambda_k`: the top-k Hessian eigenvalues (largest algebraic), by warm-started Lanczos.
    case hessianTop(k: Int)
    /// `lambda_min`: the smallest algebraic eigenvalue.
    case lambdaMin
    /// `trace`: Hutchinson's estimate with this many Rademacher probes.
    case trace(samples: Int)
    /// `gd_edge`: 2/η at the current learning rate.
    case gdEdge
    /// `sam_edge`: E(η, ρ, ‖g‖) with the current η, ρ and gradient norm.
    case samEdge
    /// `lambda_1_over_sam_edge`.
    case edgeRatio
    /// `align_grad` and `align_sam_grad`: |cos| between the top eigenvector and the gradient at the
    /// iterate, and the gradient at SAM's ascent point (when the optimizer has one).
    case alignment

    public var description: String {
        switch self {
        case .loss: return "loss"
        case .testLoss: return "test_loss"
        case .accuracy: return "accuracy"
        case .gradNorm: return "grad_norm"
        case .hessianTop(let k): return "hessian_top(k: \(k))"
        case .lambdaMin: return "lambda_min"
        case .trace(let s): return "trace(samples: \(s))"
        case .gdEdge: return "gd_edge"
        case .samEdge: return "sam_edge"
        case .edgeRatio: return "edge_ratio"
        case .alignment: return "alignment"
        }
    }
}

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

    public init(_ quantities: [ProbeQuantity], settings: SpectrumSettings = SpectrumSettings()) throws {
        for q in quantities {
            if case .hessianTop(let k) = q, k < 1 { throw ExperimentError("hessian_top needs k ≥ 1, got \(k)") }
            if case .trace(let s) = q, s < 1 { throw ExperimentError("trace needs at least 1 sample, got \(s)") }
        }
        self.quantities = quantities
        self.settings = settings
    }

    /// Measures `quantities` (default: all of the set's) at `w`, for an optimizer in configuration `optimizer`.
    public func measure(task: TrainingTask, at w: Tensor, optimizer: OptimizerConfiguration, learningRate: Double,
                        quantities selected: [ProbeQuantity]? = nil) throws -> [(String, Double)] {
        let quantities = selected ?? self.quantities
        warm.firings += 1
        var row: [(String, Double)] = []
        var gradient = Tensor(zeros: [task.dimension], dtype: task.dtype)
        let loss = try task.probeValueAndGradient(at: w, into: &gradient)
        let gnorm = gradient.norm
        let wantsTop = quantities.contains { if case .hessianTop = $0 { return true }; return $0 == .alignment || $0 == .edgeRatio }
        var top: EigenEstimate?
        if wantsTop {
            let k = quantities.compactMap { if case .hessianTop(let k) = $0 { return k }; return nil }.max() ?? 1
            top = try estimate(task: task, at: w, k: k, end: .largestAlgebraic, previous: warm.top)
            lastTop = top
            warm.top = top!.eigenvectors
        }
        let samEdgeValue = try Spectrum.samEdge(eta: learningRate, rho: optimizer.ascent == .none ? 0 : optimizer.rho, gradNorm: gnorm)
        for q in quantities {
            switch q {
            case .loss: row.append(("loss", loss))
            case .gradNorm: row.append(("grad_norm", gnorm))
            case .accuracy: if let a = try task.probeAccuracy(at: w) { row.append(("accuracy", a)) }
            case .testLoss:
                if let test = try task.testMetrics(at: w) {
                    row.append(("test_loss", test.loss))
                    if let a = test.accuracy { row.append(("test_accuracy", a)) }
                }
            case .hessianTop(let k):
                for (i, value) in top!.eigenvalues.prefix(k).enumerated() { row.append(("lambda_\(i + 1)", value)) }
                row.append(("hvps", Double(top!.operatorApplications)))
                row.append(("lanczos_residual", top!.residualNorms.prefix(k).max() ?? .nan))
            case .lambdaMin:
                let bottom = try estimate(task: task, at: w, k: 1, end: .smallestAlgebraic, previous: warm.bottom)
                warm.bottom = bottom.eigenvectors
                row.append(("lambda_min", bottom.eigenvalues.first ?? .nan))
            case .trace(let samples):
                let op = hessianOperator(task: task, at: w)
                let t = try hutchinsonTrace(of: op, samples: samples, seed: settings.seed &+ UInt64(warm.firings))
                row.append(("trace", t.estimate))
            case .gdEdge: row.append(("gd_edge", try Spectrum.gdEdge(eta: learningRate)))
            case .samEdge: row.append(("sam_edge", samEdgeValue))
            case .edgeRatio: row.append(("lambda_1_over_sam_edge", (top!.eigenvalues.first ?? .nan) / samEdgeValue))
            case .alignment:
                guard let v1 = top!.eigenvectors.first else { break }
                row.append(("align_grad", try Spectrum.alignment(v1, gradient)))
                if let epsilon = optimizer.ascent.perturbation(at: w, gradient: gradient, rho: optimizer.rho) {
                    var point = w
                    point.addScaled(epsilon, 1)
                    var samGradient = Tensor(zeros: [task.dimension], dtype: task.dtype)
                    _ = try task.probeValueAndGradient(at: point, into: &samGradient)
                    row.append(("align_sam_grad", try Spectrum.alignment(v1, samGradient)))
                }
            }
        }
        return row
    }

    private func hessianOperator(task: TrainingTask, at w: Tensor) -> ClosureOperator {
        ClosureOperator(dimension: task.dimension, dtype: task.dtype) { v in
            try Interruption.check()
            var r = Tensor(zeros: [task.dimension], dtype: task.dtype)
            try task.probeHessianVectorProduct(at: w, vector: v, into: &r)
            return r
        }
    }

    private func estimate(task: TrainingTask, at w: Tensor, k: Int, end: SpectrumEnd, previous: [Tensor]) throws -> EigenEstimate {
        let lanczos = Lanczos(k: min(k, task.dimension), end: end, tolerance: settings.tolerance, maxKrylovDimension: settings.maxKrylovDimension,
                              seed: settings.seed &+ UInt64(warm.firings), checksMultiplicity: false, verifiesResiduals: false)
        let start: StartVector = settings.warmStart && !previous.isEmpty ? .warm(previous, randomWeight: 0.01) : .random
        return try lanczos.eigenpairs(of: hessianOperator(task: task, at: w), start: start)
    }
}
