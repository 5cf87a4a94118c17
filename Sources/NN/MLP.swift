import Autodiff
import Tensors

/// A fully connected network: dense layers of the given widths with one activation between them (none
/// after the last layer, which outputs logits or regression values).
///
/// Parameters, for `L = hiddenSizes.count + 1` layers `i = 0 ..< L`:
/// - `dense_i.weight` `[width_i, width_{i+1}]` (fan-in `width_i`, fan-out `width_{i+1}`),
/// - `dense_i.bias` `[width_{i+1}]` (zeros; only with `useBias`),
///
/// where `width_0 = inputSize` and the last width is `outputSize`. The paper's MNIST network is
/// `MLP(inputSize: 784, hiddenSizes: [1000, 1000, 1000], outputSize: 10)` (depth four, Glorot normal).
///
/// Input `[N, inputSize]`; an input with more axes whose trailing extents multiply to `inputSize`
/// (e.g. images `[N, 28, 28]`) is flattened first. Each layer is one GEMM `[N, in] × [in, out]` plus a
/// broadcast bias add.
public struct MLP: Model {
    /// Features per example.
    public var inputSize: Int
    /// Widths of the hidden layers (empty: a linear model).
    public var hiddenSizes: [Int]
    /// Outputs per example.
    public var outputSize: Int
    /// The nonlinearity after every hidden layer.
    public var activation: Activation
    /// Whether layers add a bias.
    public var useBias: Bool
    /// Initialiser of the weights (biases start at zero).
    public var weightInitializer: Initializer

    /// Throws if a width is not positive.
    public init(inputSize: Int, hiddenSizes: [Int], outputSize: Int, activation: Activation = .relu,
                useBias: Bool = true, weightInitializer: Initializer = .glorotNormal()) throws {
        guard inputSize > 0, outputSize > 0, hiddenSizes.allSatisfy({ $0 > 0 }) else {
            throw NNError("mlp: widths must be positive, got \([inputSize] + hiddenSizes + [outputSize])")
        }
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.outputSize = outputSize
        self.activation = activation
        self.useBias = useBias
        self.weightInitializer = weightInitializer
    }

    /// `[inputSize] + hiddenSizes + [outputSize]`.
    public var widths: [Int] { [inputSize] + hiddenSizes + [outputSize] }

    public var parameterSpecs: [ParameterSpec] {
        let w = widths
        return (0..<(w.count - 1)).flatMap { i -> [ParameterSpec] in
            let weight = ParameterSpec.weight("dense_\(i).weight", w[i], w[i + 1], weightInitializer)
            return useBias ? [weight, .vector("dense_\(i).bias", w[i + 1], .zeros)] : [weight]
        }
    }

    public var inputShape: [Int] { [inputSize] }
    public var outputShape: [Int] { [outputSize] }

    public func apply(parameters: [Var], input: Var) throws -> Var {
        let p = try NamedParameters(parameters, specs: parameterSpecs)
        guard input.rank >= 2, input.shape.dropFirst().reduce(1, *) == inputSize else {
            throw NNError("\(description): input \(describeShape(input.shape)) does not hold \(inputSize) features per example")
        }
        var h = try input.reshaped([input.shape[0], inputSize])
        let layers = widths.count - 1
        for i in 0..<layers {
            h = try h.dense(weight: try p["dense_\(i).weight"], bias: useBias ? try p["dense_\(i).bias"] : nil)
            if i < layers - 1 { h = try activation(h) }
        }
        return h
    }

    /// E.g. `mlp 784→1000→1000→1000→10, relu, bias, glorot_normal, 2.79M parameters`.
    public var description: String {
        "mlp \(widths.map(String.init).joined(separator: "→")), \(activation.rawValue), \(useBias ? "bias" : "no bias"), \(weightInitializer), \(formatCount(parameterCount)) parameters"
    }
}
