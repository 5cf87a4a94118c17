import SamLanguage
import Autodiff
import NN
import Tensors

/// The layer vocabulary (`dense`, `conv2d`, `layer_norm`, `max_pool`, `avg_pool`, `flatten`, `embedding`,
/// `attention`, `residual`),
/// `sequential`, which composes layers into a model sized by its data, and the activations `gelu`,
/// `softplus`, `elu` and `identity` as functions of numbers and tensors (traced inside differentiated
/// functions, like `relu`, `tanh` and `square`), so `sequential([dense(64), softplus, dense()])` reads as
/// the network it builds.
extension BuiltinRegistry {
    static func registerLayerBuiltins(into registry: inout BuiltinRegistry) {
        registerActivationFunctions(into: &registry)
        let layerType = ValueTypeHint.native(LayerValue.nativeTypeName)
        let bias = Builtin.Parameter("bias", .bool, default: .bool(true), doc: "add a bias (zeros at first)")
        registry.register("dense", parameters: [.optional("units", .int, doc: "outputs per example (default: the data's output size)"), bias, initializerParameter],
                          returns: layerType,
                          doc: "A dense layer x·W + b on the last axis: weight [in, units], bias [units]; dense() outputs the data's classes or targets.") { call in
            let units = try call.optionalInt("units")
            if let units { try positive(units, "units", call) }
            return .native(LayerValue(.dense(units: units, bias: try call.bool("bias"), initializer: try initializer(call))))
        }
        registry.register("conv2d", parameters: [.init("channels", .int, doc: "output channels"), .init("kernel", .int, default: .integer(3), doc: "kernel extent (square)"),
                                                 .init("stride", .int, default: .integer(1)),
                                                 .init("padding", .string, default: .string("same"), doc: "\"same\" (output ⌈H/stride⌉) or \"valid\" (no padding)"),
                                                 bias, initializerParameter],
                          returns: layerType,
                          doc: "A 2-D convolution of images [height, width, channels]: kernel [k, k, Cin, channels] (HWIO), bias [channels].") { call in
            let channels = try call.int("channels"), kernel = try call.int("kernel"), stride = try call.int("stride")
            try positive(channels, "channels", call)
            try positive(kernel, "kernel", call)
            try positive(stride, "stride", call)
            let padding = try call.string("padding")
            guard padding == "same" || padding == "valid" else { throw call.error("padding must be \"same\" or \"valid\", got \"\(padding)\"", argument: "padding") }
            return .native(LayerValue(.conv2d(channels: channels, kernel: kernel, stride: stride, samePadding: padding == "same",
                                              bias: try call.bool("bias"), initializer: try initializer(call))))
        }
        registry.register("layer_norm", parameters: [.init("epsilon", .number, default: .number(1e-6), doc: "added to the variance (Flax's 1e-6)")], returns: layerType,
                          doc: "Layer normalisation over the last axis (the channels of each pixel for images), with a learned scale (ones) and bias (zeros).") { call in
            let epsilon = try call.double("epsilon")
            guard epsilon > 0, epsilon.isFinite else { throw call.error("epsilon must be positive, got \(epsilon)", argument: "epsilon") }
            return .native(LayerValue(.layerNorm(epsilon: epsilon)))
        }
        for (name, what) in [("max_pool", "maximum"), ("avg_pool", "mean")] {
            registry.register(name, parameters: [.init("size", .int, default: .integer(2), doc: "window extent (square)"), .optional("stride", .int, doc: "default: the window size")],
                              returns: layerType, doc: "The \(what) of images [height, width, channels] over size×size windows, \"valid\" padding (odd extents are floored).") { call in
                let size = try call.int("size"), stride = try call.optionalInt("stride") ?? size
                try positive(size, "size", call)
                try positive(stride, "stride", call)
                return .native(LayerValue(name == "max_pool" ? .maxPool(size: size, stride: stride) : .avgPool(size: size, stride: stride)))
            }
        }
        registry.register("flatten", returns: layerType, doc: "Flattens each example to one axis (images [h, w, c] to [h·w·c]).") { _ in
            .native(LayerValue(.flatten))
        }
        registry.register("embedding", parameters: [.init("size", .int, doc: "features per token"),
                                                    .optional("vocabulary", .int, doc: "number of token ids (default: the data's vocabulary or outputs)"),
                                                    .init("positions", .bool, default: .bool(true), doc: "add learned position embeddings"),
                                                    .init("init", .native(InitializerValue.nativeTypeName), default: .native(InitializerValue(.truncatedNormal(std: 0.02))),
                                                          doc: "initialiser of the tables (default: the transformer's truncated normal, std 0.02)")],
                          returns: layerType, doc: "Token embeddings of ids [length] to [length, size]: token [vocabulary, size], plus position [length, size].") { call in
            let size = try call.int("size"), vocabulary = try call.optionalInt("vocabulary")
            try positive(size, "size", call)
            if let vocabulary { try positive(vocabulary, "vocabulary", call) }
            return .native(LayerValue(.embedding(size: size, vocabulary: vocabulary, positions: try call.bool("positions"), initializer: try initializer(call))))
        }
        registry.register("attention", parameters: [.init("heads", .int, default: .integer(8)), .init("key_size", .int, default: .integer(32), doc: "features per head"),
                                                    .init("causal", .bool, default: .bool(true), doc: "each position attends only to itself and earlier ones"),
                                                    initializerParameter],
                          returns: layerType,
                          doc: "Multi-head self-attention of sequences [length, features], as in the transformer: query, key, value and output dense layers with biases.") { call in
            let heads = try call.int("heads"), keySize = try call.int("key_size")
            try positive(heads, "heads", call)
            try positive(keySize, "key_size", call)
            return .native(LayerValue(.attention(heads: heads, keySize: keySize, causal: try call.bool("causal"), initializer: try initializer(call))))
        }
        registry.register("residual", parameters: [.init("layers", .list, doc: "layers that keep the shape")], returns: layerType,
                          doc: "x + f(x), where f is the layers in sequence; their parameters are named residual_i.dense_0.weight, ….") { call in
            .native(LayerValue(.residual(try LayerValue.layers(try call.list("layers"), context: "residual: "))))
        }
        registry.register("sequential", parameters: [.init("layers", .list, doc: "layers and activations, in order"), seedParameter, paramsParameter, namesParameter,
                                                     .init("seq_len", .int, default: .integer(64), doc: "context length on text data")],
                          returns: .native(ModelValue.nativeTypeName),
                          doc: """
                              A model of layers applied in order, sized by the data it meets (end with dense() for the data's outputs). \
                              Parameters are named by kind and position: dense_0.weight, conv_0.kernel, layer_norm_0.scale, residual_0.dense_0.weight; \
                              sequential of the mlp's or the cnn's layers is that model, parameter for parameter. params: by those names, or, for top-level \
                              dense layers only, in any naming mlp reads.
                              """) { call in
            let layers = try LayerValue.layers(try call.list("layers"), context: "")
            guard !layers.isEmpty else { throw call.error("sequential needs at least one layer", argument: "layers") }
            let sequenceLength = try call.int("seq_len")
            try positive(sequenceLength, "seq_len", call)
            return .native(ModelValue(.sequential(layers, sequenceLength: sequenceLength), seed: try seedValue(call), pendingParameters: try sequentialParameters(call)))
        }
    }

    /// `params:` of `sequential` under samlab's names: as given when they are samlab layer names (or
    /// `names: "samlab"`), else read as dense layers in the given (or detected) naming.
    private static func sequentialParameters(_ call: BuiltinCall) throws -> [(name: String, tensor: Tensor)]? {
        guard let given = try givenParameters(call) else { return nil }
        let naming = try parameterNaming(call)
        if naming == .samlab || (naming == .auto && given.allSatisfy { Sequential.isParameterName($0.name) }) { return given }
        do { return ParameterNaming.mlpParameters(try naming.denseLayers(given)) } catch let error as NNError {
            throw call.error(error.message, argument: "params")
        }
    }

    private static func positive(_ value: Int, _ name: String, _ call: BuiltinCall) throws {
        guard value > 0 else { throw call.error("\(name) must be positive, got \(value)", argument: name) }
    }

    /// `gelu`, `softplus`, `elu` and `identity` on numbers and tensors, and traced; `relu`, `tanh` and
    /// `square` are the tensor builtins of the same names.
    private static func registerActivationFunctions(into registry: inout BuiltinRegistry) {
        let docs: [(Activation, String)] = [
            (.gelu, "GELU, tanh approximation (JAX's default): ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))"),
            (.softplus, "softplus log(1 + eˣ), smooth ReLU with derivative the logistic sigmoid"),
            (.elu, "ELU (α = 1): x for x > 0, eˣ − 1 otherwise"),
            (.identity, "x itself (a linear layer in sequential)"),
        ]
        for (activation, doc) in docs {
            let name = activation.rawValue
            registry.register(name, parameters: [.init("x", .any, doc: "a number or a tensor")], returns: .any,
                              doc: doc.prefix(1).uppercased() + doc.dropFirst() + "; elementwise for a tensor; an activation in sequential([…]) and mlp(act: \(name)).") { call in
                let f: ([Var]) throws -> Var = { try activation($0[0]) }
                if case .tensor(let t) = try call.value("x") { return .tensor(try Transforms.evaluate(f, at: [t])) }
                return .number(try Transforms.evaluate(f, at: [Tensor([try call.double("x")])]).scalar(at: 0))
            }
            traced(name, in: &registry) { call, session in session.wrap(try activation(try session.variable(call.value("x"), what: "x"))) }
        }
    }
}
