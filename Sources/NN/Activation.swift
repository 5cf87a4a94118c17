import Autodiff

/// An elementwise nonlinearity between layers. Each is a composition of differentiable primitives, so
/// its gradient and exact Hessian-vector products come from the primitives' rules.
public enum Activation: String, Hashable, Sendable, CaseIterable {
    /// `max(x, 0)`.
    case relu
    /// `tanh(x)`.
    case tanh
    /// The tanh approximation of GELU, JAX's default (`jax.nn.gelu(approximate=True)`):
    /// `½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
    case gelu
    /// `log(1 + eˣ)` (`jax.nn.softplus`), evaluated stably as `max(x, 0) + log(1 + e^(−|x|))`.
    case softplus
    /// `x` for `x > 0`, else `eˣ − 1` (`jax.nn.elu` with α = 1), evaluated as `max(x, 0) + e^(−max(−x, 0)) − 1`.
    case elu
    /// `x` (a linear network).
    case identity
    /// `x²` (a quadratic network).
    case square

    /// The activation applied to `x`, built from differentiable primitives.
    public func callAsFunction(_ x: Var) throws -> Var {
        switch self {
        case .relu: return x.relu()
        case .tanh: return x.tanh()
        case .gelu: return try x.gelu()
        case .softplus: return try x.softplus()
        case .elu: return try x.elu()
        case .identity: return x
        case .square: return x.square()
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

    /// Softplus `log(1 + eˣ)`, as `m + log(e^(−m) + e^(x−m))` with `m = max(x, 0)` held constant
    /// (`stopGradient`, the shift of ``logSumExp(axis:)``): both exponentials are at most 1, so nothing
    /// overflows, and since the expression equals `log(1 + eˣ)` for every `m`, all its derivatives are
    /// exact, including at 0 (first derivative the logistic sigmoid, `½` at 0).
    public func softplus() throws -> Var {
        let m = relu().stopGradient()
        return try m + (try (-m).exp() + (try self - m).exp()).log()
    }

    /// ELU with α = 1: `x` for `x > 0`, `eˣ − 1` otherwise, as `x + max(−x, 0) + e^(−max(−x, 0)) − 1` (the
    /// exponential only sees non-positive arguments, and the derivative at 0 is 1 from both sides).
    /// Continuously differentiable; the second derivative jumps from 1 to 0 at 0.
    public func elu() throws -> Var {
        let negativePart = (-self).relu()
        return try self + negativePart + (-negativePart).exp().affine(scale: 1, shift: -1)
    }
}
