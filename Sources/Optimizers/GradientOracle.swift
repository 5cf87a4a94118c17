import Tensors

/// The loss and gradient on the current minibatch, as an optimizer sees them. Both gradients of one SAM
/// step (at the iterate and at the ascent point) come from the same oracle, hence the same minibatch.
public protocol GradientOracle {
    /// `ℓ(w)` on the current batch, with `∇ℓ(w)` written into `gradient` (a flat vector like `w`).
    func valueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double
}

/// A gradient oracle from a closure.
public struct ClosureGradientOracle: GradientOracle {
    private let body: (Tensor, inout Tensor) throws -> Double
    public init(_ body: @escaping (Tensor, inout Tensor) throws -> Double) { self.body = body }
    public func valueAndGradient(at w: Tensor, into gradient: inout Tensor) throws -> Double { try body(w, &gradient) }
}
