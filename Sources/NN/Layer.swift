import Autodiff
import Tensors

/// One layer of a ``Sequential`` network, described before its input shape is known.
///
/// Shapes are per example (no batch axis). Images are NHWC `[height, width, channels]`. Parameterised
/// layers are named by kind and a counter per kind within their block, in order: `dense_0`, `dense_1`,
/// `conv_0`, `layer_norm_0`, …, and a residual block's layers sit under `residual_i.` (its counters start
/// again). The built-in `MLP` and `CNN` use the same names, so a composition of the same layers has the
/// same parameters and, from the same seed, the same initial values (see ``Sequential`` for the
/// `Transformer`, whose names differ).
public indirect enum Layer: Hashable, Sendable {
    /// `x·W + b` on the last axis: `.weight` `[in, units]` (``Initializer``, fan-in `in`, fan-out `units`),
    /// `.bias` `[units]` (zeros; only with `bias`). `units` nil: the model's output size (from its data).
    case dense(units: Int?, bias: Bool = true, initializer: Initializer = .glorotNormal())
    /// A `kernel × kernel` convolution of NHWC images to `channels` channels: `.kernel`
    /// `[kernel, kernel, Cin, channels]` (HWIO, fan-in `k²·Cin`, fan-out `k²·channels`), `.bias` `[channels]`;
    /// "SAME" padding (output `⌈H/stride⌉`) or "VALID" (no padding).
    case conv2d(channels: Int, kernel: Int = 3, stride: Int = 1, samePadding: Bool = true, bias: Bool = true,
                initializer: Initializer = .glorotNormal())
    /// Layer normalisation over the last axis, `.scale` (ones) and `.bias` (zeros) of its extent.
    case layerNorm(epsilon: Double = 1e-6)
    /// Max-pooling of NHWC images over `size × size` windows with this stride, "VALID" padding.
    case maxPool(size: Int, stride: Int)
    /// Average-pooling of NHWC images over `size × size` windows with this stride, "VALID" padding.
    case avgPool(size: Int, stride: Int)
    /// Flattens each example to one axis.
    case flatten
    /// Token embeddings of ids `[length]` (integral floats) to `[length, size]`: `.token` `[vocabulary, size]`
    /// and, with `positions`, a learned `.position` `[length, size]` added to them (both from `initializer`,
    /// the ``Transformer``'s). `vocabulary` nil: the model's output size (a language model's vocabulary).
    case embedding(size: Int, vocabulary: Int? = nil, positions: Bool = true, initializer: Initializer = .truncatedNormal(std: 0.02))
    /// Multi-head self-attention of sequences `[length, features]` (``Var/selfAttention(batch:length:heads:keySize:mask:project:)``):
    /// dense `.query`, `.key`, `.value` `[features, heads·keySize]` and `.output` `[heads·keySize, features]`, each
    /// with a bias; `causal` masks the keys after each query.
    case attention(heads: Int, keySize: Int, causal: Bool = true, initializer: Initializer = .glorotNormal())
    /// An elementwise nonlinearity.
    case activation(Activation)
    /// `x + f(x)`, where `f` is these layers in sequence and must keep the shape.
    case residual([Layer])
    /// These layers in sequence (spliced into the enclosing block: their names continue its counters).
    case sequential([Layer])

    /// The short name used in names and error messages: `dense`, `conv2d`, `layer_norm`, ….
    public var kindName: String {
        switch self {
        case .dense: return "dense"
        case .conv2d: return "conv2d"
        case .layerNorm: return "layer_norm"
        case .maxPool: return "max_pool"
        case .avgPool: return "avg_pool"
        case .flatten: return "flatten"
        case .embedding: return "embedding"
        case .attention: return "attention"
        case .activation(let a): return a.rawValue
        case .residual: return "residual"
        case .sequential: return "sequential"
        }
    }

    /// A compact description, e.g. `dense(64)`, `conv2d(16, 3x3)`, `residual[dense(8), relu]`.
    public var summary: String {
        switch self {
        case .dense(let units, let bias, _): return "dense(\(units.map(String.init) ?? "out")\(bias ? "" : ", no bias"))"
        case .conv2d(let c, let k, let s, let same, _, _):
            return "conv2d(\(c), \(k)x\(k)\(s == 1 ? "" : ", stride \(s)")\(same ? "" : ", valid"))"
        case .maxPool(let size, let stride), .avgPool(let size, let stride):
            return "\(kindName)(\(size)\(stride == size ? "" : ", stride \(stride)"))"
        case .embedding(let size, let vocabulary, let positions, _):
            return "embedding(\(vocabulary.map { "\($0) → " } ?? "")\(size)\(positions ? "" : ", no positions"))"
        case .attention(let heads, let keySize, let causal, _): return "attention(\(heads) heads × \(keySize)\(causal ? ", causal" : ""))"
        case .residual(let layers): return "residual[" + layers.map(\.summary).joined(separator: ", ") + "]"
        case .sequential(let layers): return "sequential[" + layers.map(\.summary).joined(separator: ", ") + "]"
        default: return kindName
        }
    }
}

/// A layer with its shapes, geometry and parameter names fixed (what ``Sequential`` applies).
struct ResolvedLayer: Sendable {
    enum Operation: Sendable {
        case dense(bias: Bool)
        case conv2d(WindowGeometry, bias: Bool)
        case layerNorm(epsilon: Double)
        case maxPool(WindowGeometry)
        case avgPool(WindowGeometry)
        case flatten
        case embedding(positions: Bool)
        case attention(heads: Int, keySize: Int, causal: Bool)
        case activation(Activation)
        case residual([ResolvedLayer])
    }

    var operation: Operation
    /// The parameter prefix (`dense_0`, `residual_1`), or empty for a layer without parameters.
    var name: String
    var inputShape: [Int]
    var outputShape: [Int]

    /// Traces this layer on `x` (`[N] + inputShape`).
    func apply(_ x: Var, _ p: NamedParameters) throws -> Var {
        let n = x.shape[0]
        switch operation {
        case .dense(let bias):
            return try x.dense(weight: try p[name + ".weight"], bias: bias ? try p[name + ".bias"] : nil)
        case .conv2d(let geometry, let bias):
            return try x.conv2d(kernel: try p[name + ".kernel"], bias: bias ? try p[name + ".bias"] : nil, geometry: geometry)
        case .layerNorm(let epsilon):
            return try x.layerNorm(scale: try p[name + ".scale"], offset: try p[name + ".bias"], epsilon: epsilon)
        case .maxPool(let geometry):
            return try x.maxPool(geometry: geometry)
        case .avgPool(let geometry):
            return try x.averagePool(geometry: geometry)
        case .flatten:
            return try x.reshaped([n, outputShape.reduce(1, *)])
        case .embedding(let positions):
            let tokens = try x.graph.apply(.gatherRows, [try p[name + ".token"], x])
            return positions ? try tokens + (try p[name + ".position"]) : tokens
        case .attention(let heads, let keySize, let causal):
            let t = inputShape[0], features = inputShape[1]
            let mask = causal ? x.graph.constant(Var.causalMask(t, dtype: x.dtype)) : nil
            let attended = try x.reshaped([n * t, features]).selfAttention(batch: n, length: t, heads: heads, keySize: keySize, mask: mask) { y, part in
                try y.dense(weight: try p[name + "." + part + ".weight"], bias: try p[name + "." + part + ".bias"])
            }
            return try attended.reshaped([n, t, features])
        case .activation(let activation):
            return try activation(x)
        case .residual(let layers):
            return try x + (try layers.reduce(x) { try $1.apply($0, p) })
        }
    }
}

extension Var {
    /// Average-pooling of NHWC images `[N, H, W, C]` over the windows of `geometry`: im2col to
    /// `[N·OH·OW, kh·kw·C]` (window entries in `(ky, kx, c)` order), viewed as `[N·OH·OW, kh·kw, C]`, the
    /// mean over the window axis, viewed as `[N, OH, OW, C]`. Padded entries (with "SAME" padding) count
    /// as zeros.
    public func averagePool(geometry: WindowGeometry) throws -> Var {
        guard rank == 4 else { throw NNError("avg_pool: input \(describeShape(shape)) is not NHWC") }
        let c = shape[3], window = geometry.kernelHeight * geometry.kernelWidth
        let columns = try graph.apply(.im2col(geometry), [self])
        return try columns.reshaped([-1, window, c]).mean(axes: [1]).reshaped([shape[0], geometry.outputHeight, geometry.outputWidth, c])
    }
}
