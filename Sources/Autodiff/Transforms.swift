import Tensors

/// One-shot functional transforms over functions of tensors, traced on each call: convenient for tests,
/// scripts and the REPL. For repeated evaluation of the same function use ``DifferentiableFunction``.
public enum Transforms {
    /// Traces `f` at inputs shaped like `xs` and returns the graph, its input variables and output.
    private static func trace(_ f: ([Var]) throws -> Var, _ xs: [Tensor]) throws -> (Graph, [Var], Var) {
        let g = Graph()
        let inputs = xs.enumerated().map { g.input("x\($0.offset)", shape: $0.element.shape, dtype: $0.element.dtype) }
        return (g, inputs, try f(inputs))
    }

    /// `f(xs)`.
    public static func evaluate(_ f: ([Var]) throws -> Var, at xs: [Tensor]) throws -> Tensor {
        let (g, inputs, y) = try trace(f, xs)
        return try Program(graph: g, inputs: inputs, outputs: [y]).run(xs)[0]
    }

    /// `f(xs)` and the cotangents `ctᵀ·∂f/∂xᵢ` for each input.
    public static func vjp(_ f: ([Var]) throws -> Var, at xs: [Tensor], cotangent: Tensor) throws -> (value: Tensor, cotangents: [Tensor]) {
        let (g, inputs, y) = try trace(f, xs)
        let ct = g.input("cotangent", shape: y.shape, dtype: y.dtype)
        let grads = try g.gradients(of: [y], cotangents: [ct], wrt: inputs)
        let r = try Program(graph: g, inputs: inputs + [ct], outputs: [y] + grads).run(xs + [cotangent])
        return (r[0], Array(r.dropFirst()))
    }

    /// `f(xs)` and the tangent `Σᵢ ∂f/∂xᵢ·tᵢ`.
    public static func jvp(_ f: ([Var]) throws -> Var, at xs: [Tensor], tangents: [Tensor]) throws -> (value: Tensor, tangent: Tensor) {
        let (g, inputs, y) = try trace(f, xs)
        let ts = tangents.enumerated().map { g.input("t\($0.offset)", shape: $0.element.shape, dtype: $0.element.dtype) }
        let dy = try g.jvp(of: [y], wrt: inputs, tangents: ts)[0]
        let r = try Program(graph: g, inputs: inputs + ts, outputs: [y, dy]).run(xs + tangents)
        return (r[0], r[1])
    }

    /// The gradient of a scalar `f` with respect to each input.
    public static func grad(_ f: ([Var]) throws -> Var, at xs: [Tensor]) throws -> [Tensor] {
        try valueAndGrad(f, at: xs).gradients
    }

    /// A scalar `f(xs)` and its gradient.
    public static func valueAndGrad(_ f: ([Var]) throws -> Var, at xs: [Tensor]) throws -> (value: Double, gradients: [Tensor]) {
        let (g, inputs, y) = try trace(f, xs)
        let grads = try g.gradients(of: y, wrt: inputs)
        let r = try Program(graph: g, inputs: inputs, outputs: [y] + grads).run(xs)
        return (r[0].scalarValue, Array(r.dropFirst()))
    }

    /// The Hessian of a scalar `f` applied to `vs` (one direction tensor per input), forward-over-reverse.
    public static func hvp(_ f: ([Var]) throws -> Var, at xs: [Tensor], vectors vs: [Tensor]) throws -> [Tensor] {
        let (g, inputs, y) = try trace(f, xs)
        let grads = try g.gradients(of: y, wrt: inputs)
        let ts = vs.enumerated().map { g.input("v\($0.offset)", shape: $0.element.shape, dtype: $0.element.dtype) }
        let hv = try g.jvp(of: grads, wrt: inputs, tangents: ts)
        return try Program(graph: g, inputs: inputs + ts, outputs: hv).run(xs + vs)
    }
}
