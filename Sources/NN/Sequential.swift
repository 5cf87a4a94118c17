import Autodiff
import Tensors

/// A network composed of ``Layer``s applied in order, sized for one input shape and output size.
///
/// Parameter names follow ``Layer``: `dense_i.weight`/`.bias`, `conv_i.kernel`/`.bias`,
/// `layer_norm_i.scale`/`.bias`, `embedding_i.token`/`.position`, `attention_i.query.weight`/… , counted per
/// kind in order, and `residual_i.<name>` inside residual blocks.
/// `Sequential([.dense(units: h), .activation(.relu), .dense(units: h), .activation(.relu), .dense(units: nil)])`
/// has exactly the parameters of `MLP(hiddenSizes: [h, h])` (names, shapes, initialisers, fans, hence
/// initial values) and traces the same primitives, so their losses and gradients agree bit for bit; the
/// same holds for the paper's ``CNN`` and its composition of `conv2d`, `relu`, `layer_norm`, `max_pool`,
/// `flatten` and `dense`. The ``Transformer`` is `embedding`, then per block
/// `residual([layer_norm, attention])` and `residual([layer_norm, dense(4D), gelu, dense(D)])`, then
/// `layer_norm` and `dense`: the same parameter tensors in the same order under other names
/// (`block_0.attention.query.weight` is `residual_0.attention_0.query.weight`), with the same loss and
/// gradient at the same parameters.
public struct Sequential: Model {
    /// The layers as given.
    public let layers: [Layer]
    /// The shape of one example, as given.
    public let inputShape: [Int]
    /// The shape of one example's output, from the layers.
    public let outputShape: [Int]
    /// The parameters of every layer, in order.
    public let parameterSpecs: [ParameterSpec]
    let resolved: [ResolvedLayer]

    /// Sizes `layers` for examples of `inputShape`; a `dense` without units gets `outputSize`. Throws an
    /// error naming the layer (`layer 2 (dense): …`) where a shape does not fit, and unless the last axis
    /// of the output has `outputSize` entries.
    public init(layers: [Layer], inputShape: [Int], outputSize: Int) throws {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw NNError("sequential: examples of shape \(describeShape(inputShape)) cannot be fed to layers")
        }
        var specs: [ParameterSpec] = []
        let (resolved, output) = try Sequential.resolve(layers, inputShape, outputSize: outputSize, prefix: "", path: "", specs: &specs)
        guard output.last == outputSize else {
            throw NNError("sequential: the layers give outputs \(describeShape(output)) per example, but the data has \(outputSize) outputs (end with dense() to get the data's output size)")
        }
        self.layers = layers
        self.inputShape = inputShape
        self.outputShape = output
        self.parameterSpecs = specs
        self.resolved = resolved
    }

    public func apply(parameters: [Var], input: Var) throws -> Var {
        let p = try NamedParameters(parameters, specs: parameterSpecs)
        _ = try checkInput(input)
        return try resolved.reduce(input) { try $1.apply($0, p) }
    }

    /// E.g. `sequential [784] → dense(64), relu, dense(out) → [10], 50,890 parameters`.
    public var description: String {
        "sequential \(describeShape(inputShape)) → \(layers.map(\.summary).joined(separator: ", ")) → \(describeShape(outputShape)), \(formatCount(parameterCount)) parameters"
    }

    /// The kinds that name parameter blocks (`dense_0`, `conv_1`, …), and an attention layer's parts.
    private static let parameterKinds: Set<Substring> = ["dense", "conv", "layer_norm", "embedding", "attention", "residual"]
    private static let attentionParts: Set<Substring> = ["query", "key", "value", "output"]

    /// Whether `name` is a parameter name of this naming scheme: `kind_i.` components then a leaf
    /// (`dense_0.weight`, `residual_1.layer_norm_0.scale`, `attention_0.query.weight`).
    public static func isParameterName(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count >= 2 && parts.dropLast().allSatisfy { part in
            if attentionParts.contains(part) { return true }
            guard let underscore = part.lastIndex(of: "_") else { return false }
            let index = part[part.index(after: underscore)...]
            return parameterKinds.contains(part[..<underscore]) && !index.isEmpty && index.allSatisfy(\.isNumber)
        }
    }

    /// Resolves `layers` in one naming scope; returns them and the output shape.
    private static func resolve(_ layers: [Layer], _ input: [Int], outputSize: Int, prefix: String, path: String,
                                specs: inout [ParameterSpec]) throws -> ([ResolvedLayer], [Int]) {
        var counters: [String: Int] = [:]
        func nextName(_ kind: String) -> String {
            defer { counters[kind, default: 0] += 1 }
            return prefix + kind + "_\(counters[kind, default: 0])"
        }
        var shape = input, out: [ResolvedLayer] = []
        var pending = layers.enumerated().map { (path + "layer \($0.offset)", $0.element) }
        while !pending.isEmpty {
            let (label, layer) = pending.removeFirst()
            let here = "\(label) (\(layer.kindName))"
            func fail(_ message: String) -> NNError { NNError("\(here): \(message)") }
            func geometry(_ k: Int, _ s: Int, same: Bool) throws -> WindowGeometry {
                guard shape.count == 3 else { throw fail("expects images [height, width, channels], got \(describeShape(shape))") }
                guard k > 0, s > 0 else { throw fail("window \(k) and stride \(s) must be positive") }
                do { return try WindowGeometry(inputHeight: shape[0], inputWidth: shape[1], kernelHeight: k, kernelWidth: k, strideY: s, strideX: s, samePadding: same) }
                catch { throw fail("a \(k)x\(k) window does not fit \(describeShape(shape))") }
            }
            let operation: ResolvedLayer.Operation, next: [Int]
            var name = ""
            switch layer {
            case .dense(let units, let bias, let initializer):
                let units = units ?? outputSize
                guard units > 0 else { throw fail("units must be positive, got \(units)") }
                guard let features = shape.last else { throw fail("expects inputs with a feature axis") }
                name = nextName("dense")
                specs.append(.weight(name + ".weight", features, units, initializer))
                if bias { specs.append(.vector(name + ".bias", units, .zeros)) }
                operation = .dense(bias: bias)
                next = shape.dropLast() + [units]
            case .conv2d(let channels, let k, let s, let same, let bias, let initializer):
                guard channels > 0 else { throw fail("channels must be positive, got \(channels)") }
                let g = try geometry(k, s, same: same)
                name = nextName("conv")
                let cin = shape[2]
                specs.append(ParameterSpec(name: name + ".kernel", shape: [k, k, cin, channels], initializer: initializer, fanIn: k * k * cin, fanOut: k * k * channels))
                if bias { specs.append(.vector(name + ".bias", channels, .zeros)) }
                operation = .conv2d(g, bias: bias)
                next = [g.outputHeight, g.outputWidth, channels]
            case .layerNorm(let epsilon):
                guard epsilon > 0, epsilon.isFinite else { throw fail("epsilon must be positive, got \(epsilon)") }
                name = nextName("layer_norm")
                specs += [.vector(name + ".scale", shape[shape.count - 1], .ones), .vector(name + ".bias", shape[shape.count - 1], .zeros)]
                operation = .layerNorm(epsilon: epsilon)
                next = shape
            case .maxPool(let size, let stride), .avgPool(let size, let stride):
                let g = try geometry(size, stride, same: false)
                if case .maxPool = layer { operation = .maxPool(g) } else { operation = .avgPool(g) }
                next = [g.outputHeight, g.outputWidth, shape[2]]
            case .flatten:
                operation = .flatten
                next = [shape.reduce(1, *)]
            case .embedding(let size, let vocabulary, let positions, let initializer):
                let vocabulary = vocabulary ?? outputSize
                guard size > 0, vocabulary > 0 else { throw fail("size and vocabulary must be positive, got \(size) and \(vocabulary)") }
                guard shape.count == 1 else { throw fail("expects token ids [length], got \(describeShape(shape))") }
                name = nextName("embedding")
                specs.append(.weight(name + ".token", vocabulary, size, initializer))
                if positions { specs.append(.weight(name + ".position", shape[0], size, initializer)) }
                operation = .embedding(positions: positions)
                next = shape + [size]
            case .attention(let heads, let keySize, let causal, let initializer):
                guard heads > 0, keySize > 0 else { throw fail("heads and key size must be positive, got \(heads) and \(keySize)") }
                guard shape.count == 2 else { throw fail("expects sequences [length, features], got \(describeShape(shape))") }
                name = nextName("attention")
                let features = shape[1], width = heads * keySize
                for part in ["query", "key", "value"] {
                    specs += [.weight("\(name).\(part).weight", features, width, initializer), .vector("\(name).\(part).bias", width, .zeros)]
                }
                specs += [.weight(name + ".output.weight", width, features, initializer), .vector(name + ".output.bias", features, .zeros)]
                operation = .attention(heads: heads, keySize: keySize, causal: causal)
                next = shape
            case .activation(let activation):
                operation = .activation(activation)
                next = shape
            case .residual(let inner):
                name = nextName("residual")
                let (block, blockOutput) = try resolve(inner, shape, outputSize: outputSize, prefix: name + ".", path: here + " → ", specs: &specs)
                guard blockOutput == shape else {
                    throw fail("the block maps \(describeShape(shape)) to \(describeShape(blockOutput)); x + f(x) needs f to keep the shape")
                }
                operation = .residual(block)
                next = shape
            case .sequential(let inner):
                pending.insert(contentsOf: inner.enumerated().map { (here + " → layer \($0.offset)", $0.element) }, at: 0)
                continue
            }
            out.append(ResolvedLayer(operation: operation, name: name, inputShape: shape, outputShape: next))
            shape = next
        }
        return (out, shape)
    }
}
