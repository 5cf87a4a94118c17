import Autodiff
import Tensors

/// A model joined to a loss: the training objective `ℓ(w) = loss(model(w, inputs), targets)` as a function
/// of the flat parameter vector `w`, for a batch of data.
///
/// For each batch shape (inputs and targets) the objective traces the model and loss once into an Autodiff
/// ``DifferentiableFunction`` whose data inputs are `(inputs, targets)`, and keeps it, so repeated calls
/// with same-shaped batches (every training step, every Lanczos iteration) reuse compiled programs and
/// their buffers. Hessian-vector products are exact (forward-over-reverse), never finite differences.
///
/// An objective holds mutable caches: use one objective per thread.
public final class Objective {
    /// The network.
    public let model: any Model
    /// The loss.
    public let loss: Loss
    /// Element type of parameters, data and results.
    public let dtype: DType
    /// The model's parameter layout.
    public let layout: ParameterLayout

    private struct BatchShape: Hashable {
        var inputs: [Int]
        var targets: [Int]
    }

    private var functions: [BatchShape: DifferentiableFunction] = [:]
    private var predictors: [[Int]: (program: Program, parameters: [Var])] = [:]

    public init(model: any Model, loss: Loss, dtype: DType = .float32) {
        self.model = model
        self.loss = loss
        self.dtype = dtype
        layout = model.layout
    }

    /// The traced function for batches of these shapes (created on first use, then cached).
    public func function(inputShape: [Int], targetShape: [Int]) throws -> DifferentiableFunction {
        let key = BatchShape(inputs: inputShape, targets: targetShape)
        if let f = functions[key] { return f }
        let f = try DifferentiableFunction(layout: layout, data: [("inputs", inputShape), ("targets", targetShape)], dtype: dtype) { p, data in
            try loss.apply(outputs: try model.apply(parameters: p, input: data[0]), targets: data[1])
        }
        functions[key] = f
        return f
    }

    /// `ℓ(w)` on the batch.
    public func value(parameters w: Tensor, inputs: Tensor, targets: Tensor) throws -> Double {
        try function(for: inputs, targets).value(at: w, data: [inputs, targets])
    }

    /// `ℓ(w)`, with `∇ℓ(w)` written into `gradient` (a flat vector like `w`).
    public func valueAndGradient(parameters w: Tensor, inputs: Tensor, targets: Tensor, into gradient: inout Tensor) throws -> Double {
        try function(for: inputs, targets).valueAndGradient(at: w, data: [inputs, targets], into: &gradient)
    }

    /// `ℓ(w)` and `∇ℓ(w)`.
    public func valueAndGradient(parameters w: Tensor, inputs: Tensor, targets: Tensor) throws -> (value: Double, gradient: Tensor) {
        try function(for: inputs, targets).valueAndGradient(at: w, data: [inputs, targets])
    }

    /// The exact Hessian-vector product `∇²ℓ(w)·v`, written into `result`.
    public func hessianVectorProduct(parameters w: Tensor, inputs: Tensor, targets: Tensor, vector v: Tensor, into result: inout Tensor) throws {
        try function(for: inputs, targets).hessianVectorProduct(at: w, data: [inputs, targets], vector: v, into: &result)
    }

    /// The exact Hessian-vector product `∇²ℓ(w)·v`.
    public func hessianVectorProduct(parameters w: Tensor, inputs: Tensor, targets: Tensor, vector v: Tensor) throws -> Tensor {
        try function(for: inputs, targets).hessianVectorProduct(at: w, data: [inputs, targets], vector: v)
    }

    /// The model's outputs (logits) for a batch of inputs, `[N] + outputShape`.
    public func predict(parameters w: Tensor, inputs: Tensor) throws -> Tensor {
        try checkDType(inputs)
        let predictor: (program: Program, parameters: [Var])
        if let cached = predictors[inputs.shape] {
            predictor = cached
        } else {
            let graph = Graph()
            let p = layout.entries.map { graph.input($0.name, shape: $0.shape, dtype: dtype) }
            let x = graph.input("inputs", shape: inputs.shape, dtype: dtype)
            let y = try model.apply(parameters: p, input: x)
            predictor = (try Program(graph: graph, inputs: p + [x], outputs: [y]), p)
            predictors[inputs.shape] = predictor
        }
        guard w.count == layout.dimension, w.dtype == dtype else {
            throw NNError("predict: parameter vector of \(w.count) \(w.dtype) for \(layout.dimension) \(dtype) parameters")
        }
        let outputs = try predictor.program.run(try layout.unflatten(w) + [inputs])[0]
        // The program reuses its buffers: hand out a private copy.
        var copy = Tensor(zeros: outputs.shape, dtype: dtype)
        copy.assign(outputs)
        return copy
    }

    /// Forgets every traced function and its buffers (e.g. after evaluating a one-off batch shape).
    public func removeCachedPrograms() {
        functions.removeAll()
        predictors.removeAll()
    }

    private func function(for inputs: Tensor, _ targets: Tensor) throws -> DifferentiableFunction {
        try checkDType(inputs)
        try checkDType(targets)
        return try function(inputShape: inputs.shape, targetShape: targets.shape)
    }

    private func checkDType(_ t: Tensor) throws {
        guard t.dtype == dtype else { throw NNError("objective: data of type \(t.dtype) for a \(dtype) objective") }
    }
}
