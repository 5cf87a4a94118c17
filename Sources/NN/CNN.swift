import Autodiff
import Tensors

/// The paper's convolutional network for CIFAR-10: blocks of
/// [3×3 convolution (same padding, stride 1, bias) → activation → LayerNorm over channels →
/// 2×2 max-pool, stride 2], then flatten and one dense layer to the classes.
///
/// This is the Flax model `Conv(c, (3, 3)) → relu → LayerNorm() → max_pool((2, 2), strides=(2, 2))` per
/// block, `Dense(classes)` after `x.reshape((N, -1))`. Flax's `nn.LayerNorm` on NHWC normalises the
/// channel axis of each pixel, with a learned scale and offset per channel and ε = 1e-6; max-pooling uses
/// "VALID" padding (odd extents are floored).
///
/// Parameters, for blocks `i = 0 ..< channels.count`:
/// - `conv_i.kernel` `[3, 3, Cin, Cout]` (HWIO; fan-in `9·Cin`, fan-out `9·Cout`), `conv_i.bias` `[Cout]`,
/// - `layer_norm_i.scale` `[Cout]` (ones), `layer_norm_i.bias` `[Cout]` (zeros),
/// - `dense_0.weight` `[H'·W'·C, classes]`, `dense_0.bias` `[classes]`,
///
/// with `H'`, `W'` the image size after all poolings. Input NHWC `[N, height, width, inputChannels]`.
/// A convolution is one im2col and one GEMM with the kernel viewed as `[9·Cin, Cout]`.
public struct CNN: Model {
    /// Image height.
    public var height: Int
    /// Image width.
    public var width: Int
    /// Channels of the input images.
    public var inputChannels: Int
    /// Output channels of each block's convolution.
    public var channels: [Int]
    /// Number of classes.
    public var classes: Int
    /// The nonlinearity after each convolution.
    public var activation: Activation
    /// The LayerNorm ε.
    public var layerNormEpsilon: Double
    /// Initialiser of the convolution kernels and the dense weight (biases start at zero, LayerNorm gains
    /// at one).
    public var weightInitializer: Initializer

    /// The kernel extent (3×3).
    public static let kernelSize = 3
    /// The pooling window and stride (2×2, stride 2).
    public static let poolSize = 2

    /// Throws if a size is not positive or the images are too small for the poolings.
    public init(height: Int = 32, width: Int = 32, inputChannels: Int = 3, channels: [Int] = [16, 32], classes: Int = 10,
                activation: Activation = .relu, layerNormEpsilon: Double = 1e-6, weightInitializer: Initializer = .glorotNormal()) throws {
        guard height > 0, width > 0, inputChannels > 0, classes > 0, channels.allSatisfy({ $0 > 0 }) else {
            throw NNError("cnn: sizes must be positive, got image \(height)x\(width)x\(inputChannels), channels \(channels), \(classes) classes")
        }
        self.height = height
        self.width = width
        self.inputChannels = inputChannels
        self.channels = channels
        self.classes = classes
        self.activation = activation
        self.layerNormEpsilon = layerNormEpsilon
        self.weightInitializer = weightInitializer
        guard flattenedFeatures > 0 else {
            throw NNError("cnn: a \(height)x\(width) image is too small for \(channels.count) 2x2 poolings")
        }
    }

    /// The convolution and pooling windows of each block.
    public func blockGeometries() throws -> [(convolution: WindowGeometry, pooling: WindowGeometry)] {
        var h = height, w = width
        return try channels.map { _ in
            let conv = try WindowGeometry(inputHeight: h, inputWidth: w, kernelHeight: CNN.kernelSize, kernelWidth: CNN.kernelSize, samePadding: true)
            let pool = try WindowGeometry(inputHeight: h, inputWidth: w, kernelHeight: CNN.poolSize, kernelWidth: CNN.poolSize,
                                          strideY: CNN.poolSize, strideX: CNN.poolSize, samePadding: false)
            h = pool.outputHeight
            w = pool.outputWidth
            return (conv, pool)
        }
    }

    /// Features entering the dense layer: `H'·W'·C` after the last block.
    public var flattenedFeatures: Int {
        var h = height, w = width
        for _ in channels { h /= CNN.poolSize; w /= CNN.poolSize }
        return h * w * (channels.last ?? inputChannels)
    }

    public var parameterSpecs: [ParameterSpec] {
        var specs: [ParameterSpec] = []
        var cin = inputChannels
        let k = CNN.kernelSize
        for (i, cout) in channels.enumerated() {
            specs.append(ParameterSpec(name: "conv_\(i).kernel", shape: [k, k, cin, cout], initializer: weightInitializer,
                                       fanIn: k * k * cin, fanOut: k * k * cout))
            specs.append(.vector("conv_\(i).bias", cout, .zeros))
            specs.append(.vector("layer_norm_\(i).scale", cout, .ones))
            specs.append(.vector("layer_norm_\(i).bias", cout, .zeros))
            cin = cout
        }
        specs.append(.weight("dense_0.weight", flattenedFeatures, classes, weightInitializer))
        specs.append(.vector("dense_0.bias", classes, .zeros))
        return specs
    }

    public var inputShape: [Int] { [height, width, inputChannels] }
    public var outputShape: [Int] { [classes] }

    public func apply(parameters: [Var], input: Var) throws -> Var {
        let p = try NamedParameters(parameters, specs: parameterSpecs)
        let n = try checkInput(input)
        var h = input
        for (i, geometry) in try blockGeometries().enumerated() {
            h = try h.conv2d(kernel: try p["conv_\(i).kernel"], bias: try p["conv_\(i).bias"], geometry: geometry.convolution)
            h = try activation(h)
            h = try h.layerNorm(scale: try p["layer_norm_\(i).scale"], offset: try p["layer_norm_\(i).bias"], epsilon: layerNormEpsilon)
            h = try h.maxPool(geometry: geometry.pooling)
        }
        return try h.reshaped([n, flattenedFeatures]).dense(weight: try p["dense_0.weight"], bias: try p["dense_0.bias"])
    }

    /// E.g. `cnn 32x32x3 → [16, 32] → 10, relu, glorot_normal, 26,346 parameters`.
    public var description: String {
        "cnn \(height)x\(width)x\(inputChannels) → \(channels) → \(classes), \(activation.rawValue), \(weightInitializer), \(formatCount(parameterCount)) parameters"
    }
}
