import Tensors
import Optimizers
import Datasets

/// A toy quadratic ℓ(w) = ½ wᵀHw + bᵀw as a training task, in Float64: every step is full batch and the
/// Hessian-vector product is `H·v` exactly. The place to see the edges of stability without noise.
public final class QuadraticTask: TrainingTask {
    public let problem: QuadraticProblem

    public init(_ problem: QuadraticProblem) { self.problem = problem }

    public var dimension: Int { problem.dimension }
    public var dtype: DType { .float64 }
    public var stepsPerEpoch: Int { 1 }
    public var objectiveDescription: String { "½ wᵀHw + bᵀw" }
    public var probeDataDescription: String { "the exact quadratic (\(problem.dimension) dimensions)" }

    public func batchOracle(step: Int) throws -> GradientOracle {
        let problem = self.problem
        return ClosureGradientOracle { w, g in
            g = try problem.gradient(w)
            return try problem.loss(w)
        }
    }

    public func probeValueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double {
        gradient = try problem.gradient(w)
        return try problem.loss(w)
    }

    public func probeHessianVectorProduct(at w: Tensor, vector v: Tensor, into result: inout Tensor) throws {
        result = try problem.hessianVectorProduct(v)
    }

    public func probeAccuracy(at w: Tensor) throws -> Double? { nil }
    public func testMetrics(at w: Tensor) throws -> (loss: Double, accuracy: Double?)? { nil }
    /// A quadratic has no classes and no test data.
    public func provides(_ requirement: ProbeRequirement) -> Bool { false }
}
