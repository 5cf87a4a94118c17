import Autodiff
import Foundation
import NN
import Tensors
import TestSupport
import XCTest

/// Shapes, names, losses at initialisation, causal masking, LayerNorm statistics, prediction, accuracy,
/// and a few gradient-descent steps on synthetic problems.
final class ModelTests: XCTestCase {
    func testParameterNamesShapesAndCounts() throws {
        let mlp = try MLP(inputSize: 784, hiddenSizes: [1000, 1000, 1000], outputSize: 10)
        XCTAssertEqual(mlp.parameterNames, ["dense_0.weight", "dense_0.bias", "dense_1.weight", "dense_1.bias",
                                            "dense_2.weight", "dense_2.bias", "dense_3.weight", "dense_3.bias"])
        XCTAssertEqual(mlp.parameterCount, 784 * 1000 + 1000 + 2 * (1000 * 1000 + 1000) + 1000 * 10 + 10)
        XCTAssertEqual(mlp.layout.dimension, mlp.parameterCount)
        XCTAssertTrue(mlp.description.hasPrefix("mlp 784→1000→1000→1000→10, relu"), mlp.description)

        let cnn = try CNN()
        XCTAssertEqual(cnn.parameterNames, ["conv_0.kernel", "conv_0.bias", "layer_norm_0.scale", "layer_norm_0.bias",
                                            "conv_1.kernel", "conv_1.bias", "layer_norm_1.scale", "layer_norm_1.bias",
                                            "dense_0.weight", "dense_0.bias"])
        XCTAssertEqual(cnn.parameterSpecs[0].shape, [3, 3, 3, 16])
        XCTAssertEqual(cnn.parameterSpecs[4].shape, [3, 3, 16, 32])
        XCTAssertEqual(cnn.parameterSpecs[8].shape, [8 * 8 * 32, 10])
        XCTAssertEqual(cnn.inputShape, [32, 32, 3])

        let transformer = try Transformer(vocabularySize: 65)
        let names = transformer.parameterNames
        XCTAssertEqual(names.first, "embedding.token")
        XCTAssertTrue(names.contains("block_3.attention.query.weight"))
        XCTAssertTrue(names.contains("block_5.mlp.output.bias"))
        XCTAssertEqual(names.suffix(4), ["final_norm.scale", "final_norm.bias", "output.weight", "output.bias"])
        XCTAssertEqual(Set(names).count, names.count)
        let perBlock = 4 * 128 + 3 * (128 * 256 + 256) + (256 * 128 + 128) + (128 * 512 + 512) + (512 * 128 + 128)
        XCTAssertEqual(transformer.parameterCount, 65 * 128 + 64 * 128 + 6 * perBlock + 2 * 128 + 128 * 65 + 65)
    }

    func testOutputShapes() throws {
        for model in [TinyProblems.mlp(.gelu), TinyProblems.cnn, TinyProblems.transformer] as [any Model] {
            let (inputs, _) = TinyProblems.batch(for: model, examples: 3)
            let w = model.initialParameters(seed: 0, dtype: .float64)
            let out = try Objective(model: model, loss: .mse, dtype: .float64).predict(parameters: w, inputs: inputs)
            XCTAssertEqual(out.shape, [3] + model.outputShape, "\(model)")
            XCTAssertTrue(out.isFinite)
        }
        // The MLP flattens image-shaped inputs.
        let mlp = try MLP(inputSize: 12, hiddenSizes: [], outputSize: 2)
        var rng = RandomGenerator(seed: 1)
        let images = rng.normalTensor([4, 2, 2, 3])
        let objective = Objective(model: mlp, loss: .mse)
        let w = mlp.initialParameters(seed: 0)
        XCTAssertEqual(try objective.predict(parameters: w, inputs: images).scalars,
                       try objective.predict(parameters: w, inputs: try images.reshaped([4, 12])).scalars)
    }

    func testWrongInputShapeIsReported() throws {
        let objective = Objective(model: TinyProblems.cnn, loss: .mse, dtype: .float64)
        let w = TinyProblems.cnn.initialParameters(seed: 0, dtype: .float64)
        XCTAssertThrowsError(try objective.predict(parameters: w, inputs: Tensor(zeros: [2, 8, 8, 4], dtype: .float64))) { error in
            XCTAssertTrue("\(error)".contains("[2, 8, 8, 4]"), "\(error)")
        }
        XCTAssertThrowsError(try objective.value(parameters: w, inputs: Tensor(zeros: [2, 8, 8, 3], dtype: .float64),
                                                 targets: Tensor(zeros: [2, 4], dtype: .float64))) { error in
            XCTAssertTrue("\(error)".contains("targets [2, 4]"), "\(error)")
        }
    }

    func testInvalidConfigurationsThrow() throws {
        XCTAssertThrowsError(try MLP(inputSize: 5, hiddenSizes: [0], outputSize: 3)) { XCTAssertTrue("\($0)".contains("[5, 0, 3]"), "\($0)") }
        XCTAssertThrowsError(try CNN(height: 2, width: 2, channels: [4, 4])) { XCTAssertTrue("\($0)".contains("too small"), "\($0)") }
        XCTAssertThrowsError(try Transformer(vocabularySize: 0))
        let model = TinyProblems.mlp(.relu)
        let (inputs, targets) = TinyProblems.batch(for: model, examples: 3)
        let objective = Objective(model: model, loss: .mse, dtype: .float64, chunkSize: 0)
        XCTAssertThrowsError(try objective.value(parameters: model.initialParameters(seed: 0, dtype: .float64), inputs: inputs, targets: targets)) {
            XCTAssertTrue("\($0)".contains("chunk size"), "\($0)")
        }
    }

    /// With weights scaled by 0.1 the logits are ≈ N(0, 0.01·2D/(D+V)) (final LayerNorm output has unit
    /// variance per position, the Glorot output projection has variance 2/(D+V)), so the expected
    /// cross-entropy is log V + ½·Var(logits)·(1 − 1/V) ≈ log 7 + 0.005; 0.05 leaves room for sampling.
    func testTransformerCrossEntropyAtSmallInitIsLogVocabulary() throws {
        let model = try Transformer(vocabularySize: 7, sequenceLength: 5, layers: 1, heads: 2, keySize: 4, modelSize: 8,
                                weightInitializer: .glorotNormal(scale: 0.1))
        let (inputs, targets) = TinyProblems.batch(for: model, examples: 8)
        let loss = try Objective(model: model, loss: .crossEntropy, dtype: .float64)
            .value(parameters: model.initialParameters(seed: 3, dtype: .float64), inputs: inputs, targets: targets)
        XCTAssertEqual(loss, log(7), accuracy: 0.05)
    }

    /// With outputs ≈ 0: mse ≈ 1/C, half_sse ≈ ½, cross-entropy ≈ log C.
    func testLossNormalisationsAtNearZeroOutputs() throws {
        let model = try MLP(inputSize: 5, hiddenSizes: [8], outputSize: 4, weightInitializer: .glorotNormal(scale: 1e-3))
        let (inputs, targets) = TinyProblems.batch(for: model, examples: 16)
        let w = model.initialParameters(seed: 0, dtype: .float64)
        let value: (Loss) throws -> Double = { try Objective(model: model, loss: $0, dtype: .float64).value(parameters: w, inputs: inputs, targets: targets) }
        XCTAssertEqual(try value(.mse), 0.25, accuracy: 1e-4)
        XCTAssertEqual(try value(.halfSSE), 0.5, accuracy: 1e-4)
        XCTAssertEqual(try value(.crossEntropy), log(4), accuracy: 1e-4)
    }

    func testLossDefinitionsByHand() throws {
        let outputs = try Tensor(shape: [2, 3], scalars: [1, 2, 0.5, -1, 0, 3], dtype: .float64)
        let ids = Tensor([2.0, 0.0])
        let onehot = TinyProblems.oneHot([2, 0], classes: 3, dtype: .float64)
        func loss(_ l: Loss, _ targets: Tensor) throws -> Double {
            try Transforms.evaluate({ try l.apply(outputs: $0[0], targets: $0[1]) }, at: [outputs, targets]).scalarValue
        }
        let squared: Double = (1 + 4 + 0.25) + (4 + 0 + 9)  // rows (1, 2, 0.5 − 1) and (−1 − 1, 0, 3)
        XCTAssertEqual(try loss(.mse, onehot), squared / 6, accuracy: 1e-14)
        XCTAssertEqual(try loss(.halfSSE, onehot), 0.5 * squared / 2, accuracy: 1e-14)
        let ce = ((log(exp(1) + exp(2) + exp(0.5)) - 0.5) + (log(exp(-1) + exp(0) + exp(3)) + 1)) / 2
        XCTAssertEqual(try loss(.crossEntropy, onehot), ce, accuracy: 1e-14)
        for l in Loss.allCases { XCTAssertEqual(try loss(l, ids), try loss(l, onehot), accuracy: 1e-15) }
        // Predictions are classes 1 and 2.
        XCTAssertEqual(try Accuracy.of(outputs: outputs, targets: ids), 0)
        XCTAssertEqual(try Accuracy.of(outputs: outputs, targets: Tensor([1.0, 0.0])), 0.5)
        XCTAssertEqual(try Accuracy.of(outputs: outputs, targets: TinyProblems.oneHot([1, 2], classes: 3, dtype: .float64)), 1)
    }

    func testTransformerIsCausal() throws {
        let model = TinyProblems.transformer
        let objective = Objective(model: model, loss: .crossEntropy, dtype: .float64)
        let w = TinyProblems.parameters(for: model)
        var tokens = Tensor([1.0, 4, 2, 6, 0], shape: [1, 5])
        let before = try objective.predict(parameters: w, inputs: tokens).scalars
        tokens.setScalar(3, at: 3)
        let after = try objective.predict(parameters: w, inputs: tokens).scalars
        let v = model.vocabularySize
        XCTAssertEqual(Array(before[0..<(3 * v)]), Array(after[0..<(3 * v)]), "positions before the change must not move")
        XCTAssertGreaterThan(relativeDistance(Array(before[(3 * v)...]), Array(after[(3 * v)...])), 1e-6)
        // A shorter sequence gives the first positions of the full one.
        let prefix = try objective.predict(parameters: w, inputs: Tensor([1.0, 4, 2], shape: [1, 3]))
        XCTAssertEqual(prefix.shape, [1, 3, v])
        XCTAssertNil(firstMismatch(prefix.scalars, Array(after[0..<(3 * v)]), rtol: 1e-12, atol: 1e-14))
    }

    func testLayerNormStandardisesTheLastAxis() throws {
        var rng = RandomGenerator(seed: 4)
        var x = rng.normalTensor([4, 6, 10], std: 2, dtype: .float64)
        x = try x + Tensor(repeating: 3, shape: [1], dtype: .float64)
        let ones = Tensor(repeating: 1, shape: [10], dtype: .float64), zeros = Tensor(zeros: [10], dtype: .float64)
        let y = try Transforms.evaluate({ try $0[0].layerNorm(scale: $0[1], offset: $0[2], epsilon: 1e-6) }, at: [x, ones, zeros]).scalars
        for row in stride(from: 0, to: y.count, by: 10) {
            let values = y[row..<(row + 10)]
            let mean = values.reduce(0, +) / 10
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 10
            XCTAssertEqual(mean, 0, accuracy: 1e-12)
            XCTAssertEqual(variance, 1, accuracy: 1e-5)  // σ²/(σ² + ε) with σ² ≈ 4, ε = 1e-6
        }
    }

    func testPredictReturnsPrivateCopies() throws {
        let model = TinyProblems.mlp(.relu)
        let objective = Objective(model: model, loss: .mse, dtype: .float64)
        let (inputs, _) = TinyProblems.batch(for: model, examples: 4)
        let first = try objective.predict(parameters: model.initialParameters(seed: 0, dtype: .float64), inputs: inputs)
        let kept = first.scalars
        _ = try objective.predict(parameters: model.initialParameters(seed: 9, dtype: .float64), inputs: inputs)
        XCTAssertEqual(first.scalars, kept)
    }

    func testChunkedEvaluationEqualsWholeBatch() throws {
        for model in [TinyProblems.mlp(.tanh), TinyProblems.transformer] as [any Model] {
            for loss in Loss.allCases {
                let (inputs, targets) = TinyProblems.batch(for: model, examples: 5)
                let whole = Objective(model: model, loss: loss, dtype: .float64)
                let chunked = Objective(model: model, loss: loss, dtype: .float64, chunkSize: 2)
                let w = TinyProblems.parameters(for: model)
                var rng = RandomGenerator(seed: 6)
                let v = rng.normalTensor([w.count], dtype: .float64)
                let (value, gradient) = try whole.valueAndGradient(parameters: w, inputs: inputs, targets: targets)
                let (chunkedValue, chunkedGradient) = try chunked.valueAndGradient(parameters: w, inputs: inputs, targets: targets)
                XCTAssertEqual(chunkedValue, value, accuracy: 1e-13 * abs(value))
                XCTAssertEqual(try chunked.value(parameters: w, inputs: inputs, targets: targets), value, accuracy: 1e-13 * abs(value))
                XCTAssertLessThan(relativeDistance(chunkedGradient.scalars, gradient.scalars), 1e-13)
                let hv = try whole.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v)
                XCTAssertLessThan(relativeDistance(try chunked.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v).scalars, hv.scalars), 1e-12)
                XCTAssertEqual(try chunked.predict(parameters: w, inputs: inputs).scalars, try whole.predict(parameters: w, inputs: inputs).scalars)
            }
        }
    }

    func testBufferEstimateGrowsWithTheChunk() throws {
        let model = TinyProblems.cnn
        let objective = Objective(model: model, loss: .mse, dtype: .float64)
        let small = try objective.estimatedBufferBytes(inputShape: [2, 8, 8, 3], targetShape: [2, 3])
        let large = try objective.estimatedBufferBytes(inputShape: [4, 8, 8, 3], targetShape: [4, 3])
        XCTAssertGreaterThan(small.gradient, 0)
        XCTAssertGreaterThan(small.hessianVectorProduct, small.gradient)
        // Per-example buffers double; parameter-sized ones (gradients, tangents) do not.
        XCTAssertGreaterThan(large.hessianVectorProduct, small.hessianVectorProduct + small.hessianVectorProduct / 2)
        XCTAssertLessThan(large.hessianVectorProduct, 2 * small.hessianVectorProduct)
    }

    /// Plain gradient descent on a synthetic problem; returns the losses before and after.
    private func descend(_ model: any Model, loss: Loss, examples: Int, learningRate: Double, steps: Int) throws -> (Double, Double) {
        var rng = RandomGenerator(seed: 21)
        let inputs = rng.normalTensor([examples] + model.inputShape)
        // Labels from a fixed random linear teacher of the flattened inputs, so the problem is learnable.
        let features = model.inputShape.reduce(1, *)
        let teacher = rng.normalTensor([features, model.outputSize])
        let scores = try Tensor.matmul(try inputs.reshaped([examples, features]), teacher)
        let labels = (0..<examples).map { i in (0..<model.outputSize).max { scores.scalar(at: i * model.outputSize + $0) < scores.scalar(at: i * model.outputSize + $1) }! }
        let targets = TinyProblems.oneHot(labels, classes: model.outputSize, dtype: .float32)
        let objective = Objective(model: model, loss: loss)
        var w = model.initialParameters(seed: 2)
        var g = Tensor(zeros: [w.count])
        let initial = try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets, into: &g)
        for _ in 0..<steps {
            _ = try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets, into: &g)
            w.addScaled(g, -learningRate)
        }
        return (initial, try objective.value(parameters: w, inputs: inputs, targets: targets))
    }

    func testGradientDescentReducesTheLossOfAnMLP() throws {
        let (before, after) = try descend(try MLP(inputSize: 10, hiddenSizes: [32], outputSize: 3), loss: .mse, examples: 64, learningRate: 0.5, steps: 30)
        XCTAssertLessThan(after, 0.8 * before, "mse \(before) → \(after)")
    }

    func testGradientDescentReducesTheLossOfACNN() throws {
        let (before, after) = try descend(TinyProblems.cnn, loss: .crossEntropy, examples: 16, learningRate: 0.1, steps: 20)
        XCTAssertLessThan(after, 0.8 * before, "cross-entropy \(before) → \(after)")
    }
}
