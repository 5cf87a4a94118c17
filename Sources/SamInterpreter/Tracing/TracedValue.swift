import Autodiff
import SamLanguage
import Tensors

/// One tracing of a `.sam` function: the autodiff ``Graph`` its tensor operations are recorded into.
///
/// While a function given to `grad`, `hvp`, `hessian` or `loss` runs for tracing, its tensor arguments are
/// ``TracedValue``s of one session; every operation on them adds nodes to the session's graph instead of
/// computing (the JAX model). Numbers, lists and tensors the function makes itself enter the graph as
/// constants of the session's element type.
final class TraceSession {
    /// The graph being recorded.
    let graph: Graph
    /// The element type of every traced value (constants are converted to it).
    let dtype: DType
    /// `false` once the trace is finished: a traced value that escaped (assigned to an outer variable)
    /// can no longer be used.
    var isActive = true

    init(graph: Graph, dtype: DType) {
        self.graph = graph
        self.dtype = dtype
    }

    /// A traced value of this session.
    func wrap(_ variable: Var) -> Value { .native(TracedValue(variable, session: self)) }

    /// The variable of a traced value, which must belong to this (running) session.
    func variable(of traced: TracedValue) throws -> Var {
        guard traced.session === self, isActive else {
            throw RuntimeError("a traced tensor was used outside the function call it was traced in",
                               hint: "do not assign a differentiated function's arguments (or values computed from them) to outer variables")
        }
        return traced.variable
    }

    /// An operand of a traced operation: a traced value, a plain scalar, or a constant tensor.
    enum Operand {
        case variable(Var)
        case scalar(Double)
        case tensor(Tensor)
    }

    /// `value` as an operand; lists holding traced values are stacked into one traced tensor.
    func operand(_ value: Value, what: String) throws -> Operand {
        switch value {
        case .native(let traced as TracedValue): return .variable(try variable(of: traced))
        case .number(let x): return .scalar(x)
        case .integer(let n): return .scalar(Double(n))
        case .list where TraceGuard.containsTraced(value): return .variable(try stack(value))
        case .tensor, .list, .range: return .tensor(try value.asTensor(for: what, dtype: dtype).converted(to: dtype))
        default: throw RuntimeError("\(what) of a traced tensor operation must be a tensor or a number, but got \(value.kindDescription)")
        }
    }

    /// An operand as a graph variable (constants become constant nodes).
    func variable(_ operand: Operand) -> Var {
        switch operand {
        case .variable(let v): return v
        case .scalar(let x): return graph.fill(x, shape: [], dtype: dtype)
        case .tensor(let t): return graph.constant(t)
        }
    }

    /// `value` as a graph variable.
    func variable(_ value: Value, what: String) throws -> Var { variable(try operand(value, what: what)) }

    /// A (nested) list of numbers, tensors and traced values as one traced tensor `[n, ...]`: the constant
    /// elements form one constant tensor, and each traced element enters through a one-hot constant.
    func stack(_ value: Value) throws -> Var {
        let elements = try value.asList(for: "a list")
        let parts = try elements.map { element -> Operand in
            if case .list = element, TraceGuard.containsTraced(element) { return .variable(try stack(element)) }
            return try operand(element, what: "an element of a list")
        }
        func shape(_ part: Operand) -> [Int] {
            switch part {
            case .variable(let v): return v.shape
            case .scalar: return []
            case .tensor(let t): return t.shape
            }
        }
        guard let inner = parts.first.map(shape), parts.allSatisfy({ shape($0) == inner }) else {
            throw RuntimeError(parts.isEmpty ? "cannot make a traced tensor from an empty list" : "a list of traced values must hold elements of one shape")
        }
        let n = parts.count, size = inner.reduce(1, *)
        var constants = [Double](repeating: 0, count: n * size)
        var traced: [(Int, Var)] = []
        for (i, part) in parts.enumerated() {
            switch part {
            case .variable(let v): traced.append((i, v))
            case .scalar(let x): constants[i * size] = x
            case .tensor(let t): constants.replaceSubrange(i * size..<(i + 1) * size, with: t.scalars)
            }
        }
        var result = graph.constant(try Tensor(shape: [n] + inner, scalars: constants, dtype: dtype))
        for (i, v) in traced {
            var basis = [Double](repeating: 0, count: n)
            basis[i] = 1
            let oneHot = graph.constant(try Tensor(shape: [n] + inner.map { _ in 1 }, scalars: basis, dtype: dtype))
            result = try result + (try oneHot * v)
        }
        return result
    }

    /// `a op b` where at least one side is traced; comparisons, `%` and logic are errors naming the operator.
    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        guard [.add, .subtract, .multiply, .divide, .power, .matrixMultiply].contains(op) else {
            throw RuntimeError("'\(op.rawValue)' cannot be applied to a traced tensor",
                               hint: "inside a function given to grad, hvp, hessian or loss, comparisons, '%' and control flow cannot depend on its tensor arguments")
        }
        let x = try operand(a, what: "the left operand"), y = try operand(b, what: "the right operand")
        switch (op, x, y) {
        case (.add, .variable(let v), .scalar(let s)), (.add, .scalar(let s), .variable(let v)): return wrap(v + s)
        case (.subtract, .variable(let v), .scalar(let s)): return wrap(v - s)
        case (.subtract, .scalar(let s), .variable(let v)): return wrap(v.affine(scale: -1, shift: s))
        case (.multiply, .variable(let v), .scalar(let s)), (.multiply, .scalar(let s), .variable(let v)): return wrap(v * s)
        case (.divide, .variable(let v), .scalar(let s)): return wrap(v.affine(scale: 1 / s))
        case (.divide, .scalar(let s), .variable(let v)): return wrap(v.reciprocal().affine(scale: s))
        case (.power, .variable(let v), .scalar(let p)): return wrap(try power(v, p))
        case (.add, _, _): return wrap(try variable(x) + variable(y))
        case (.subtract, _, _): return wrap(try variable(x) - variable(y))
        case (.multiply, _, _): return wrap(try variable(x) * variable(y))
        case (.divide, _, _): return wrap(try variable(x) / variable(y))
        case (.power, _, _):
            // x ** y = exp(y · log x) (nan for a negative base, as pow is for non-integer exponents).
            return wrap(try (try variable(y) * variable(x).log()).exp())
        default: return wrap(try matrixProduct(variable(x), variable(y)))
        }
    }

    /// `v ** p` for a constant exponent: exact products for small integers, `sqrt` for ½, else `exp(p log v)`.
    private func power(_ v: Var, _ p: Double) throws -> Var {
        if p == 0 { return graph.fill(1, shape: v.shape, dtype: dtype) }
        if p == 0.5 { return v.sqrt() }
        guard p == p.rounded(), Swift.abs(p) <= 64 else { return v.log().affine(scale: p).exp() }
        var exponent = Int(Swift.abs(p)), base = v
        var result: Var?
        while exponent > 0 {
            if exponent & 1 == 1 { result = try result.map { try $0 * base } ?? base }
            exponent >>= 1
            if exponent > 0 { base = base.square() }
        }
        let positive = result ?? v
        return p < 0 ? positive.reciprocal() : positive
    }

    /// `a @ b` with NumPy's treatment of vectors, as ``Operators`` does for tensors.
    func matrixProduct(_ a: Var, _ b: Var) throws -> Var {
        switch (a.rank, b.rank) {
        case (0, _), (_, 0):
            throw RuntimeError("'@' needs vectors or matrices, not numbers", hint: "use '*' to scale")
        case (1, 1):
            guard a.shape == b.shape else { throw RuntimeError("'@' of vectors of lengths \(a.shape[0]) and \(b.shape[0])") }
            return try (try a * b).sum()
        case (1, _):
            let product = try (try a.reshaped([1, a.shape[0]])).matmul(b)
            return try product.reshaped(Array(product.shape.dropLast(2)) + [product.shape[product.rank - 1]])
        case (_, 1):
            let product = try a.matmul(try b.reshaped([b.shape[0], 1]))
            return try product.reshaped(Array(product.shape.dropLast()))
        default:
            return try a.matmul(b)
        }
    }

    /// The scalar output of a traced function (a traced one-element tensor, or a constant number).
    func scalarOutput(_ value: Value, function: String) throws -> Var {
        switch value {
        case .native(let traced as TracedValue):
            let v = try variable(of: traced)
            guard v.shape.reduce(1, *) == 1 else {
                throw RuntimeError("'\(function)' must return a scalar, but returned a tensor of shape \(describeShape(v.shape))")
            }
            return try v.reshaped([])
        case .number, .integer, .tensor:
            let t = try value.asTensor(for: "the result of '\(function)'", dtype: dtype)
            guard t.count == 1 else { throw RuntimeError("'\(function)' must return a scalar, but returned a tensor of shape \(describeShape(t.shape))") }
            return graph.fill(t.scalar(at: 0), shape: [], dtype: dtype)
        default:
            throw RuntimeError("'\(function)' must return a scalar, but returned \(value.kindDescription)")
        }
    }
}

/// A symbolic tensor: an argument of a function being traced, or a value computed from one. Operators,
/// indexing and the builtins listed in ``BuiltinRegistry/tracedFunctions`` record graph nodes; anything
/// else refuses it with an error naming the operation.
final class TracedValue: NativeOperand, NativeIndexable, NamedNativeType {
    static let nativeTypeName = "TracedTensor"
    /// The graph node.
    let variable: Var
    /// The trace it belongs to.
    let session: TraceSession

    init(_ variable: Var, session: TraceSession) {
        self.variable = variable
        self.session = session
    }

    var typeName: String { Self.nativeTypeName }
    var summary: String { "TracedTensor(shape \(describeShape(variable.shape)), \(variable.dtype))" }
    var fieldNames: [String] { ["shape", "dtype"] }
    func field(_ name: String) -> Value? {
        switch name {
        case "shape": return .list(variable.shape.map(Value.integer))
        case "dtype": return .string(variable.dtype.rawValue)
        default: return nil
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, reversed: Bool) throws -> Value? {
        try reversed ? session.binary(op, other, .native(self)) : session.binary(op, .native(self), other)
    }

    func negated() throws -> Value? { session.wrap(-(try session.variable(of: self))) }

    /// Integer indices per leading axis (negative from the end) or one range slicing the first axis, as
    /// for tensors; the selected elements are gathered (`gatherRows`), so the derivative scatters back.
    func index(_ indices: [Value]) throws -> Value {
        let v = try session.variable(of: self), shape = v.shape
        if indices.count == 1, case .range(let range) = indices[0] {
            guard let rows = shape.first else { throw RuntimeError("cannot slice a rank-0 tensor") }
            let positions = Indexing.slice(range, count: rows)
            let rest = Array(shape.dropFirst())
            return session.wrap(try gather(v, rows: rows, positions: positions, idsShape: [positions.count]).reshaped([positions.count] + rest))
        }
        guard indices.count <= shape.count else {
            throw RuntimeError("\(indices.count) indices for a tensor of rank \(shape.count) (shape \(describeShape(shape)))")
        }
        var offset = 0
        for (axis, index) in indices.enumerated() {
            offset = offset * shape[axis] + (try Indexing.position(index, count: shape[axis]))
        }
        let rest = Array(shape[indices.count...])
        let rows = shape[..<indices.count].reduce(1, *)
        return session.wrap(try gather(v, rows: rows, positions: [offset], idsShape: []).reshaped(rest))
    }

    /// Rows `positions` of `v` viewed as a `[rows, rest]` table.
    private func gather(_ v: Var, rows: Int, positions: [Int], idsShape: [Int]) throws -> Var {
        let table = try v.reshaped([rows, v.shape.reduce(1, *) / max(rows, 1)])
        let ids = v.graph.constant(try Tensor(shape: idsShape, scalars: positions.map(Double.init), dtype: .float64))
        return try v.graph.apply(.gatherRows, [table, ids])
    }
}
