import SamLanguage
import NN
import Tensors

/// Builtins that describe the built-in models and their initialisers; loss names are constants (activations
/// are functions, see `LayerBuiltins`).
extension BuiltinRegistry {
    /// `init:`, a weight initialiser, by default `glorot_normal()` (models and layers).
    static var initializerParameter: Builtin.Parameter {
        Builtin.Parameter("init", .native(InitializerValue.nativeTypeName), default: .native(InitializerValue(.glorotNormal())),
                          doc: "weight initialiser (default glorot_normal())")
    }
    /// `seed:`, the seed of a model's initial weights.
    static var seedParameter: Builtin.Parameter { Builtin.Parameter("seed", .int, default: .integer(0), doc: "seed of the initial weights") }
    /// `params:`, named tensors a model starts from.
    static var paramsParameter: Builtin.Parameter {
        Builtin.Parameter.optional("params", .record, doc: "start from these named tensors (e.g. load(\"w.safetensors\")) instead of the seeded initialisation")
    }
    /// `names:`, the naming convention of `params:`.
    static var namesParameter: Builtin.Parameter {
        Builtin.Parameter("names", .string, default: .string("auto"),
                          doc: "how params are named: auto, samlab (dense_0.weight [in, out]), flax (Dense_0/kernel), haiku (linear_0/w), pytorch (layers.0.weight [out, in]), numbered (W0, b0)")
    }

    static func registerModelBuiltins(into registry: inout BuiltinRegistry) {
        for loss in Loss.allCases {
            registry.register(Constant(loss.rawValue, .string(loss.rawValue), doc: lossDoc(loss)))
        }
        registry.register(Constant("full", .string("full"), doc: "full-batch training (every step sees the whole training set)"))

        let initParameter = initializerParameter, seed = seedParameter, params = paramsParameter, names = namesParameter
        let act = Builtin.Parameter("act", .string, default: .string("relu"), doc: Activation.allCases.map(\.rawValue).joined(separator: ", "))

        registry.register("mlp", parameters: [.init("hidden", .list, default: .list([.integer(1000), .integer(1000), .integer(1000)]), doc: "hidden widths"),
                                              act, initParameter, seed, .init("bias", .bool, default: .bool(true), doc: "use biases"), params, names],
                          returns: .native(ModelValue.nativeTypeName),
                          doc: """
                              A fully connected network; input and output sizes come from the data it trains on, or from params (whose dense \
                              layers, ordered by the numbers in their names, give every width; weights [in, out], PyTorch's [out, in] transposed).
                              """) { call in
            if let given = try givenParameters(call) { return try mlpFromParameters(given, call) }
            let hidden = try call.list("hidden").map { try $0.asInt(for: "a hidden width") }
            return .native(ModelValue(.mlp(hidden: hidden, activation: try activation(call), bias: try call.bool("bias"), initializer: try initializer(call)),
                                      seed: try seedValue(call)))
        }
        registry.register("cnn", parameters: [.init("channels", .list, default: .list([.integer(16), .integer(32)]), doc: "channels of each conv block"),
                                              act, initParameter, seed, params],
                          returns: .native(ModelValue.nativeTypeName),
                          doc: "The paper's CNN: blocks of [3×3 conv → act → LayerNorm → 2×2 max-pool], then dense to the classes; params: samlab names (conv_0.kernel, …).") { call in
            let channels = try call.list("channels").map { try $0.asInt(for: "a channel count") }
            return .native(ModelValue(.cnn(channels: channels, activation: try activation(call), initializer: try initializer(call)), seed: try seedValue(call),
                                      pendingParameters: try givenParameters(call)))
        }
        registry.register("transformer", parameters: [.init("layers", .int, default: .integer(6)), .init("heads", .int, default: .integer(8)),
                                                      .init("key_size", .int, default: .integer(32)), .init("model_size", .int, default: .integer(128)),
                                                      .init("seq_len", .int, default: .integer(64), doc: "context length"), initParameter, seed, params],
                          returns: .native(ModelValue.nativeTypeName),
                          doc: "The paper's character Transformer (pre-LayerNorm, causal attention, GELU MLP, learned positions).") { call in
            .native(ModelValue(.transformer(layers: try call.int("layers"), heads: try call.int("heads"), keySize: try call.int("key_size"),
                                            modelSize: try call.int("model_size"), sequenceLength: try call.int("seq_len"), initializer: try initializer(call)),
                               seed: try seedValue(call), pendingParameters: try givenParameters(call)))
        }
        let scale = Builtin.Parameter("scale", .number, default: .number(1), doc: "multiplies the initial weights (the paper also used 0.8 and 0.9)")
        let initializers: [(String, (Double) -> Initializer, String)] = [
            ("glorot_normal", { .glorotNormal(scale: $0) }, "Glorot (Xavier) truncated normal, as JAX's glorot_normal"),
            ("glorot_uniform", { .glorotUniform(scale: $0) }, "Glorot (Xavier) uniform"),
            ("he_normal", { .heNormal(scale: $0) }, "He (Kaiming) truncated normal"),
            ("lecun_normal", { .lecunNormal(scale: $0) }, "LeCun truncated normal"),
        ]
        for (name, make, doc) in initializers {
            registry.register(name, parameters: [scale], returns: .native(InitializerValue.nativeTypeName), doc: doc + ".") { call in
                let s = try call.double("scale")
                guard s.isFinite, s > 0 else { throw call.error("scale must be positive, got \(s)", argument: "scale") }
                return .native(InitializerValue(make(s)))
            }
        }
    }

    /// An MLP sized by given dense layers (`hidden:` and `bias:`, when given, must agree), holding them as its parameters.
    private static func mlpFromParameters(_ given: [(name: String, tensor: Tensor)], _ call: BuiltinCall) throws -> Value {
        let layers: [ParameterNaming.DenseLayer]
        do { layers = try parameterNaming(call).denseLayers(given) } catch let error as NNError {
            throw call.error(error.message, argument: "params")
        }
        guard let first = layers.first else { throw call.error("params holds no dense layer", argument: "params") }
        for (i, pair) in zip(layers, layers.dropFirst()).enumerated() where pair.0.weight.shape[1] != pair.1.weight.shape[0] {
            throw call.error("dense layer \(i) has \(pair.0.weight.shape[1]) outputs but layer \(i + 1) takes \(pair.1.weight.shape[0]) inputs", argument: "params")
        }
        let hidden = layers.dropLast().map { $0.weight.shape[1] }
        if call.isGiven("hidden") {
            let asked = try call.list("hidden").map { try $0.asInt(for: "a hidden width") }
            guard asked == hidden else { throw call.error("hidden \(asked) does not match params, whose hidden widths are \(hidden)", argument: "hidden") }
        }
        let bias = first.bias != nil
        guard layers.allSatisfy({ ($0.bias != nil) == bias }) else { throw call.error("params has biases for some dense layers only", argument: "params") }
        if call.isGiven("bias"), try call.bool("bias") != bias {
            throw call.error("bias: \(try call.bool("bias")) does not match params, which \(bias ? "has" : "has no") biases", argument: "bias")
        }
        let network = try MLP(inputSize: first.weight.shape[0], hiddenSizes: hidden, outputSize: layers.last!.weight.shape[1],
                              activation: try activation(call), useBias: bias, weightInitializer: try initializer(call))
        let dtype: DType = given.contains { $0.tensor.dtype == .float64 } ? .float64 : .float32
        let flat = try ParameterFile.assemble(ParameterNaming.mlpParameters(layers), layout: network.layout, dtype: dtype, source: "params")
        return .native(ModelValue(.mlp(hidden: hidden, activation: network.activation, bias: bias, initializer: network.weightInitializer),
                                  seed: try seedValue(call), built: network, parameters: flat))
    }

    /// The `loss:` argument of a call (a loss name), by default mse, or cross_entropy for text data.
    static func lossArgument(_ call: BuiltinCall, data: DatasetValue) throws -> Loss {
        guard let name = try call.optionalString("loss") else {
            if case .text = data.content { return .crossEntropy }
            return .mse
        }
        guard let loss = Loss(rawValue: name) else {
            throw call.error("unknown loss '\(name)'", argument: "loss", hint: "one of " + Loss.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return loss
    }

    private static func lossDoc(_ loss: Loss) -> String {
        switch loss {
        case .mse:
            return "mean over examples AND outputs of the squared error to one-hot targets, (1/(N·K)) Σ (f − y)² (Long & Bartlett's code, "
                + "jnp.mean((f - y) ** 2) and PyTorch's MSELoss()). It is 2/K × half_sse (K outputs, 10 for MNIST), "
                + "so its Hessian and sharpness are 2/K times smaller: to match Cohen et al. and most JAX edge-of-stability code, use half_sse"
        case .halfSSE:
            return "½ Σ over outputs of the squared error, mean over examples, (1/N) Σ ½‖f − y‖² (Cohen et al. and most JAX code); = K/2 × mse"
        case .crossEntropy: return "softmax cross-entropy, mean over examples (and positions)"
        }
    }

    private static func activation(_ call: BuiltinCall) throws -> Activation {
        let name = try call.string("act")
        guard let act = Activation(rawValue: name) else {
            throw call.error("unknown activation '\(name)'", argument: "act", hint: "one of " + Activation.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return act
    }

    static func initializer(_ call: BuiltinCall) throws -> Initializer {
        try call.native(InitializerValue.self, "init").initializer
    }

    static func seedValue(_ call: BuiltinCall, _ name: String = "seed") throws -> UInt64 {
        let s = try call.int(name)
        guard s >= 0 else { throw call.error("a seed must be non-negative, got \(s)", argument: name) }
        return UInt64(s)
    }
}
