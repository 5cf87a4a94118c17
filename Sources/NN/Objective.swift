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
/// **Chunks.** A compiled program keeps one buffer per intermediate node, so its memory grows linearly
/// with the batch (about 6.4 MB per CIFAR example for the paper CNN's HVP, 134 MB per 64-token sequence
/// for the paper Transformer's). With ``chunkSize`` set, a larger batch is evaluated `chunkSize` examples
/// at a time and the results combined as `ℓ = Σ_c (n_c/n)·ℓ_c` (likewise gradients and HVPs). This is
/// exact — every ``Loss`` is a mean over examples — up to floating-point summation order. Each chunk
/// shape is traced once: a chunk size that divides the batch keeps that to one program per batch shape.
/// ``estimatedBufferBytes(inputShape:targetShape:)`` gives the memory per chunk before anything runs.
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
    /// At most this many examples per evaluated program (`nil`: the whole batch at once; a size below 1 is
    /// reported as an error when a batch is evaluated).
    public let chunkSize: Int?

    private struct BatchShape: Hashable {
        var inputs: [Int]
        var targets: [Int]
    }

    private var functions: [BatchShape: DifferentiableFunction] = [:]
    private var predictors: [[Int]: Program] = [:]
    private var scratch: Tensor

    public init(model: any Model, loss: Loss, dtype: DType = .float32, chunkSize: Int? = nil) {
        self.model = model
        self.loss = loss
        self.dtype = dtype
        self.chunkSize = chunkSize
        layout = model.layout
        scratch = Tensor(zeros: [0], dtype: dtype)
    }

    /// The model and loss in a line (`MLP 784-256-10 relu, loss half_sse, float64`).
    public var summary: String { "\(model.description), loss \(loss.rawValue), \(dtype)" }

    /// The traced function for batches of exactly these shapes (created on first use, then cached).
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
        try chunks(inputs, targets).reduce(0.0) { sum, chunk in
            sum + chunk.weight * (try function(for: chunk.inputs, chunk.targets).value(at: w, data: [chunk.inputs, chunk.targets]))
        }
    }

    /// `ℓ(w)`, with `∇ℓ(w)` written into `gradient` (a flat vector like `w`).
    public func valueAndGradient(parameters w: Tensor, inputs: Tensor, targets: Tensor, into gradient: inout Tensor) throws -> Double {
        let parts = try chunks(inputs, targets)
        if parts.count == 1 {
            return try function(for: inputs, targets).valueAndGradient(at: w, data: [inputs, targets], into: &gradient)
        }
        try prepareScratch(like: gradient)
        gradient.fill(0)
        var value = 0.0
        for chunk in parts {
            value += chunk.weight * (try function(for: chunk.inputs, chunk.targets).valueAndGradient(at: w, data: [chunk.inputs, chunk.targets], into: &scratch))
            gradient.addScaled(scratch, chunk.weight)
        }
        return value
    }

    /// `ℓ(w)` and `∇ℓ(w)`.
    public func valueAndGradient(parameters w: Tensor, inputs: Tensor, targets: Tensor) throws -> (value: Double, gradient: Tensor) {
        var g = Tensor(zeros: [layout.dimension], dtype: dtype)
        let v = try valueAndGradient(parameters: w, inputs: inputs, targets: targets, into: &g)
        return (v, g)
    }

    /// The exact Hessian-vector product `∇²ℓ(w)·v`, written into `result`.
    public func hessianVectorProduct(parameters w: Tensor, inputs: Tensor, targets: Tensor, vector v: Tensor, into result: inout Tensor) throws {
        let parts = try chunks(inputs, targets)
        if parts.count == 1 {
            return try function(for: inputs, targets).hessianVectorProduct(at: w, data: [inputs, targets], vector: v, into: &result)
        }
        try prepareScratch(like: result)
        result.fill(0)
        for chunk in parts {
            try function(for: chunk.inputs, chunk.targets).hessianVectorProduct(at: w, data: [chunk.inputs, chunk.targets], vector: v, into: &scratch)
            result.addScaled(scratch, chunk.weight)
        }
    }

    /// The exact Hessian-vector product `∇²ℓ(w)·v`.
    public func hessianVectorProduct(parameters w: Tensor, inputs: Tensor, targets: Tensor, vector v: Tensor) throws -> Tensor {
        var r = Tensor(zeros: [layout.dimension], dtype: dtype)
        try hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v, into: &r)
        return r
    }

    /// The model's outputs (logits) for a batch of inputs, `[N] + outputShape` (a fresh tensor).
    public func predict(parameters w: Tensor, inputs: Tensor) throws -> Tensor {
        guard w.count == layout.dimension, w.dtype == dtype else {
            throw NNError("predict: parameter vector of \(w.count) \(w.dtype) for \(layout.dimension) \(dtype) parameters")
        }
        let pieces = try layout.unflatten(w)
        let parts = try chunkRanges(inputs).map { ranges in try ranges.map { try inputs.slice(rows: $0) } } ?? [inputs]
        let outputs = try parts.map { try predictor(for: $0.shape).run(pieces + [$0])[0] }
        // A program reuses its buffers: hand out a private copy.
        if outputs.count > 1 { return try Tensor.concatenate(rows: outputs) }
        var copy = Tensor(zeros: outputs[0].shape, dtype: dtype)
        copy.assign(outputs[0])
        return copy
    }

    /// The bytes of intermediate buffers the gradient and the Hessian-vector-product programs keep for
    /// one chunk of these shapes (one buffer per evaluated node; reshapes, constants and inputs aside),
    /// from a separate trace that allocates nothing. Divide by the examples per chunk to choose a
    /// ``chunkSize`` that fits in memory.
    public func estimatedBufferBytes(inputShape: [Int], targetShape: [Int]) throws -> (gradient: Int, hessianVectorProduct: Int) {
        let graph = Graph()
        let p = layout.entries.map { graph.input($0.name, shape: $0.shape, dtype: dtype) }
        let x = graph.input("inputs", shape: inputShape, dtype: dtype), y = graph.input("targets", shape: targetShape, dtype: dtype)
        let value = try loss.apply(outputs: try model.apply(parameters: p, input: x), targets: y)
        let gradients = try graph.gradients(of: value, wrt: p)
        let tangents = layout.entries.map { graph.input("tangent:" + $0.name, shape: $0.shape, dtype: dtype) }
        let hv = try graph.jvp(of: gradients, wrt: p, tangents: tangents)
        func bytes(_ outputs: [Var]) -> Int {
            var seen = Set(outputs.map(\.id)), stack = outputs.map(\.id), total = 0
            while let id = stack.popLast() {
                let node = graph.nodes[id]
                switch node.primitive {
                case .input, .reshape, .stopGradient, .constant: break
                default: total += node.shape.reduce(1, *) * dtype.byteSize
                }
                for operand in node.inputs where seen.insert(operand).inserted { stack.append(operand) }
            }
            return total
        }
        return (bytes([value] + gradients), bytes(hv))
    }

    /// Forgets every traced function and its buffers (e.g. after evaluating a one-off batch shape).
    public func removeCachedPrograms() {
        functions.removeAll()
        predictors.removeAll()
    }

    private func predictor(for inputShape: [Int]) throws -> Program {
        if let cached = predictors[inputShape] { return cached }
        let graph = Graph()
        let p = layout.entries.map { graph.input($0.name, shape: $0.shape, dtype: dtype) }
        let x = graph.input("inputs", shape: inputShape, dtype: dtype)
        let program = try Program(graph: graph, inputs: p + [x], outputs: [try model.apply(parameters: p, input: x)])
        predictors[inputShape] = program
        return program
    }

    private struct Chunk {
        var inputs: Tensor
        var targets: Tensor
        var weight: Double
    }

    /// The batch split along its first axis into chunks of at most ``chunkSize`` examples, each weighted
    /// by its share of the examples (one chunk of weight 1, without copying, when it fits).
    private func chunks(_ inputs: Tensor, _ targets: Tensor) throws -> [Chunk] {
        try checkDType(targets)
        guard targets.rank >= 1, targets.shape[0] == inputs.shape.first else {
            throw NNError("objective: inputs \(describeShape(inputs.shape)) and targets \(describeShape(targets.shape)) differ in examples")
        }
        guard let ranges = try chunkRanges(inputs) else { return [Chunk(inputs: inputs, targets: targets, weight: 1)] }
        return try ranges.map { rows in
            Chunk(inputs: try inputs.slice(rows: rows), targets: try targets.slice(rows: rows), weight: Double(rows.count) / Double(inputs.shape[0]))
        }
    }

    /// The example ranges of the chunks, or nil when the whole batch is one chunk.
    private func chunkRanges(_ inputs: Tensor) throws -> [Range<Int>]? {
        try checkDType(inputs)
        guard inputs.rank >= 1 else { throw NNError("objective: inputs must have a batch axis, got a scalar") }
        let n = inputs.shape[0]
        guard let size = chunkSize, n > size else { return nil }
        guard size > 0 else { throw NNError("objective: chunk size must be positive, got \(size)") }
        return stride(from: 0, to: n, by: size).map { $0..<min($0 + size, n) }
    }

    private func prepareScratch(like t: Tensor) throws {
        guard t.count == layout.dimension, t.dtype == dtype else {
            throw NNError("objective: result vector of \(t.count) \(t.dtype) for \(layout.dimension) \(dtype) parameters")
        }
        if scratch.count != layout.dimension { scratch = Tensor(zeros: [layout.dimension], dtype: dtype) }
    }

    private func function(for inputs: Tensor, _ targets: Tensor) throws -> DifferentiableFunction {
        try function(inputShape: inputs.shape, targetShape: targets.shape)
    }

    private func checkDType(_ t: Tensor) throws {
        guard t.dtype == dtype else { throw NNError("objective: data of type \(t.dtype) for a \(dtype) objective") }
    }
}
