import Tensors

/// One operation in a ``Graph``: a primitive applied to earlier nodes.
public struct Node: Sendable {
    /// The operation.
    public let primitive: Primitive
    /// Indices of the operand nodes (always smaller than this node's index).
    public let inputs: [Int]
    /// The output's shape.
    public let shape: [Int]
    /// The output's element type.
    public let dtype: DType
}

/// A traced computation: nodes in topological order (operands always come first).
///
/// A model's loss is traced once into a graph; reverse-mode (``Graph/gradients(of:cotangents:wrt:)``) and
/// forward-mode (``Graph/jvp(of:wrt:tangents:)``) differentiation add more nodes to the same graph, and a
/// ``Program`` evaluates any set of nodes many times with preallocated buffers. Identical operations on
/// identical operands are created once (common-subexpression elimination), which keeps the graphs of
/// derivatives of derivatives small.
public final class Graph: @unchecked Sendable {
    /// All nodes, in creation (topological) order.
    public private(set) var nodes: [Node] = []
    private var existing: [NodeKey: Int] = [:]

    private struct NodeKey: Hashable {
        let primitive: Primitive
        let inputs: [Int]
        let dtype: DType
    }

    public init() {}

    /// A placeholder bound when a program runs.
    public func input(_ name: String, shape: [Int], dtype: DType) -> Var {
        nodes.append(Node(primitive: .input(name: name), inputs: [], shape: shape, dtype: dtype))
        return Var(graph: self, id: nodes.count - 1)
    }

    /// A fixed tensor.
    public func constant(_ tensor: Tensor) -> Var {
        nodes.append(Node(primitive: .constant(ConstantValue(tensor)), inputs: [], shape: tensor.shape, dtype: tensor.dtype))
        return Var(graph: self, id: nodes.count - 1)
    }

    /// A tensor filled with `value`.
    public func fill(_ value: Double, shape: [Int], dtype: DType) -> Var {
        add(.fill(value: value, shape: shape), [], dtype: dtype)
    }

    /// Applies a primitive to operands (reusing an identical existing node when there is one).
    public func apply(_ primitive: Primitive, _ operands: [Var]) throws -> Var {
        for v in operands { precondition(v.graph === self, "operands from another graph") }
        let dtype = operands.first?.dtype ?? .float32
        for v in operands where v.dtype != dtype && !isIndexOperand(primitive, v, operands) {
            throw TensorError("\(primitive.name): mixed element types \(dtype) and \(v.dtype)")
        }
        let shape = try primitive.outputShape(operands.map(\.shape))
        return add(primitive, operands.map(\.id), dtype: dtype, shape: shape)
    }

    private func isIndexOperand(_ p: Primitive, _ v: Var, _ operands: [Var]) -> Bool {
        switch p {
        case .gatherRows, .scatterRows: return v.id == operands[1].id
        default: return false
        }
    }

    private func add(_ primitive: Primitive, _ inputs: [Int], dtype: DType, shape: [Int]? = nil) -> Var {
        let key = NodeKey(primitive: primitive, inputs: inputs, dtype: dtype)
        if let id = existing[key] { return Var(graph: self, id: id) }
        let shape = shape ?? (try! primitive.outputShape([]))
        nodes.append(Node(primitive: primitive, inputs: inputs, shape: shape, dtype: dtype))
        existing[key] = nodes.count - 1
        return Var(graph: self, id: nodes.count - 1)
    }

    /// The variable for node `id`.
    public func variable(_ id: Int) -> Var { Var(graph: self, id: id) }
}

/// A node of a ``Graph`` seen as a symbolic tensor: operations on `Var`s add nodes.
public struct Var: @unchecked Sendable {
    /// The graph this variable belongs to.
    public let graph: Graph
    /// Its node index.
    public let id: Int

    /// The shape of the value.
    public var shape: [Int] { graph.nodes[id].shape }
    /// The element type.
    public var dtype: DType { graph.nodes[id].dtype }
    /// The number of axes.
    public var rank: Int { shape.count }
    /// The node.
    public var node: Node { graph.nodes[id] }
}
