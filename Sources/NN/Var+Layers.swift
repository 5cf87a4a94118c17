import Autodiff
import Tensors

/// The building blocks of the models, as compositions of differentiable primitives (so their gradients
/// and Hessian-vector products come from the primitives' rules and are exact).
extension Var {
    /// A dense layer on the last axis: `x·W (+ b)` with `W` `[in, out]`. Inputs of rank > 2 are folded to
    /// `[rows, in]` so the product is one GEMM; the bias add broadcasts over rows.
    public func dense(weight: Var, bias: Var?) throws -> Var {
        guard rank >= 2 else { throw NNError("dense: input \(describeShape(shape)) must have rank ≥ 2") }
        let features = shape[rank - 1]
        let rows = try (rank == 2 ? self : reshaped([-1, features])).matmul(weight)
        let out = try bias.map { try rows + $0 } ?? rows
        return rank == 2 ? out : try out.reshaped(Array(shape.dropLast()) + [weight.shape[1]])
    }

    /// Layer normalisation over the last axis: `(x − μ)/√(σ² + ε)·scale + offset`, with `μ`, `σ²` the mean
    /// and (biased) variance over that axis and `scale`, `offset` vectors of its extent. This is Flax's
    /// `nn.LayerNorm` (ε = 1e-6 by default) and Haiku's `hk.LayerNorm(axis=-1)` (ε = 1e-5); the variance is
    /// computed in two passes, `mean((x − μ)²)`, which equals Flax's `mean(x²) − μ²` in exact arithmetic
    /// and is more accurate in floating point.
    public func layerNorm(scale: Var, offset: Var, epsilon: Double) throws -> Var {
        let axis = rank - 1
        let centered = try self - (try mean(axes: [axis], keepDims: true))
        let variance = try centered.square().mean(axes: [axis], keepDims: true)
        let normalized = try centered * (variance + epsilon).sqrt().reciprocal()
        return try normalized * scale + offset
    }

    /// A 2-D convolution of NHWC images `[N, H, W, Cin]` with a kernel `[kh, kw, Cin, Cout]` (Flax's HWIO
    /// layout) and a bias `[Cout]`: im2col to `[N·OH·OW, kh·kw·Cin]`, one GEMM with the kernel viewed as
    /// `[kh·kw·Cin, Cout]`, the bias broadcast over rows, then viewed as `[N, OH, OW, Cout]`.
    public func conv2d(kernel: Var, bias: Var?, geometry: WindowGeometry) throws -> Var {
        guard rank == 4, kernel.rank == 4, kernel.shape[0] == geometry.kernelHeight, kernel.shape[1] == geometry.kernelWidth,
              kernel.shape[2] == shape[3] else {
            throw NNError("conv: input \(describeShape(shape)) and kernel \(describeShape(kernel.shape)) do not fit a \(geometry.kernelHeight)x\(geometry.kernelWidth) NHWC convolution")
        }
        let outChannels = kernel.shape[3]
        let columns = try graph.apply(.im2col(geometry), [self])
        var out = try columns.matmul(try kernel.reshaped([-1, outChannels]))
        if let bias { out = try out + bias }
        return try out.reshaped([shape[0], geometry.outputHeight, geometry.outputWidth, outChannels])
    }

    /// Max-pooling of NHWC images over the windows of `geometry`: each output is the input at its window's
    /// maximum (the derivative routes through that position, as in JAX's `reduce_window` max).
    public func maxPool(geometry: WindowGeometry) throws -> Var {
        try graph.apply(.poolGather(geometry), [self, self])
    }
}
