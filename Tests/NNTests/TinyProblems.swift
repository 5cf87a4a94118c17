import Autodiff
import NN
import Tensors

/// Tiny instances of each architecture with matching random data, shared by the tests.
enum TinyProblems {
    /// One-hot rows `[n, classes]` for labels drawn from `rng`.
    static func oneHot(_ labels: [Int], classes: Int, dtype: DType) -> Tensor {
        var t = Tensor(zeros: [labels.count, classes], dtype: dtype)
        for (i, label) in labels.enumerated() { t.setScalar(1, at: i * classes + label) }
        return t
    }

    static func labels(_ n: Int, classes: Int, rng: inout RandomGenerator) -> [Int] {
        (0..<n).map { _ in Int(rng.next() % UInt64(classes)) }
    }

    static func ids(_ shape: [Int], vocabulary: Int, dtype: DType, rng: inout RandomGenerator) -> Tensor {
        Tensor((0..<shape.reduce(1, *)).map { _ in Double(rng.next() % UInt64(vocabulary)) }, shape: shape).converted(to: dtype)
    }

    static func mlp(_ activation: Activation) -> MLP {
        try! MLP(inputSize: 5, hiddenSizes: [4, 3], outputSize: 3, activation: activation)
    }

    /// One block, 4 channels, on 8×8×3 images, 3 classes.
    static let cnn = try! CNN(height: 8, width: 8, inputChannels: 3, channels: [4], classes: 3)

    /// 1 layer, 2 heads of size 4, model size 8, sequence length 5, vocabulary 7.
    static let transformer = try! Transformer(vocabularySize: 7, sequenceLength: 5, layers: 1, heads: 2, keySize: 4, modelSize: 8)

    /// Inputs and targets (one-hot for classifiers, ids for the transformer) for `model`.
    static func batch(for model: any Model, examples n: Int, dtype: DType = .float64, seed: UInt64 = 3) -> (inputs: Tensor, targets: Tensor) {
        var rng = RandomGenerator(seed: seed)
        if let t = model as? Transformer {
            return (ids([n, t.sequenceLength], vocabulary: t.vocabularySize, dtype: dtype, rng: &rng),
                    ids([n, t.sequenceLength], vocabulary: t.vocabularySize, dtype: dtype, rng: &rng))
        }
        let inputs = rng.normalTensor([n] + model.inputShape, dtype: dtype)
        return (inputs, oneHot(labels(n, classes: model.outputSize, rng: &rng), classes: model.outputSize, dtype: dtype))
    }

    /// Initial parameters plus a little noise, so that biases and LayerNorm offsets are not all zero.
    static func parameters(for model: any Model, seed: UInt64 = 1, dtype: DType = .float64) -> Tensor {
        var w = model.initialParameters(seed: seed, dtype: dtype)
        var rng = RandomGenerator(seed: seed &+ 100)
        w.addScaled(rng.normalTensor([w.count], dtype: dtype), 0.1)
        return w
    }
}
