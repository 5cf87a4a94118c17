import ProcessSupport
import Spectrum
import Tensors
import Optimizers

/// What the training loop needs from a model, a loss and data: minibatch gradients for the optimizer,
/// and loss, gradient and exact Hessian-vector products on the *probe data* (the full training set, or a
/// fixed probe batch for minibatch training) for the probes.
public protocol TrainingTask: AnyObject {
    /// Number of parameters.
    var dimension: Int { get }
    /// Element type of parameters and data.
    var dtype: DType { get }
    /// Optimizer steps per pass over the training data (1 for full batch).
    var stepsPerEpoch: Int { get }
    /// What the probes measure on, for the record (e.g. "full training set (1000 examples)").
    var probeDataDescription: String { get }
    /// What is minimised — the model and its loss (e.g. "MLP 784-256-10, loss half_sse") — for checkpoint
    /// fingerprints: a checkpoint of another objective is never resumed.
    var objectiveDescription: String { get }
    /// The loss/gradient oracle for optimizer step `step` (its minibatch chosen deterministically from the seed).
    func batchOracle(step: Int) throws -> GradientOracle
    /// Loss and gradient on the probe data.
    func probeValueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double
    /// Hessian-vector product on the probe data.
    func probeHessianVectorProduct(at w: Tensor, vector v: Tensor, into result: inout Tensor) throws
    /// Training accuracy on the probe data, when the task is a classification.
    func probeAccuracy(at w: Tensor) throws -> Double?
    /// Test loss and accuracy, when the task has test data.
    func testMetrics(at w: Tensor) throws -> (loss: Double, accuracy: Double?)?
    /// Prepares a fresh task to continue a run at step `step` (a checkpoint's), so that ``batchOracle(step:)``
    /// gives the batches the uninterrupted run would have seen from there on.
    func resume(atStep step: Int) throws
    /// Whether the task can serve probes with this requirement (models on data: yes; they measure nothing
    /// when the data have no labels or test split).
    func provides(_ requirement: ProbeRequirement) -> Bool
}

extension TrainingTask {
    /// Tasks whose batches depend only on the step number need no preparation.
    public func resume(atStep step: Int) throws {}

    /// Models on data serve every probe.
    public func provides(_ requirement: ProbeRequirement) -> Bool { true }
}

extension TrainingTask {
    /// The Hessian at `w` on the probe data as a linear operator (exact Hessian-vector products);
    /// Ctrl-C (see ``Interruption``) stops it between products.
    public func hessianOperator(at w: Tensor) -> ClosureOperator {
        ClosureOperator(dimension: dimension, dtype: dtype) { v in
            try Interruption.check()
            var r = Tensor(zeros: [self.dimension], dtype: self.dtype)
            try self.probeHessianVectorProduct(at: w, vector: v, into: &r)
            return r
        }
    }
}
