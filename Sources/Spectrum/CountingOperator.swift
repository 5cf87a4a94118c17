import Foundation
import Tensors

/// Wraps an operator and records how often it was applied and how long those applications took — the cost
/// measure of every estimator (one application of a Hessian operator is one Hessian-vector product).
///
/// A class, so that the counts accumulate across the estimators it is passed to. Not thread-safe.
public final class CountingOperator: SymmetricOperator {
    /// The wrapped operator.
    public let base: any SymmetricOperator
    /// Number of completed calls to ``apply(_:)``.
    public private(set) var applications = 0
    /// Wall-clock seconds spent inside the wrapped operator's `apply`.
    public private(set) var seconds = 0.0

    public var dimension: Int { base.dimension }
    public var dtype: DType { base.dtype }

    public init(_ base: any SymmetricOperator) { self.base = base }

    public func apply(_ v: Tensor) throws -> Tensor {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds += secondsSince(start) }
        let out = try base.apply(v)
        applications += 1
        return out
    }

    /// Sets both counters back to zero.
    public func reset() {
        applications = 0
        seconds = 0
    }
}
