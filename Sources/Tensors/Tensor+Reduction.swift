/// Reductions over axes. The core kernel reduces to a *target shape* that broadcasts to the input shape
/// (NumPy's `sum_to`): that one operation is the transpose of broadcasting, which is what reverse-mode
/// differentiation needs.
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
        switch dtype {
        case .float32: reduceKernel(op, Float.self, target: target, into: &out)
        case .float64: reduceKernel(op, Double.self, target: target, into: &out)
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

    private func reduceKernel<T: TensorScalar>(_ op: ReductionOp, _: T.Type, target: [Int], into out: inout Tensor) {
        let outStrides = Broadcasting.strides(of: target, in: shape)
        var inStrides = [Int](repeating: 0, count: rank)
        var running = 1
        for axis in stride(from: rank - 1, through: 0, by: -1) { inStrides[axis] = running; running *= shape[axis] }
        let plan = StridedPlan(target: shape, operandStrides: [inStrides, outStrides])
        let initial: T = op == .sum ? 0 : -T.infinity
        let outCount = out.count
        withPointer(T.self) { x in
            out.withMutablePointer(T.self) { y in
                y.update(repeating: initial, count: outCount)
                guard count > 0 else { return }
                plan.forEachRun { offsets, n, strides in
                    let src = x + offsets[0], dst = y + offsets[1]
                    let si = strides[0], so = strides[1]
                    switch (op, so) {
                    case (.sum, 0):
                        var acc: T = 0
                        if si == 1 { for i in 0..<n { acc += src[i] } } else { for i in 0..<n { acc += src[i * si] } }
                        dst[0] += acc
                    case (.sum, _):
                        if si == 1 && so == 1 { for i in 0..<n { dst[i] += src[i] } } else { for i in 0..<n { dst[i * so] += src[i * si] } }
                    case (.max, 0):
                        var m = dst[0]
                        for i in 0..<n where src[i * si] > m || src[i * si].isNaN { m = src[i * si] }
                        dst[0] = m
                    case (.max, _):
                        for i in 0..<n where src[i * si] > dst[i * so] || src[i * si].isNaN { dst[i * so] = src[i * si] }
                    }
                }
            }
        }
    }
}
