import Tensors
import Optimizers
import Spectrum

/// What one probe firing shares between its probes: the parameters, the optimizer's state, the loss and
/// gradient on the probe data, the SAM-edge, and the top Hessian eigenpairs when some probe reads them.
/// Probes that need more (another estimate, another gradient) compute it from ``task``.
public final class ProbeContext {
    public let task: TrainingTask
    /// The parameters being probed.
    public let w: Tensor
    /// The optimizer's configuration (its ascent rule and ρ).
    public let optimizer: OptimizerConfiguration
    /// The current learning rate η.
    public let learningRate: Double
    /// ℓ(w) on the probe data.
    public let loss: Double
    /// ∇ℓ(w) on the probe data.
    public let gradient: Tensor
    /// ‖∇ℓ(w)‖.
    public let gradientNorm: Double
    /// E(η, ρ, ‖g‖) with the optimizer's ρ (0 without an ascent step, where E = 2/η).
    public let samEdge: Double
    /// The top eigenpairs (largest algebraic), when a probe of the firing asked for them.
    public internal(set) var top: EigenEstimate?
    /// The probe set (for the spectrum settings and the warm starts it keeps between firings).
    unowned let probeSet: ProbeSet

    init(set: ProbeSet, task: TrainingTask, at w: Tensor, optimizer: OptimizerConfiguration, learningRate: Double) throws {
        self.probeSet = set; self.task = task; self.w = w; self.optimizer = optimizer; self.learningRate = learningRate
        var gradient = Tensor(zeros: [task.dimension], dtype: task.dtype)
        loss = try task.probeValueAndGradient(at: w, into: &gradient)
        self.gradient = gradient
        gradientNorm = gradient.norm
        // At a blown-up point (the step after it marks the run diverged) the edge is NaN, not an error.
        samEdge = gradientNorm.isFinite
            ? try Spectrum.samEdge(eta: learningRate, rho: optimizer.ascent == .none ? 0 : optimizer.rho, gradNorm: gradientNorm) : .nan
    }

    /// The top estimate; only probes whose definition declares ``ProbeDefinition/topEigenpairs`` read it.
    var requiredTop: EigenEstimate {
        get throws {
            guard let top else { throw ExperimentError("a probe read the top eigenpairs without asking for them") }
            return top
        }
    }

    /// The seed of this firing's random estimates.
    var firingSeed: UInt64 { probeSet.firingSeed }

    /// The smallest Hessian eigenvalue (warm-started from the previous firing's).
    func smallestEigenvalue() throws -> Double { try probeSet.smallestEigenvalue(self) }

    /// Loss and gradient at `point` on the probe data.
    func gradient(at point: Tensor) throws -> (loss: Double, gradient: Tensor) {
        var g = Tensor(zeros: [task.dimension], dtype: task.dtype)
        let value = try task.probeValueAndGradient(at: point, into: &g)
        return (value, g)
    }

    /// `w + ε`.
    func shifted(by epsilon: Tensor) -> Tensor {
        var point = w
        point.addScaled(epsilon, 1)
        return point
    }

    /// The Hessian at ``w`` on the probe data.
    var hessian: ClosureOperator { task.hessianOperator(at: w) }
}
