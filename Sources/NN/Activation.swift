import Autodiff

/// An elementwise nonlinearity between layers.
public enum Activation: String, Hashable, Sendable, CaseIterable {
    /// `max(x, 0)`.
    case relu
    /// `tanh(x)`.
    case tanh
    /// The tanh approximation of GELU, JAX's default (`jax.nn.gelu(approximate=True)`):
    /// `½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
    case gelu
    /// `x` (a linear network).
    case identity

    /// The activation applied to `x`, built from differentiable primitives.
    public func callAsFunction(_ x: Var) throws -> Var {
        switch self {
        case .relu: return x.relu()
        case .tanh: return x.tanh()
        case .gelu: return try x.gelu()
        case .identity: return x
        }
    }
}

extension Var {
    /// GELU, tanh approximation (JAX's default): `½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`, evaluated as
    /// `x·(½ + ½·tanh(x·(a + b·x²)))` with `a = √(2/π)`, `b = 0.044715·a`: six elementwise passes.
    public func gelu() throws -> Var {
        let a = (2 / Double.pi).squareRoot()
        let inner = try self * square().affine(scale: 0.044715 * a, shift: a)
        return try self * inner.tanh().affine(scale: 0.5, shift: 0.5)
    }
}
