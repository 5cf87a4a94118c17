import Tensors

/// A scalar function of parameters (one flat vector, laid out by a ``ParameterLayout``) and data tensors,
/// traced once and compiled on demand into programs for its value, gradient, Hessian-vector product and
/// directional derivative.
///
/// The Hessian-vector product is forward-over-reverse, `Hv = jvp(grad f)(w; v)`, built by differentiating
/// the gradient graph: exact up to floating-point rounding, with no finite differences. Each program keeps
/// its buffers, so calling these methods repeatedly (every training step, every Lanczos iteration) does not
/// allocate beyond the first call, apart from the returned tensors.
public final class DifferentiableFunction: @unchecked Sendable {
    /// Where each parameter tensor sits in the flat vector.
    public let layout: ParameterLayout
    /// Element type of parameters, data and results.
    public let dtype: DType
    /// The traced graph.
    public let graph: Graph
    /// Parameter inputs, one per layout entry.
    public let parameters: [Var]
    /// Data inputs (examples, targets, ...).
    public let data: [Var]
    /// The scalar output.
    public let output: Var

    private var pieces: [Tensor]
    private var tangentPieces: [Tensor]
    private var valueProgram: Program?
    private var gradientProgram: Program?
    private var hvpProgram: Program?
    private var jvpProgram: Program?
    private var tangentInputs: [Var] = []

    /// Traces `body(parameters, data)`, which must return a one-element tensor.
    public init(layout: ParameterLayout, data dataShapes: [(name: String, shape: [Int])], dtype: DType,
                body: (_ parameters: [Var], _ data: [Var]) throws -> Var) throws {
        self.layout = layout
        self.dtype = dtype
        let graph = Graph()
        self.graph = graph
        parameters = layout.entries.map { graph.input($0.name, shape: $0.shape, dtype: dtype) }
        data = dataShapes.map { graph.input($0.name, shape: $0.shape, dtype: dtype) }
        output = try body(parameters, data)
        guard output.shape.reduce(1, *) == 1 else { throw TensorError("function: output must be a scalar, got \(describeShape(output.shape))") }
        pieces = layout.entries.map { Tensor(zeros: $0.shape, dtype: dtype) }
        tangentPieces = pieces
    }

    /// The data shapes this function was traced for.
    public var dataShapes: [[Int]] { data.map(\.shape) }

    /// `f(w)`.
    public func value(at w: Tensor, data values: [Tensor]) throws -> Double {
        if valueProgram == nil { valueProgram = try Program(graph: graph, inputs: parameters + data, outputs: [output]) }
        try load(w, into: &pieces)
        return try valueProgram!.run(pieces + values)[0].scalarValue
    }

    /// `f(w)` and `∇f(w)` (written into `gradient`, a flat vector of the layout's dimension).
    public func valueAndGradient(at w: Tensor, data values: [Tensor], into gradient: inout Tensor) throws -> Double {
        if gradientProgram == nil {
            let grads = try graph.gradients(of: output, wrt: parameters)
            gradientProgram = try Program(graph: graph, inputs: parameters + data, outputs: [output] + grads)
        }
        try load(w, into: &pieces)
        let results = try gradientProgram!.run(pieces + values)
        try layout.flatten(Array(results.dropFirst()), into: &gradient)
        return results[0].scalarValue
    }

    /// `f(w)` and `∇f(w)`.
    public func valueAndGradient(at w: Tensor, data values: [Tensor]) throws -> (value: Double, gradient: Tensor) {
        var g = Tensor(zeros: [layout.dimension], dtype: dtype)
        let v = try valueAndGradient(at: w, data: values, into: &g)
        return (v, g)
    }

    /// The Hessian-vector product `∇²f(w)·v`, written into `result`.
    public func hessianVectorProduct(at w: Tensor, data values: [Tensor], vector v: Tensor, into result: inout Tensor) throws {
        if hvpProgram == nil {
            let grads = try graph.gradients(of: output, wrt: parameters)
            let tangents = try tangentVariables()
            let hv = try graph.jvp(of: grads, wrt: parameters, tangents: tangents)
            hvpProgram = try Program(graph: graph, inputs: parameters + data + tangents, outputs: hv)
        }
        try load(w, into: &pieces)
        try load(v, into: &tangentPieces)
        let hv = try hvpProgram!.run(pieces + values + tangentPieces)
        try layout.flatten(hv, into: &result)
    }

    /// The Hessian-vector product `∇²f(w)·v`.
    public func hessianVectorProduct(at w: Tensor, data values: [Tensor], vector v: Tensor) throws -> Tensor {
        var r = Tensor(zeros: [layout.dimension], dtype: dtype)
        try hessianVectorProduct(at: w, data: values, vector: v, into: &r)
        return r
    }

    /// `f(w)` and the directional derivative `∇f(w)·v` by forward mode.
    public func valueAndDirectionalDerivative(at w: Tensor, data values: [Tensor], direction v: Tensor) throws -> (value: Double, derivative: Double) {
        if jvpProgram == nil {
            let tangents = try tangentVariables()
            let d = try graph.jvp(of: [output], wrt: parameters, tangents: tangents)[0]
            jvpProgram = try Program(graph: graph, inputs: parameters + data + tangents, outputs: [output, d])
        }
        try load(w, into: &pieces)
        try load(v, into: &tangentPieces)
        let r = try jvpProgram!.run(pieces + values + tangentPieces)
        return (r[0].scalarValue, r[1].scalarValue)
    }

    private func tangentVariables() throws -> [Var] {
        if tangentInputs.isEmpty {
            tangentInputs = layout.entries.map { graph.input("tangent:" + $0.name, shape: $0.shape, dtype: dtype) }
        }
        return tangentInputs
    }

    private func load(_ flat: Tensor, into tensors: inout [Tensor]) throws {
        guard flat.count == layout.dimension, flat.dtype == dtype else {
            throw TensorError("function: parameter vector of \(flat.count) \(flat.dtype) for \(layout.dimension) \(dtype) parameters")
        }
        let bytes = dtype.byteSize
        for (i, entry) in layout.entries.enumerated() {
            tensors[i].withMutableBytes { dst in flat.withBytes { src in dst.copyMemory(from: src + entry.offset * bytes, byteCount: entry.count * bytes) } }
        }
    }
}
