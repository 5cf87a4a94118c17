/// Reductions over axes. The core kernel reduces to a *target shape* that broadcasts to the input shape
/// (NumPy's `sum_to`): that one operation is the transpose of broadcasting, which is what reverse-mode
/// differentiation needs. Reductions over trailing axes, over leading or middle axes, and over
/// everything run in vectorised loops split over threads (see `ReductionKernels.swift`); other patterns
/// walk the general strided plan.
public enum ReductionOp: String, Sendable {
    case sum, max
}

extension Tensor {
    /// Reduces this tensor to `target` (which must broadcast to ``shape``) with `op`, into `out`.
    public func reduce(_ op: ReductionOp, to target: [Int], into out: inout Tensor) throws {
        guard Broadcasting.canBroadcast(target, to: shape) else {
            throw TensorError("\(op): cannot reduce \(describeShape(shape)) to \(describeShape(target))")
        }
        guard out.shape == target, out.dtype == dtype else {
            throw TensorError("\(op): output \(describeShape(out.shape)) for target \(describeShape(target))")
        }
        let layout = ReductionLayout(shape: shape, target: target)
        switch dtype {
        case .float32: reduceKernel(op, Float.self, layout: layout, into: &out)
        case .float64: reduceKernel(op, Double.self, layout: layout, into: &out)
        }
    }

    /// Reduces this tensor to `target` (which must broadcast to ``shape``) with `op`.
    public func reduced(_ op: ReductionOp, to target: [Int]) throws -> Tensor {
        var out = Tensor(zeros: target, dtype: dtype)
        try reduce(op, to: target, into: &out)
        return out
    }

    /// Sums over `axes` (all axes when nil); `keepDims` keeps reduced axes with extent 1.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduceAxes(.sum, axes: axes, keepDims: keepDims)
    }

    /// Maximum over `axes` (all axes when nil).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduceAxes(.max, axes: axes, keepDims: keepDims)
    }

    /// Arithmetic mean of all elements.
    public func mean() -> Double {
        count == 0 ? .nan : (try! sum()).scalarValue / Double(count)
    }

    /// The shape that remains after reducing `axes` (negative axes count from the end).
    public func reducedShape(axes: [Int]?, keepDims: Bool) throws -> [Int] {
        let normalized = try (axes ?? Array(0..<rank)).map { axis -> Int in
            let a = axis < 0 ? axis + rank : axis
            guard a >= 0 && a < rank else { throw TensorError("reduce: axis \(axis) out of range for shape \(describeShape(shape))") }
            return a
        }
        let set = Set(normalized)
        if keepDims { return shape.enumerated().map { set.contains($0.offset) ? 1 : $0.element } }
        return shape.enumerated().filter { !set.contains($0.offset) }.map(\.element)
    }

    private func reduceAxes(_ op: ReductionOp, axes: [Int]?, keepDims: Bool) throws -> Tensor {
        let kept = try reducedShape(axes: axes, keepDims: true)
        let result = try reduced(op, to: kept)
        return keepDims ? result : try result.reshaped(try reducedShape(axes: axes, keepDims: false))
    }

    /// The general strided path for any target, without the fast paths (the reference the tests compare
    /// them with).
    func reduceStrided(_ op: ReductionOp, to target: [Int], into out: inout Tensor) throws {
        guard Broadcasting.canBroadcast(target, to: shape), out.shape == target, out.dtype == dtype else {
            throw TensorError("\(op): cannot reduce \(describeShape(shape)) to \(describeShape(target))")
        }
        let layout = ReductionLayout.strided(ReductionLayout.plan(shape: shape, target: target))
        switch dtype {
        case .float32: reduceKernel(op, Float.self, layout: layout, into: &out)
        case .float64: reduceKernel(op, Double.self, layout: layout, into: &out)
        }
    }
}
