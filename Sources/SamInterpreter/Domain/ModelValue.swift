import Tensors
import Autodiff
import Datasets
import NN

/// A model handle: an architecture and seed, whose input and output sizes are fixed by the first data
/// set it is trained on (or by given parameters), and its parameters: trained ones (via `run.model`),
/// given ones (`mlp(params: load("w.npz"))`), or else the seeded initialisation.
public final class ModelValue: NativeObject, NamedNativeType {
    /// The architecture, with sizes that depend on data left open.
    public enum Architecture {
        case mlp(hidden: [Int], activation: Activation, bias: Bool, initializer: Initializer)
        case cnn(channels: [Int], activation: Activation, initializer: Initializer)
        case transformer(layers: Int, heads: Int, keySize: Int, modelSize: Int, sequenceLength: Int, initializer: Initializer)
        /// A composition of layers (`sequential([dense(64), relu, dense()])`); on text, examples are
        /// `sequenceLength` characters.
        case sequential([Layer], sequenceLength: Int)
    }

    public static let nativeTypeName = "Model"
    public let architecture: Architecture
    public let seed: UInt64
    /// The network once sized for data (set on a model obtained from a run).
    public let built: (any Model)?
    /// Trained or given parameters, laid out for ``built`` (nil: start from the seeded initialisation).
    public let parameters: Tensor?
    /// Named tensors given before the model has a size (a `cnn` or `transformer` with `params:`), applied
    /// by name when the model is sized for its data.
    public let pendingParameters: [(name: String, tensor: Tensor)]?

    public init(_ architecture: Architecture, seed: UInt64, built: (any Model)? = nil, parameters: Tensor? = nil,
                pendingParameters: [(name: String, tensor: Tensor)]? = nil) {
        self.architecture = architecture
        self.seed = seed
        self.built = built
        self.parameters = parameters
        self.pendingParameters = pendingParameters
    }

    /// The parameters a run of `network` (this model sized for its data) starts from, in `dtype`: trained
    /// or given ones, else the seeded initialisation. Throws an error naming each tensor that does not fit.
    func startingParameters(for network: any Model, dtype: DType) throws -> Tensor {
        if let parameters { return parameters.converted(to: dtype) }
        if let pendingParameters {
            return try ParameterFile.assemble(pendingParameters, layout: network.layout, dtype: dtype, source: "the given params")
        }
        return network.initialParameters(seed: seed, dtype: dtype)
    }

    public var typeName: String { Self.nativeTypeName }

    public var summary: String {
        if let built {
            return "Model(\(built.description)\(parameters == nil ? "" : ", with its own parameters"))"
        }
        switch architecture {
        case .mlp(let hidden, let act, _, let initializer): return "Model(mlp hidden \(hidden), \(act.rawValue), \(initializer), seed \(seed); sized by its data)"
        case .cnn(let channels, let act, let initializer): return "Model(cnn channels \(channels), \(act.rawValue), \(initializer), seed \(seed); sized by its data)"
        case .transformer(let l, let h, let k, let d, let t, _): return "Model(transformer \(l) layers, \(h) heads × \(k), d \(d), seq \(t), seed \(seed); sized by its data)"
        case .sequential(let layers, _): return "Model(sequential \(layers.map(\.summary).joined(separator: ", ")), seed \(seed); sized by its data)"
        }
    }

    public var fieldNames: [String] { ["parameters", "parameter_count", "seed", "names"] }

    public func field(_ name: String) -> Value? {
        switch name {
        case "parameters": return parameters.map(Value.tensor) ?? built.map { .tensor($0.initialParameters(seed: seed)) } ?? Value.none
        case "parameter_count": return built.map { .integer($0.parameterCount) } ?? Value.none
        case "seed": return .integer(Int(truncatingIfNeeded: seed))
        case "names": return built.map { .list($0.parameterNames.map(Value.string)) } ?? Value.none
        default: return nil
        }
    }

    /// The network sized for `data` (the built one if this model already has one).
    func network(for data: DatasetValue) throws -> any Model {
        if let built { return built }
        switch (architecture, data.content) {
        case (.mlp(let hidden, let act, let bias, let initializer), .examples(let train, _)):
            return try MLP(inputSize: train.featureCount, hiddenSizes: hidden, outputSize: Self.outputCount(train), activation: act, useBias: bias, weightInitializer: initializer)
        case (.sequential(let layers, _), .examples(let train, _)):
            return try Sequential(layers: layers, inputShape: train.featureShape, outputSize: Self.outputCount(train))
        case (.sequential(let layers, let sequenceLength), .text(let corpus)):
            return try Sequential(layers: layers, inputShape: [sequenceLength], outputSize: corpus.vocabulary.count)
        case (.cnn(let channels, let act, let initializer), .examples(let train, _)):
            let f = train.featureShape
            guard f.count == 3 else {
                throw RuntimeError("a cnn needs images [height, width, channels], but \(train.name) has examples of shape \(f)",
                                   hint: "load the images unflattened, e.g. mnist(layout: \"nhwc\")")
            }
            return try CNN(height: f[0], width: f[1], inputChannels: f[2], channels: channels, classes: max(train.numClasses, 1), activation: act, weightInitializer: initializer)
        case (.transformer(let layers, let heads, let keySize, let modelSize, let sequenceLength, let initializer), .text(let corpus)):
            return try Transformer(vocabularySize: corpus.vocabulary.count, sequenceLength: sequenceLength, layers: layers, heads: heads,
                                   keySize: keySize, modelSize: modelSize, weightInitializer: initializer)
        case (.transformer, .examples(let train, _)):
            throw RuntimeError("a transformer trains on text, but \(train.name) holds examples", hint: "use shakespeare() or text(path)")
        case (_, .text(let corpus)):
            throw RuntimeError("\(corpus.name) is text: train a transformer on it, not an mlp or cnn",
                               hint: "or a sequential model that starts with embedding(…)")
        }
    }

    /// Outputs per example of a data set: its classes, or the extent of its regression targets.
    private static func outputCount(_ train: Dataset) -> Int {
        train.numClasses > 0 ? train.numClasses : train.targets.shape.last ?? 1
    }

    /// The sequence length a transformer was declared with.
    var sequenceLength: Int? {
        switch architecture {
        case .transformer(_, _, _, _, let t, _), .sequential(_, let t): return t
        default: return nil
        }
    }
}
