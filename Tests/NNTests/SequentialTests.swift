import Foundation
import Autodiff
import NN
import Tensors
import TestSupport
import XCTest

/// Layers and their composition: the new activations' formulas and derivatives, every layer through
/// `DerivativeCheck` (gradient vs central differences, HVP vs differences of gradients, float64), shape
/// errors naming the layer, and the built-in MLP and CNN equal to their layer compositions bit for bit.
final class SequentialTests: XCTestCase {
    func testNewActivationsMatchTheirFormulasAndDerivatives() throws {
        let xs: [Double] = [-40, -3, -0.5, -1e-3, 1e-3, 0.5, 3, 40]
        let formulas: [(Activation, (Double) -> Double)] = [
            (.softplus, { Foundation.log1p(Foundation.exp(-Swift.abs($0))) + Swift.max($0, 0) }),
            (.elu, { $0 > 0 ? $0 : Foundation.expm1($0) }),
            (.square, { $0 * $0 }),
        ]
        for (activation, formula) in formulas {
            let y = try Transforms.evaluate({ try activation($0[0]) }, at: [Tensor(xs)]).scalars
            for (x, value) in zip(xs, y) { XCTAssertEqual(value, formula(x), accuracy: 1e-14 * Swift.max(1, Swift.abs(x)), "\(activation) at \(x)") }
            XCTAssertEqual(try DerivativeCheck.check(activation.rawValue, shapes: [[4, 3]], domain: .awayFromZero) { try activation($0[0]) }, [])
        }
        // softplus' derivative is the logistic sigmoid, elu's is 1 for x ≥ 0 and eˣ below; both hold at 0.
        let points = Tensor([-2.0, 0.0, 2.0])
        let softplus = try Transforms.grad({ try $0[0].softplus().sum() }, at: [points])[0].scalars
        for (x, d) in zip(points.scalars, softplus) { XCTAssertEqual(d, 1 / (1 + Foundation.exp(-x)), accuracy: 1e-15, "softplus' at \(x)") }
        let elu = try Transforms.grad({ try $0[0].elu().sum() }, at: [points])[0].scalars
        for (x, d) in zip(points.scalars, elu) { XCTAssertEqual(d, Swift.min(1, Foundation.exp(x)), accuracy: 1e-15, "elu' at \(x)") }
    }

    private func derivativeCheck(_ model: Sequential, examples: Int = 2) throws {
        var rng = RandomGenerator(seed: 4)
        let inputs = rng.normalTensor([examples] + model.inputShape, dtype: .float64)
        let targets = rng.normalTensor([examples] + model.outputShape, dtype: .float64)
        let failures = try DerivativeCheck.check(model.description, shapes: model.layout.entries.map(\.shape), seed: 5) { p in
            try Loss.mse.apply(outputs: try model.apply(parameters: p, input: p[0].graph.constant(inputs)), targets: p[0].graph.constant(targets))
        }
        XCTAssertEqual(failures, [])
    }

    func testEveryLayerPassesTheDerivativeChecks() throws {
        try derivativeCheck(try Sequential(layers: [
            .conv2d(channels: 3, kernel: 3, stride: 2, samePadding: true), .activation(.elu), .layerNorm(),
            .avgPool(size: 2, stride: 1), .conv2d(channels: 2, kernel: 2, samePadding: false, bias: false), .activation(.softplus),
            .maxPool(size: 2, stride: 2), .flatten,
            .residual([.dense(units: 4), .activation(.tanh), .dense(units: 8, bias: false)]), .activation(.square), .dense(units: nil),
        ], inputShape: [12, 12, 2], outputSize: 3))
        try derivativeCheck(try Sequential(layers: [.dense(units: 5), .activation(.gelu), .sequential([.dense(units: 5), .activation(.identity)]),
                                                    .residual([.layerNorm(epsilon: 1e-5), .dense(units: 5)]), .dense(units: nil)],
                                           inputShape: [4], outputSize: 2))
    }

    /// Each kind of layer alone, differentiated with respect to its input and its parameters together.
    func testEachLayerKindAloneWithRespectToInputAndParameters() throws {
        let cases: [(Layer, [Int], Int)] = [
            (.dense(units: 3), [4], 3), (.dense(units: 3, bias: false, initializer: .heNormal()), [2, 4], 3),
            (.conv2d(channels: 3), [5, 4, 2], 3), (.conv2d(channels: 2, kernel: 2, stride: 2, samePadding: false, bias: false), [5, 4, 2], 2),
            (.layerNorm(), [5], 5), (.layerNorm(epsilon: 1e-3), [3, 2, 4], 4),
            (.maxPool(size: 2, stride: 2), [4, 5, 2], 2), (.maxPool(size: 3, stride: 1), [4, 4, 1], 1),
            (.avgPool(size: 2, stride: 1), [4, 5, 2], 2), (.avgPool(size: 2, stride: 2), [5, 4, 3], 3),
            (.flatten, [2, 3, 2], 12),
            (.attention(heads: 2, keySize: 3), [4, 5], 5), (.attention(heads: 1, keySize: 2, causal: false, initializer: .lecunNormal()), [3, 4], 4),
            (.residual([.dense(units: 4), .activation(.tanh)]), [4], 4), (.sequential([.dense(units: 3), .activation(.gelu)]), [2], 3),
        ] + Activation.allCases.map { (.activation($0), [6], 6) }
        for (layer, inputShape, outputs) in cases {
            let model = try Sequential(layers: [layer], inputShape: inputShape, outputSize: outputs)
            let failures = try DerivativeCheck.check(layer.summary, shapes: [[2] + inputShape] + model.layout.entries.map(\.shape), domain: .awayFromZero, seed: 6) { v in
                try model.apply(parameters: Array(v.dropFirst()), input: v[0])
            }
            XCTAssertEqual(failures, [], layer.summary)
        }
    }

    func testAveragePoolAveragesEachWindow() throws {
        let image = Tensor((0..<16).map(Double.init), shape: [1, 4, 4, 1])
        let g = try WindowGeometry(inputHeight: 4, inputWidth: 4, kernelHeight: 2, kernelWidth: 2, strideY: 2, strideX: 2, samePadding: false)
        let y = try Transforms.evaluate({ try $0[0].averagePool(geometry: g) }, at: [image])
        XCTAssertEqual(y.shape, [1, 2, 2, 1])
        XCTAssertEqual(y.scalars, [2.5, 4.5, 10.5, 12.5])
    }

    func testNamesFollowTheKindCountersAndResidualScopes() throws {
        let model = try Sequential(layers: [.dense(units: 3), .activation(.relu), .residual([.dense(units: 3), .layerNorm()]), .dense(units: nil, bias: false)],
                                   inputShape: [2], outputSize: 1)
        XCTAssertEqual(model.parameterNames, ["dense_0.weight", "dense_0.bias", "residual_0.dense_0.weight", "residual_0.dense_0.bias",
                                              "residual_0.layer_norm_0.scale", "residual_0.layer_norm_0.bias", "dense_1.weight"])
        XCTAssertEqual(model.outputShape, [1])
    }

    func testShapeErrorsNameTheLayer() {
        func message(_ layers: [Layer], _ shape: [Int] = [4], outputs: Int = 2) -> String {
            do { _ = try Sequential(layers: layers, inputShape: shape, outputSize: outputs); return "no error" } catch { return "\(error)" }
        }
        XCTAssertTrue(message([.dense(units: 3), .activation(.relu), .conv2d(channels: 2)]).hasPrefix("layer 2 (conv2d): expects images"))
        XCTAssertTrue(message([.residual([.dense(units: 2)])]).hasPrefix("layer 0 (residual): the block maps [4] to [2]"))
        XCTAssertTrue(message([.sequential([.dense(units: 3), .maxPool(size: 2, stride: 2)])]).hasPrefix("layer 0 (sequential) → layer 1 (max_pool)"))
        XCTAssertTrue(message([.flatten, .maxPool(size: 5, stride: 1)], [4, 4, 1]).hasPrefix("layer 1 (max_pool): expects images"))
        XCTAssertTrue(message([.maxPool(size: 5, stride: 1)], [4, 4, 1]).hasPrefix("layer 0 (max_pool): a 5x5 window does not fit"))
        XCTAssertTrue(message([.dense(units: 3)]).contains("the data has 2 outputs"))
        XCTAssertTrue(message([.dense(units: 0)]).hasPrefix("layer 0 (dense): units must be positive"))
    }

    /// Same specs, same initial values, same loss and gradient bit for bit in float64.
    private func assertIdentical(_ builtIn: any Model, _ composed: Sequential, examples: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(builtIn.parameterSpecs, composed.parameterSpecs, file: file, line: line)
        XCTAssertEqual(builtIn.inputShape, composed.inputShape, file: file, line: line)
        XCTAssertEqual(builtIn.outputShape, composed.outputShape, file: file, line: line)
        let w = builtIn.initialParameters(seed: 7, dtype: .float64)
        XCTAssertEqual(w.scalars, composed.initialParameters(seed: 7, dtype: .float64).scalars, file: file, line: line)
        var rng = RandomGenerator(seed: 9)
        let inputs = rng.normalTensor([examples] + builtIn.inputShape, dtype: .float64)
        let targets = rng.normalTensor([examples] + builtIn.outputShape, dtype: .float64)
        for loss in [Loss.mse, .halfSSE] {
            let a = try Objective(model: builtIn, loss: loss, dtype: .float64).valueAndGradient(parameters: w, inputs: inputs, targets: targets)
            let b = try Objective(model: composed, loss: loss, dtype: .float64).valueAndGradient(parameters: w, inputs: inputs, targets: targets)
            XCTAssertEqual(a.value, b.value, file: file, line: line)
            XCTAssertEqual(a.gradient.scalars, b.gradient.scalars, file: file, line: line)
        }
    }

    func testMLPEqualsItsLayerComposition() throws {
        for activation in [Activation.relu, .tanh, .softplus] {
            let mlp = try MLP(inputSize: 6, hiddenSizes: [5, 4], outputSize: 3, activation: activation)
            let layers: [Layer] = [.dense(units: 5), .activation(activation), .dense(units: 4), .activation(activation), .dense(units: nil)]
            try assertIdentical(mlp, try Sequential(layers: layers, inputShape: [6], outputSize: 3), examples: 4)
        }
        let noBias = try MLP(inputSize: 3, hiddenSizes: [], outputSize: 2, useBias: false, weightInitializer: .heNormal(scale: 0.5))
        try assertIdentical(noBias, try Sequential(layers: [.dense(units: nil, bias: false, initializer: .heNormal(scale: 0.5))], inputShape: [3], outputSize: 2), examples: 3)
    }

    func testPaperCNNEqualsItsLayerComposition() throws {
        let cnn = try CNN(height: 8, width: 6, inputChannels: 3, channels: [4, 5], classes: 3)
        let block: (Int) -> [Layer] = { [.conv2d(channels: $0), .activation(.relu), .layerNorm(), .maxPool(size: 2, stride: 2)] }
        try assertIdentical(cnn, try Sequential(layers: block(4) + block(5) + [.flatten, .dense(units: nil)], inputShape: [8, 6, 3], outputSize: 3), examples: 2)
    }

    /// Embeddings take ids, so only their tables are differentiated.
    func testEmbeddingDerivativesWithRespectToItsTables() throws {
        var rng = RandomGenerator(seed: 2)
        let ids = TinyProblems.ids([3, 4], vocabulary: 5, dtype: .float64, rng: &rng)
        for positions in [true, false] {
            let model = try Sequential(layers: [.embedding(size: 3, positions: positions), .attention(heads: 1, keySize: 2), .dense(units: nil)], inputShape: [4], outputSize: 5)
            let failures = try DerivativeCheck.check(model.description, shapes: model.layout.entries.map(\.shape), seed: 3) { p in
                try model.apply(parameters: p, input: p[0].graph.constant(ids))
            }
            XCTAssertEqual(failures, [])
        }
    }

    /// The Transformer is embedding → [residual(layer_norm, attention), residual(layer_norm, dense, gelu,
    /// dense)] per block → layer_norm → dense: the same parameter tensors in the same order (shapes,
    /// initialisers, fans; only the names differ, `block_0.attention.query.weight` being
    /// `residual_0.attention_0.query.weight`), and at the same parameters the same loss and gradient.
    func testTransformerEqualsItsLayerComposition() throws {
        let transformer = try Transformer(vocabularySize: 7, sequenceLength: 5, layers: 2, heads: 2, keySize: 3, modelSize: 8, mlpWidening: 2)
        let norm = Layer.layerNorm(epsilon: 1e-5)
        let block: [Layer] = [.residual([norm, .attention(heads: 2, keySize: 3)]), .residual([norm, .dense(units: 16), .activation(.gelu), .dense(units: 8)])]
        let composed = try Sequential(layers: [.embedding(size: 8)] + block + block + [norm, .dense(units: nil)], inputShape: [5], outputSize: 7)
        func rename(_ name: String) -> String {
            var parts = name.split(separator: ".").map(String.init)
            if parts[0] == "embedding" { parts[0] = "embedding_0" }
            if parts[0] == "final_norm" { parts[0] = "layer_norm_0" }
            if parts[0] == "output" { parts[0] = "dense_0" }
            if parts[0].hasPrefix("block_"), let i = Int(parts[0].dropFirst(6)) {
                let inAttention = parts[1].hasPrefix("attention")
                parts[0] = "residual_\(2 * i + (inAttention ? 0 : 1))"
                switch parts[1] {
                case "attention_norm", "mlp_norm": parts[1] = "layer_norm_0"
                case "attention": parts[1] = "attention_0"
                default: parts[1...2] = [parts[2] == "hidden" ? "dense_0" : "dense_1"]
                }
            }
            return parts.joined(separator: ".")
        }
        let renamed = transformer.parameterSpecs.map { spec -> ParameterSpec in var spec = spec; spec.name = rename(spec.name); return spec }
        XCTAssertEqual(renamed, composed.parameterSpecs)
        XCTAssertEqual(transformer.outputShape, composed.outputShape)
        let w = TinyProblems.parameters(for: transformer)
        let (inputs, targets) = TinyProblems.batch(for: transformer, examples: 3)
        let oneHot = try TinyProblems.oneHot(targets.scalars.map { Int($0) }, classes: 7, dtype: .float64).reshaped([3, 5, 7])
        for (loss, y) in [(Loss.crossEntropy, targets), (.mse, oneHot)] {
            let a = try Objective(model: transformer, loss: loss, dtype: .float64).valueAndGradient(parameters: w, inputs: inputs, targets: y)
            let b = try Objective(model: composed, loss: loss, dtype: .float64).valueAndGradient(parameters: w, inputs: inputs, targets: y)
            XCTAssertEqual(a.value, b.value, "\(loss)")
            XCTAssertEqual(a.gradient.scalars, b.gradient.scalars, "\(loss)")
        }
    }
}
