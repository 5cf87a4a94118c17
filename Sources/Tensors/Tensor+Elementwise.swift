import Foundation

/// Elementwise functions of one tensor.
public enum UnaryOp: String, Sendable, CaseIterable {
    case negate, exp, log, tanh, sqrt, square, reciprocal, abs
    /// 1 where x > 0, else 0 (the derivative of ReLU; its own derivative is zero).
    case step
    /// max(x, 0).
    case relu

    /// Relative cost per element, for deciding when a loop is worth splitting over threads.
    var cost: Int {
        switch self {
        case .exp, .log, .tanh: return 8
        case .sqrt, .reciprocal: return 2
        default: return 1
        }
    }
}

/// Elementwise functions of two tensors, with NumPy broadcasting.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, subtract, multiply, divide
}

extension Tensor {
    /// `op` applied to every element, written into `out` (which must have this shape and dtype).
    public func apply(_ op: UnaryOp, into out: inout Tensor) {
        precondition(out.shape == shape && out.dtype == dtype, "unary \(op): output \(describeShape(out.shape)) for input \(describeShape(shape))")
        switch dtype {
        case .float32: unaryKernel(op, Float.self, into: &out)
        case .float64: unaryKernel(op, Double.self, into: &out)
        }
    }

    /// `op` applied to every element.
    public func applying(_ op: UnaryOp) -> Tensor {
        var out = Tensor(zeros: shape, dtype: dtype)
        apply(op, into: &out)
        return out
    }

    private func unaryKernel<T: TensorScalar>(_ op: UnaryOp, _: T.Type, into out: inout Tensor) {
        withPointer(T.self) { x in
            out.withMutablePointer(T.self) { y in
                Parallel.forEachRange(count, cost: op.cost) { r in Tensor.unaryRun(op, x + r.lowerBound, y + r.lowerBound, r.count) }
            }
        }
    }

    @inline(__always)
    private static func unaryRun<T: TensorScalar>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
        switch op {
        case .negate: for i in 0..<n { y[i] = -x[i] }
        case .exp: T.exponential(x, y, count: n)
        case .log: T.logarithm(x, y, count: n)
        case .tanh: T.hyperbolicTangent(x, y, count: n)
        case .sqrt: for i in 0..<n { y[i] = x[i].squareRoot() }
        case .square: for i in 0..<n { y[i] = x[i] * x[i] }
        case .reciprocal: for i in 0..<n { y[i] = 1 / x[i] }
        case .abs: for i in 0..<n { y[i] = Swift.abs(x[i]) }
        case .step: for i in 0..<n { y[i] = x[i] > 0 ? 1 : 0 }
        case .relu: for i in 0..<n { y[i] = x[i] > 0 ? x[i] : 0 }
        }
    }

    /// `scale·x + shift` for every element, into `out` (same shape and dtype).
    public func affine(scale: Double, shift: Double, into out: inout Tensor) {
        precondition(out.shape == shape && out.dtype == dtype, "affine: output \(describeShape(out.shape)) for input \(describeShape(shape))")
        switch dtype {
        case .float32: affineKernel(Float(scale), Float(shift), into: &out)
        case .float64: affineKernel(scale, shift, into: &out)
        }
    }

    /// `scale·x + shift` for every element.
    public func affine(scale: Double, shift: Double = 0) -> Tensor {
        var out = Tensor(zeros: shape, dtype: dtype)
        affine(scale: scale, shift: shift, into: &out)
        return out
    }

    private func affineKernel<T: TensorScalar>(_ a: T, _ b: T, into out: inout Tensor) {
        withPointer(T.self) { x in
            out.withMutablePointer(T.self) { y in
                Parallel.forEachRange(count) { r in for i in r { y[i] = a * x[i] + b } }
            }
        }
    }
}
