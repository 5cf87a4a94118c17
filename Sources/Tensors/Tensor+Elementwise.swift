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

    /// `op(a, b)` with broadcasting, into `out` (which must have the broadcast shape and the common dtype).
    public static func apply(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, into out: inout Tensor) throws {
        guard a.dtype == b.dtype else { throw TensorError("\(op): mixed element types \(a.dtype) and \(b.dtype)") }
        let target = try Broadcasting.shape(a.shape, b.shape)
        guard out.shape == target, out.dtype == a.dtype else {
            throw TensorError("\(op): output \(describeShape(out.shape)) for broadcast shape \(describeShape(target))")
        }
        switch a.dtype {
        case .float32: binaryKernel(op, a, b, Float.self, target: target, into: &out)
        case .float64: binaryKernel(op, a, b, Double.self, target: target, into: &out)
        }
    }

    /// `op(a, b)` with broadcasting.
    public static func applying(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        var out = Tensor(zeros: try Broadcasting.shape(a.shape, b.shape), dtype: a.dtype)
        try apply(op, a, b, into: &out)
        return out
    }

    private static func binaryKernel<T: TensorScalar>(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _: T.Type,
                                                       target: [Int], into out: inout Tensor) {
        a.withPointer(T.self) { pa in
            b.withPointer(T.self) { pb in
                out.withMutablePointer(T.self) { po in
                    if a.shape == b.shape {
                        runBinary(op, pa, 1, pb, 1, po, a.count)
                        return
                    }
                    let plan = StridedPlan(target: target, operandStrides: [
                        Broadcasting.strides(of: a.shape, in: target), Broadcasting.strides(of: b.shape, in: target),
                    ])
                    var outOffset = 0
                    plan.forEachRun { offsets, n, strides in
                        runBinary(op, pa + offsets[0], strides[0], pb + offsets[1], strides[1], po + outOffset, n)
                        outOffset += n
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func runBinary<T: TensorScalar>(_ op: BinaryOp, _ a: UnsafePointer<T>, _ sa: Int,
                                                    _ b: UnsafePointer<T>, _ sb: Int, _ o: UnsafeMutablePointer<T>, _ n: Int) {
        switch (sa, sb) {
        case (1, 1):
            switch op {
            case .add: for i in 0..<n { o[i] = a[i] + b[i] }
            case .subtract: for i in 0..<n { o[i] = a[i] - b[i] }
            case .multiply: for i in 0..<n { o[i] = a[i] * b[i] }
            case .divide: for i in 0..<n { o[i] = a[i] / b[i] }
            }
        case (1, 0):
            let s = b[0]
            switch op {
            case .add: for i in 0..<n { o[i] = a[i] + s }
            case .subtract: for i in 0..<n { o[i] = a[i] - s }
            case .multiply: for i in 0..<n { o[i] = a[i] * s }
            case .divide: for i in 0..<n { o[i] = a[i] / s }
            }
        case (0, 1):
            let s = a[0]
            switch op {
            case .add: for i in 0..<n { o[i] = s + b[i] }
            case .subtract: for i in 0..<n { o[i] = s - b[i] }
            case .multiply: for i in 0..<n { o[i] = s * b[i] }
            case .divide: for i in 0..<n { o[i] = s / b[i] }
            }
        default:
            for i in 0..<n {
                let x = a[i * sa], y = b[i * sb]
                switch op {
                case .add: o[i] = x + y
                case .subtract: o[i] = x - y
                case .multiply: o[i] = x * y
                case .divide: o[i] = x / y
                }
            }
        }
    }

    /// `a + b` with broadcasting.
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try applying(.add, a, b) }
    /// `a − b` with broadcasting.
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try applying(.subtract, a, b) }
    /// `a · b` elementwise with broadcasting.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try applying(.multiply, a, b) }
    /// `a / b` elementwise with broadcasting.
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try applying(.divide, a, b) }
    /// Elementwise negation.
    public static prefix func - (a: Tensor) -> Tensor { a.applying(.negate) }
}
