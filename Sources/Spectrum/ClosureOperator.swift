import Tensors

/// A ``SymmetricOperator`` defined by a closure, e.g. an exact Hessian-vector product
/// `v ↦ ∇²ℓ(w) v` from the autodiff engine.
///
/// The closure must be linear and symmetric in its argument; estimators check the shape, type and finiteness
/// of what it returns and throw ``SpectrumError`` otherwise.
public struct ClosureOperator: SymmetricOperator {
    public let dimension: Int
    public let dtype: DType
    private let body: (Tensor) throws -> Tensor

    /// An operator of the given dimension and element type whose product is `apply(v)`.
    public init(dimension: Int, dtype: DType, apply: @escaping (Tensor) throws -> Tensor) {
        precondition(dimension >= 0, "ClosureOperator: negative dimension \(dimension)")
        self.dimension = dimension
        self.dtype = dtype
        body = apply
    }

    public func apply(_ v: Tensor) throws -> Tensor { try body(v) }
}
