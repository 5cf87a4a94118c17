import Autodiff
import Foundation
import Tensors

/// The paper's character-level Transformer language model (the Haiku `examples/transformer` design, no
/// dropout): token embeddings plus learned position embeddings, `layers` pre-LayerNorm blocks of causal
/// multi-head self-attention and a GELU MLP (hidden size `mlpWidening·modelSize`), each added to the
/// residual stream, a final LayerNorm, and a dense projection to vocabulary logits.
///
/// Attention: per head, `softmax(q·kᵀ/√keySize + mask)·v`, where the causal mask is a constant that adds
/// −10³⁰ (Haiku's value) to the logits of keys after the query, so their weights are exactly zero; the
/// heads are concatenated and projected back to `modelSize`. Dense layers run as single GEMMs on the
/// `[B·T, D]` view; attention runs as batched GEMMs on `[B·H, T, keySize]`.
///
/// Parameters (`D = modelSize`, `HK = heads·keySize`, `V = vocabularySize`, `S = sequenceLength`):
/// - `embedding.token` `[V, D]`, `embedding.position` `[S, D]` (``embeddingInitializer``),
/// - for each block `i`: `block_i.attention_norm.scale`/`.bias` `[D]`;
///   `block_i.attention.query.weight` `[D, HK]` and `.bias` `[HK]`, likewise `key` and `value`;
///   `block_i.attention.output.weight` `[HK, D]` and `.bias` `[D]`;
///   `block_i.mlp_norm.scale`/`.bias` `[D]`; `block_i.mlp.hidden.weight` `[D, 4D]`, `.bias` `[4D]`;
///   `block_i.mlp.output.weight` `[4D, D]`, `.bias` `[D]`,
/// - `final_norm.scale`/`.bias` `[D]`, `output.weight` `[D, V]`, `output.bias` `[V]`.
///
/// Weights use ``weightInitializer``; biases start at zero and LayerNorm gains at one. Input: token ids
/// `[B, T]` (integral floats, `T ≤ S`); output: logits `[B, T, V]`.
public struct Transformer: Model {
    /// Number of distinct tokens (characters).
    public var vocabularySize: Int
    /// Maximum (and default) sequence length `S`: the number of position embeddings.
    public var sequenceLength: Int
    /// Number of blocks.
    public var layers: Int
    /// Number of attention heads.
    public var heads: Int
    /// Size of each head's queries, keys and values.
    public var keySize: Int
    /// Width `D` of the residual stream.
    public var modelSize: Int
    /// MLP hidden size as a multiple of `modelSize`.
    public var mlpWidening: Int
    /// The LayerNorm ε (Haiku's default, 1e-5).
    public var layerNormEpsilon: Double
    /// Initialiser of the dense weights.
    public var weightInitializer: Initializer
    /// Initialiser of the token and position embeddings.
    public var embeddingInitializer: Initializer

    /// What the causal mask adds to the logits of future keys (as Haiku's `jnp.where(mask, logits, -1e30)`).
    public static let maskValue = -1e30

    /// Throws if a size is not positive (or `layers` is negative).
    public init(vocabularySize: Int, sequenceLength: Int = 64, layers: Int = 6, heads: Int = 8, keySize: Int = 32,
                modelSize: Int = 128, mlpWidening: Int = 4, layerNormEpsilon: Double = 1e-5,
                weightInitializer: Initializer = .glorotNormal(), embeddingInitializer: Initializer = .truncatedNormal(std: 0.02)) throws {
        guard [vocabularySize, sequenceLength, heads, keySize, modelSize, mlpWidening].allSatisfy({ $0 > 0 }), layers >= 0 else {
            throw NNError("transformer: sizes must be positive (layers ≥ 0), got vocabulary \(vocabularySize), sequence \(sequenceLength), \(layers) layers, \(heads) heads × \(keySize), model \(modelSize), widening \(mlpWidening)")
        }
        self.vocabularySize = vocabularySize
        self.sequenceLength = sequenceLength
        self.layers = layers
        self.heads = heads
        self.keySize = keySize
        self.modelSize = modelSize
        self.mlpWidening = mlpWidening
        self.layerNormEpsilon = layerNormEpsilon
        self.weightInitializer = weightInitializer
        self.embeddingInitializer = embeddingInitializer
    }

    public var parameterSpecs: [ParameterSpec] {
        let d = modelSize, hk = heads * keySize, hidden = mlpWidening * modelSize, w = weightInitializer
        var specs: [ParameterSpec] = [
            .weight("embedding.token", vocabularySize, d, embeddingInitializer),
            .weight("embedding.position", sequenceLength, d, embeddingInitializer),
        ]
        func norm(_ name: String) -> [ParameterSpec] { [.vector(name + ".scale", d, .ones), .vector(name + ".bias", d, .zeros)] }
        func dense(_ name: String, _ inputs: Int, _ outputs: Int) -> [ParameterSpec] {
            [.weight(name + ".weight", inputs, outputs, w), .vector(name + ".bias", outputs, .zeros)]
        }
        for i in 0..<layers {
            let block = "block_\(i)."
            specs += norm(block + "attention_norm")
            specs += dense(block + "attention.query", d, hk) + dense(block + "attention.key", d, hk) + dense(block + "attention.value", d, hk)
            specs += dense(block + "attention.output", hk, d)
            specs += norm(block + "mlp_norm")
            specs += dense(block + "mlp.hidden", d, hidden) + dense(block + "mlp.output", hidden, d)
        }
        return specs + norm("final_norm") + dense("output", d, vocabularySize)
    }

    public var inputShape: [Int] { [sequenceLength] }
    public var outputShape: [Int] { [sequenceLength, vocabularySize] }

    public func apply(parameters: [Var], input: Var) throws -> Var {
        let p = try NamedParameters(parameters, specs: parameterSpecs)
        guard input.rank == 2, input.shape[1] >= 1, input.shape[1] <= sequenceLength else {
            throw NNError("\(description): input \(describeShape(input.shape)) is not token ids [B, T] with 1 ≤ T ≤ \(sequenceLength)")
        }
        let b = input.shape[0], t = input.shape[1], graph = input.graph
        let tokens = try graph.apply(.gatherRows, [try p["embedding.token"], input])
        var positions = try p["embedding.position"]
        if t < sequenceLength {
            positions = try graph.apply(.gatherRows, [positions, graph.constant(Tensor((0..<t).map(Double.init), shape: [t]).converted(to: input.dtype))])
        }
        var h = try (try tokens + positions).reshaped([b * t, modelSize])
        let mask = graph.constant(Var.causalMask(t, dtype: input.dtype))
        for i in 0..<layers {
            let block = "block_\(i)."
            func norm(_ x: Var, _ name: String) throws -> Var {
                try x.layerNorm(scale: try p[block + name + ".scale"], offset: try p[block + name + ".bias"], epsilon: layerNormEpsilon)
            }
            func dense(_ x: Var, _ name: String) throws -> Var {
                try x.dense(weight: try p[block + name + ".weight"], bias: try p[block + name + ".bias"])
            }
            let attended = try norm(h, "attention_norm").selfAttention(batch: b, length: t, heads: heads, keySize: keySize, mask: mask) {
                try dense($0, "attention." + $1)
            }
            h = try h + attended
            let hidden = try dense(try norm(h, "mlp_norm"), "mlp.hidden").gelu()
            h = try h + (try dense(hidden, "mlp.output"))
        }
        h = try h.layerNorm(scale: try p["final_norm.scale"], offset: try p["final_norm.bias"], epsilon: layerNormEpsilon)
        let logits = try h.dense(weight: try p["output.weight"], bias: try p["output.bias"])
        return try logits.reshaped([b, t, vocabularySize])
    }

    /// E.g. `transformer 6 layers, 8 heads × 32, d 128, seq 64, vocab 65, 1.21M parameters`.
    public var description: String {
        "transformer \(layers) layer\(layers == 1 ? "" : "s"), \(heads) heads × \(keySize), d \(modelSize), seq \(sequenceLength), vocab \(vocabularySize), \(formatCount(parameterCount)) parameters"
    }
}
