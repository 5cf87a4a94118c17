import Tensors

/// An executable selection of a ``Graph``'s nodes: the outputs and everything they depend on, evaluated in
/// topological order.
///
/// **Memory.** At compile time each computed node is assigned a buffer *slot*; a slot is released when the
/// last node that reads it has run and is then reused by a later node of the same size and element type
/// (reshape and stopGradient are views that share their operand's slot and extend its lifetime). So the
/// memory a program holds is the peak of what is live at once, not the sum of all intermediates. Slots
/// are allocated on the first run and kept, so repeated runs (training steps, HVPs inside Lanczos) do not
/// allocate.
///
/// Outputs returned by ``run(_:)`` share storage with the program's slots until the next run; a caller
/// that keeps one across runs gets a private copy on the next write (copy on write), never a changed value.
public final class Program: @unchecked Sendable {
    /// The graph the program reads.
    public let graph: Graph
    /// The input nodes, in the order ``run(_:)`` expects their values.
    public let inputs: [Var]
    /// The output nodes.
    public let outputs: [Var]
    private let schedule: [Int]
    /// Slot of each computed or view node (`-1` for inputs, constants and fills).
    private let slotOf: [Int]
    /// Slot sizes, for allocation.
    private let slotShapes: [(count: Int, dtype: DType)]
    private var storages: [TensorStorage?]
    private var boundInputs: [Int: Tensor] = [:]
    private var persistent: [Int: Tensor] = [:]
    private var argmaxCache: [Int: [Int]] = [:]
    private var argmaxFresh: Set<Int> = []

    /// Compiles the evaluation of `outputs` given values for `inputs`. Throws if an output depends on an
    /// input node that is not listed.
    public init(graph: Graph, inputs: [Var], outputs: [Var]) throws {
        self.graph = graph
        self.inputs = inputs
        self.outputs = outputs
        let nodes = graph.nodes
        let last = outputs.map(\.id).max() ?? -1
        var needed = [Bool](repeating: false, count: last + 1)
        for y in outputs { needed[y.id] = true }
        let inputIDs = Set(inputs.map(\.id))
        if last >= 0 {
            for id in stride(from: last, through: 0, by: -1) where needed[id] {
                if case .input(let name) = nodes[id].primitive, !inputIDs.contains(id) {
                    throw TensorError("program: output depends on input '\(name)', which is not bound")
                }
                if !inputIDs.contains(id) { for operand in nodes[id].inputs { needed[operand] = true } }
            }
        }
        schedule = (0..<(last + 1)).filter { needed[$0] && !inputIDs.contains($0) }
        (slotOf, slotShapes) = Program.assignSlots(nodes: nodes, schedule: schedule, outputs: Set(outputs.map(\.id)), count: nodes.count)
        storages = [TensorStorage?](repeating: nil, count: slotShapes.count)
    }

    /// Whether a node is a view of its operand (no computation, same storage).
    private static func isView(_ p: Primitive) -> Bool {
        switch p {
        case .reshape, .stopGradient: return true
        default: return false
        }
    }

    /// Whether a node owns no slot (its value is bound or fixed).
    private static func isLeaf(_ p: Primitive) -> Bool {
        switch p {
        case .input, .constant, .fill: return true
        default: return false
        }
    }

    /// Linear-scan slot assignment over the schedule with liveness of storage roots: a slot is released
    /// after the last node reading its value (directly or through a view) has run.
    private static func assignSlots(nodes: [Node], schedule: [Int], outputs: Set<Int>, count: Int) -> ([Int], [(count: Int, dtype: DType)]) {
        // The node whose storage a view ultimately shares.
        var root = Array(0..<count)
        for id in schedule where isView(nodes[id].primitive) { root[id] = root[nodes[id].inputs[0]] }
        var lastUse = [Int](repeating: -1, count: count)
        for (p, id) in schedule.enumerated() {
            lastUse[root[id]] = max(lastUse[root[id]], p)
            for operand in nodes[id].inputs { lastUse[root[operand]] = max(lastUse[root[operand]], p) }
        }
        for id in outputs { lastUse[root[id]] = Int.max }
        var dying: [Int: [Int]] = [:]
        for id in schedule where !isLeaf(nodes[id].primitive) && !isView(nodes[id].primitive) && lastUse[id] != Int.max {
            dying[lastUse[id], default: []].append(id)
        }
        var slotOf = [Int](repeating: -1, count: count)
        var shapes: [(count: Int, dtype: DType)] = []
        var free: [Int] = []
        for (p, id) in schedule.enumerated() {
            let node = nodes[id]
            if isView(node.primitive) {
                slotOf[id] = slotOf[root[id]]
            } else if !isLeaf(node.primitive) {
                let size = node.shape.reduce(1, *)
                if let i = free.firstIndex(where: { shapes[$0].count == size && shapes[$0].dtype == node.dtype }) {
                    slotOf[id] = free.remove(at: i)
                } else {
                    slotOf[id] = shapes.count
                    shapes.append((size, node.dtype))
                }
            }
            for r in dying[p] ?? [] { free.append(slotOf[r]) }
        }
        return (slotOf, shapes)
    }

    /// Bytes held by the program's slots once allocated (its peak intermediate memory).
    public var slotBytes: Int { slotShapes.reduce(0) { $0 + $1.count * $1.dtype.byteSize } }

    /// Bytes of every computed (non-view) node's result, by primitive name: what the program would hold
    /// if no slot were reused (compare ``slotBytes``).
    public var bytesByPrimitive: [String: Int] {
        var bytes: [String: Int] = [:]
        for id in schedule {
            let node = graph.nodes[id]
            guard !Program.isLeaf(node.primitive) && !Program.isView(node.primitive) else { continue }
            bytes[node.primitive.name, default: 0] += node.shape.reduce(1, *) * node.dtype.byteSize
        }
        return bytes
    }

    /// Number of scheduled nodes.
    public var scheduledNodeCount: Int { schedule.count }

    /// Evaluates the outputs for the given input values (shapes and dtypes must match the input nodes).
    public func run(_ inputValues: [Tensor]) throws -> [Tensor] {
        guard inputValues.count == inputs.count else { throw TensorError("program: \(inputValues.count) values for \(inputs.count) inputs") }
        for (x, v) in zip(inputs, inputValues) {
            guard v.shape == x.shape, v.dtype == x.dtype else {
                throw TensorError("program: input '\(x.node.primitive.name)' expects \(describeShape(x.shape)) \(x.dtype), got \(describeShape(v.shape)) \(v.dtype)")
            }
            boundInputs[x.id] = v
        }
        defer { boundInputs.removeAll(keepingCapacity: true) }
        argmaxFresh.removeAll(keepingCapacity: true)
        for id in schedule { try evaluate(id) }
        return try outputs.map { try value($0.id) }
    }

    /// The current value of a node (valid while its slot is live).
    private func value(_ id: Int) throws -> Tensor {
        let node = graph.nodes[id]
        if let bound = boundInputs[id] { return bound }
        switch node.primitive {
        case .input(let name): throw TensorError("program: input '\(name)' is not bound")
        case .constant(let c): return c.tensor
        case .fill(let value, let shape):
            if let t = persistent[id] { return t }
            let t = Tensor(repeating: value, shape: shape, dtype: node.dtype)
            persistent[id] = t
            return t
        default:
            let slot = slotOf[id]
            if Program.isView(node.primitive) && slot < 0 { return try value(node.inputs[0]).reshaped(node.shape) }
            return Tensor(shape: node.shape, storage: storages[slot]!)
        }
    }

    private func evaluate(_ id: Int) throws {
        let node = graph.nodes[id]
        if Program.isLeaf(node.primitive) || Program.isView(node.primitive) { return }
        let operands = try node.inputs.map { try value($0) }
        let slot = slotOf[id]
        var out = takeSlot(slot, shape: node.shape)
        defer { storages[slot] = out.storage }
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
        case .reshape, .stopGradient, .constant, .fill, .input: preconditionFailure("views and leaves are not evaluated")
        }
    }

    /// The slot's buffer as a uniquely referenced tensor (allocated on first use), leaving the slot empty
    /// until the node's kernel has written it.
    private func takeSlot(_ slot: Int, shape: [Int]) -> Tensor {
        let storage = storages[slot] ?? TensorStorage(uninitializedCount: slotShapes[slot].count, dtype: slotShapes[slot].dtype)
        storages[slot] = nil
        return Tensor(shape: shape, storage: storage)
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
