import ProcessSupport
import Tensors
import Autodiff
import Optimizers

/// A compiled scalar function of parameters and fixed data tensors as a training task (a `.sam` function
/// traced once, a toy objective, a whole model's forward pass and loss): every step is full batch on the
/// same data, and the probes measure on that data. Loss, gradient and the exact forward-over-reverse
/// Hessian-vector products run the function's compiled programs, so nothing is re-traced in the loop.
///
/// The function's programs keep their buffers; a task must be used from one thread at a time.
public final class FunctionTask: TrainingTask {
    /// The compiled function.
    public let function: DifferentiableFunction
    /// The data tensors passed after the parameters, in the function's dtype.
    public let data: [Tensor]
    /// The function's name, for records and checkpoint fingerprints.
    public let name: String
    /// A digest of the data's values, so that a checkpoint is never resumed on other data of the same shapes.
    private let dataDigest: String

    /// A task minimising `function` on `data` (one tensor per data input, of the traced shapes; converted
    /// to the function's dtype).
    public init(function: DifferentiableFunction, data: [Tensor], name: String) throws {
        guard data.map(\.shape) == function.dataShapes else {
            throw ExperimentError("function \(name) was traced for data of shapes \(function.dataShapes.map(describeShape)), got \(data.map { describeShape($0.shape) })")
        }
        self.function = function
        self.data = data.map { $0.converted(to: function.dtype) }
        self.name = name
        var hasher = SHA256()
        for tensor in self.data { tensor.converted(to: .float64).scalars.withUnsafeBytes { hasher.update($0) } }
        dataDigest = String(hasher.finalize().prefix(16))
    }

    public var dimension: Int { function.layout.dimension }
    public var dtype: DType { function.dtype }
    public var stepsPerEpoch: Int { 1 }
    public var objectiveDescription: String {
        "function \(name)(" + function.layout.entries.map { describeShape($0.shape) }.joined(separator: ", ") + "), data sha256 \(dataDigest)"
    }
    public var probeDataDescription: String {
        data.isEmpty ? "the function (no data)" : "its data (" + data.map { describeShape($0.shape) }.joined(separator: ", ") + ")"
    }

    public func batchOracle(step: Int) throws -> GradientOracle {
        let function = self.function, data = self.data
        return ClosureGradientOracle { w, g in try function.valueAndGradient(at: w, data: data, into: &g) }
    }

    public func probeValueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double {
        try function.valueAndGradient(at: w, data: data, into: &gradient)
    }

    public func probeHessianVectorProduct(at w: Tensor, vector v: Tensor, into result: inout Tensor) throws {
        try function.hessianVectorProduct(at: w, data: data, vector: v, into: &result)
    }

    public func probeAccuracy(at w: Tensor) throws -> Double? { nil }
    public func testMetrics(at w: Tensor) throws -> (loss: Double, accuracy: Double?)? { nil }
    /// A function of tensors has no classes and no test data.
    public func provides(_ requirement: ProbeRequirement) -> Bool { false }
}
