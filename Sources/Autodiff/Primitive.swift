import Tensors

/// A constant tensor embedded in a graph. Compared by identity, so two constants are never merged.
public final class ConstantValue: Hashable, @unchecked Sendable {
    /// The value.
    public let tensor: Tensor
    public init(_ tensor: Tensor) { self.tensor = tensor }
    public static func == (a: ConstantValue, b: ConstantValue) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// The closed set of operations a graph is made of. Each has a forward kernel (``Program``), a shape rule
/// (``Primitive/outputShape(_:)``) and derivative rules (``DerivativeRules``) written with these same
/// primitives, so derivatives of derivatives (Hessian-vector products) are exact.
public enum Primitive: Hashable, Sendable {
    /// A value bound when a program runs (parameters, data, tangents, cotangents).
    case input(name: String)
    /// A fixed tensor.
    case constant(ConstantValue)
    /// A tensor of the given shape filled with one value (zeros, ones, scalars).
    case fill(value: Double, shape: [Int])
    /// An elementwise function.
    case unary(UnaryOp)
    /// An elementwise function of two tensors with NumPy broadcasting.
    case binary(BinaryOp)
    /// `scale·x + shift`.
    case affine(scale: Double, shift: Double)
    /// Sum down to a shape that broadcasts to the input's (the transpose of broadcasting).
    case sumTo([Int])
    /// Maximum down to a shape (not differentiable: use it under ``stopGradient`` only).
    case maxTo([Int])
    /// Repeat along axes of extent 1 (or new leading axes) to a shape.
    case broadcastTo([Int])
    /// The same elements under a new shape.
    case reshape([Int])
    /// Axis permutation.
    case transpose([Int])
    /// `op(A)·op(B)`, batched over leading axes (a rank-2 B is shared across A's batch when A is not transposed).
    case matmul(transA: Bool, transB: Bool)
    /// NHWC image → patch matrix (see `Tensor.im2col`).
    case im2col(WindowGeometry)
    /// Patch matrix → NHWC image, summing overlaps (the transpose of im2col).
    case col2im(WindowGeometry, imageShape: [Int])
    /// Inputs (selector, values): for each window, `values` at the position of the selector's maximum.
    case poolGather(WindowGeometry)
    /// Inputs (selector, upstream): upstream values routed back to the selector's window maxima.
    case poolScatter(WindowGeometry)
    /// Inputs (table `[V, D]`, ids `[...]`): rows of the table (embedding lookup); ids are integral floats.
    case gatherRows
    /// Inputs (upstream `[..., D]`, ids): rows summed into a `[rows, D]` table (the transpose of gatherRows).
    case scatterRows(rows: Int)
    /// Identity whose derivative is zero.
    case stopGradient

    /// A short name for messages.
    public var name: String {
        switch self {
        case .input(let n): return "input(\(n))"
        case .constant: return "constant"
        case .fill: return "fill"
        case .unary(let op): return op.rawValue
        case .binary(let op): return op.rawValue
        case .affine: return "affine"
        case .sumTo: return "sumTo"
        case .maxTo: return "maxTo"
        case .broadcastTo: return "broadcastTo"
        case .reshape: return "reshape"
        case .transpose: return "transpose"
        case .matmul: return "matmul"
        case .im2col: return "im2col"
        case .col2im: return "col2im"
        case .poolGather: return "poolGather"
        case .poolScatter: return "poolScatter"
        case .gatherRows: return "gatherRows"
        case .scatterRows: return "scatterRows"
        case .stopGradient: return "stopGradient"
        }
    }

    /// Infers the output shape from the input shapes, throwing a ``TensorError`` that names the shapes.
    public func outputShape(_ inputs: [[Int]]) throws -> [Int] {
        switch self {
        case .input, .constant: preconditionFailure("leaves have explicit shapes")
        case .fill(_, let shape): return shape
        case .unary, .affine, .stopGradient: return inputs[0]
        case .binary(let op):
            do { return try Broadcasting.shape(inputs[0], inputs[1]) } catch let e as TensorError { throw TensorError("\(op): \(e.message)") }
        case .sumTo(let s), .maxTo(let s):
            guard Broadcasting.canBroadcast(s, to: inputs[0]) else { throw TensorError("\(name): cannot reduce \(describeShape(inputs[0])) to \(describeShape(s))") }
            return s
        case .broadcastTo(let s):
            guard Broadcasting.canBroadcast(inputs[0], to: s) else { throw TensorError("broadcast: cannot broadcast \(describeShape(inputs[0])) to \(describeShape(s))") }
            return s
        case .reshape(let s):
            guard s.reduce(1, *) == inputs[0].reduce(1, *) else { throw TensorError("reshape: cannot view \(describeShape(inputs[0])) as \(describeShape(s))") }
            return s
        case .transpose(let p):
            guard p.count == inputs[0].count, Set(p) == Set(0..<p.count) else { throw TensorError("transpose: \(p) is not a permutation of the axes of \(describeShape(inputs[0]))") }
            return p.map { inputs[0][$0] }
        case .matmul(let ta, let tb):
            if inputs[1].count == 2 && inputs[0].count > 2 && ta {
                throw TensorError("matmul: a shared rank-2 right operand needs an untransposed left operand, got \(describeShape(inputs[0]))ᵀ")
            }
            return try Tensor.matmulShape(inputs[0], inputs[1], transA: ta, transB: tb)
        case .im2col(let g):
            let s = inputs[0]
            guard s.count == 4, s[1] == g.inputHeight, s[2] == g.inputWidth else { throw TensorError("im2col: input \(describeShape(s)) is not [N, \(g.inputHeight), \(g.inputWidth), C]") }
            return [s[0] * g.outputHeight * g.outputWidth, g.kernelHeight * g.kernelWidth * s[3]]
        case .col2im(let g, let imageShape):
            guard inputs[0] == [imageShape[0] * g.outputHeight * g.outputWidth, g.kernelHeight * g.kernelWidth * imageShape[3]] else {
                throw TensorError("col2im: columns \(describeShape(inputs[0])) do not match image \(describeShape(imageShape))")
            }
            return imageShape
        case .poolGather(let g):
            let s = inputs[0]
            guard s.count == 4, s[1] == g.inputHeight, s[2] == g.inputWidth, inputs[1] == s else {
                throw TensorError("maxpool: input \(describeShape(s)) is not [N, \(g.inputHeight), \(g.inputWidth), C]")
            }
            return [s[0], g.outputHeight, g.outputWidth, s[3]]
        case .poolScatter(let g):
            let s = inputs[0]
            guard s.count == 4, inputs[1] == [s[0], g.outputHeight, g.outputWidth, s[3]] else {
                throw TensorError("maxpool transpose: upstream \(describeShape(inputs[1])) does not match \(describeShape(s))")
            }
            return s
        case .gatherRows:
            guard inputs[0].count == 2 else { throw TensorError("embedding: table must be [rows, features], got \(describeShape(inputs[0]))") }
            return inputs[1] + [inputs[0][1]]
        case .scatterRows(let rows):
            guard let d = inputs[0].last, Array(inputs[0].dropLast()) == inputs[1] else {
                throw TensorError("embedding transpose: upstream \(describeShape(inputs[0])) does not match ids \(describeShape(inputs[1]))")
            }
            return [rows, d]
        }
    }
}
