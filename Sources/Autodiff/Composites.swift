import Tensors

/// Composite operations built from primitives; their derivatives come from the primitives' rules.
extension Var {
    /// `log Σ exp(x)` over `axis`, shifted by the (non-differentiated) maximum for stability; the axis is
    /// kept with extent 1.
    public func logSumExp(axis: Int) throws -> Var {
        let m = try maxNoGradient(axes: [axis])
        return try (try (try self - m).exp().sum(axes: [axis], keepDims: true).log()) + m
    }

    /// `x − logSumExp(x)` over `axis`.
    public func logSoftmax(axis: Int) throws -> Var {
        try self - (try logSumExp(axis: axis))
    }

    /// `exp(x) / Σ exp(x)` over `axis`.
    public func softmax(axis: Int) throws -> Var {
        let e = try (try self - (try maxNoGradient(axes: [axis]))).exp()
        return try e / (try e.sum(axes: [axis], keepDims: true))
    }
}
