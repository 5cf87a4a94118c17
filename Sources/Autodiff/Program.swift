import Tensors

/// An executable selection of a ``Graph``'s nodes: the outputs and everything they depend on, evaluated in
/// topological order into buffers that are allocated on the first run and reused afterwards, so repeated
/// runs (training steps, HVPs inside Lanczos) do not allocate.
///
/// Outputs returned by ``run(_:)`` share storage with the program's buffers until the next run; a caller
/// that keeps one across runs gets a private copy on the next write (copy on write), never a changed value.
public final class Program: @unchecked Sendable {
    /// The graph the program reads.
    public let graph: Graph
    /// The input nodes, in the order ``run(_:)`` expects their values.
    public let inputs: [Var]
    /// The output nodes.
    public let outputs: [Var]
    private let schedule: [Int]
    private var values: [Tensor?]
    private var argmaxCache: [Int: [Int]] = [:]
    private var aliases: [Int] = []
    private var argmaxFresh: Set<Int> = []

    /// Compiles the evaluation of `outputs` given values for `inputs`. Throws if an output depends on an
    /// input node that is not listed.
    public init(graph: Graph, inputs: [Var], outputs: [Var]) throws {
        self.graph = graph
        self.inputs = inputs
        self.outputs = outputs
        let last = outputs.map(\.id).max() ?? -1
        var needed = [Bool](repeating: false, count: last + 1)
        for y in outputs { needed[y.id] = true }
        let inputIDs = Set(inputs.map(\.id))
        if last >= 0 {
            for id in stride(from: last, through: 0, by: -1) where needed[id] {
                if case .input(let name) = graph.nodes[id].primitive, !inputIDs.contains(id) {
                    throw TensorError("program: output depends on input '\(name)', which is not bound")
                }
                if !inputIDs.contains(id) { for operand in graph.nodes[id].inputs { needed[operand] = true } }
            }
        }
        schedule = (0..<(last + 1)).filter { needed[$0] && !inputIDs.contains($0) }
        values = [Tensor?](repeating: nil, count: graph.nodes.count)
    }

    /// Evaluates the outputs for the given input values (shapes and dtypes must match the input nodes).
    public func run(_ inputValues: [Tensor]) throws -> [Tensor] {
        guard inputValues.count == inputs.count else { throw TensorError("program: \(inputValues.count) values for \(inputs.count) inputs") }
        for id in aliases { values[id] = nil }
        aliases.removeAll(keepingCapacity: true)
        argmaxFresh.removeAll(keepingCapacity: true)
        for (x, v) in zip(inputs, inputValues) {
            guard v.shape == x.shape, v.dtype == x.dtype else {
                throw TensorError("program: input '\(x.node.primitive.name)' expects \(describeShape(x.shape)) \(x.dtype), got \(describeShape(v.shape)) \(v.dtype)")
            }
            values[x.id] = v
        }
        for id in schedule { try evaluate(id) }
        let result = outputs.map { values[$0.id]! }
        for x in inputs { values[x.id] = nil }
        return result
    }

    private func evaluate(_ id: Int) throws {
        let node = graph.nodes[id]
        let operands = node.inputs.map { values[$0]! }
        switch node.primitive {
        case .reshape(let shape):
            values[id] = try operands[0].reshaped(shape)
            aliases.append(id)
            return
        case .stopGradient:
            values[id] = operands[0]
            aliases.append(id)
            return
        case .constant(let c):
            if values[id] == nil { values[id] = c.tensor }
            return
        case .fill(let value, let shape):
            if values[id] == nil { values[id] = Tensor(repeating: value, shape: shape, dtype: node.dtype) }
            return
        case .input(let name):
            throw TensorError("program: input '\(name)' is not bound")
        default:
            break
        }
        var out = values[id] ?? Tensor(zeros: node.shape, dtype: node.dtype)
        values[id] = nil
        switch node.primitive {
        case .unary(let op): operands[0].apply(op, into: &out)
        case .binary(let op): try Tensor.apply(op, operands[0], operands[1], into: &out)
        case .affine(let scale, let shift): operands[0].affine(scale: scale, shift: shift, into: &out)
        case .sumTo(let shape): try operands[0].reduce(.sum, to: shape, into: &out)
        case .maxTo(let shape): try operands[0].reduce(.max, to: shape, into: &out)
        case .broadcastTo(let shape): try operands[0].broadcast(to: shape, into: &out)
        case .transpose(let p): try operands[0].transpose(p, into: &out)
        case .matmul(let ta, let tb): try Tensor.matmul(operands[0], operands[1], transA: ta, transB: tb, into: &out)
        case .im2col(let g): try operands[0].im2col(g, into: &out)
        case .col2im(let g, let imageShape): try operands[0].col2im(g, imageShape: imageShape, into: &out)
        case .poolGather(let g):
            operands[1].gather(flatOffsets: try argmax(node.inputs[0], operands[0], g), into: &out)
        case .poolScatter(let g):
            operands[1].scatterAdd(flatOffsets: try argmax(node.inputs[0], operands[0], g), into: &out)
        case .gatherRows: try operands[0].gatherRows(ids: operands[1], into: &out)
        case .scatterRows: try operands[0].scatterAddRows(ids: operands[1], into: &out)
        case .reshape, .stopGradient, .constant, .fill, .input: preconditionFailure("handled above")
        }
        values[id] = out
    }

    /// The window argmax of a selector node, computed once per run (its buffer reused across runs).
    private func argmax(_ selector: Int, _ value: Tensor, _ g: WindowGeometry) throws -> [Int] {
        if argmaxFresh.contains(selector), let offsets = argmaxCache[selector] { return offsets }
        var offsets = argmaxCache[selector] ?? []
        argmaxCache[selector] = nil
        try value.poolArgmax(g, into: &offsets)
        argmaxCache[selector] = offsets
        argmaxFresh.insert(selector)
        return offsets
    }
}
