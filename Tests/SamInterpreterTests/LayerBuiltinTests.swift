import XCTest
import NN
import Tensors
@testable import SamInterpreter

/// The layer builtins and `sequential`: the mlp and the cnn as layer compositions in `.sam` (same names,
/// same initial parameters, same losses after training), the calculus builtins and parameter files on a
/// sequential model, the activation functions on numbers, tensors and traced tensors, errors, help.
final class LayerBuiltinTests: XCTestCase {
    private var harness = ScriptHarness()
    override func tearDown() { harness.remove() }

    func testSequentialIsTheMLPAndTrainsTheSame() {
        let out = output(of: """
            let d = digits(limit: 48)
            for act in [relu, softplus, elu] {
              let a = mlp(hidden: [12, 8], act: act, seed: 5)
              let s = sequential([dense(12), act, dense(8), act, dense()], seed: 5)
              print(loss(s, data: d) == loss(a, data: d), grad(s, data: d) == grad(a, data: d))
              let ra = train(a, d, sgd(lr: 0.2), batch: 16, steps: 4, seed: 1)
              let rs = train(s, d, sgd(lr: 0.2), batch: 16, steps: 4, seed: 1)
              print(ra.model.names == rs.model.names, ra.model.parameters == rs.model.parameters, ra.loss == rs.loss)
            }
            """)
        XCTAssertEqual(out, String(repeating: "true true\ntrue true true\n", count: 3))
    }

    func testSequentialIsTheCNN() {
        let out = output(of: """
            let d = digits(limit: 24, layout: "nhwc")
            let c = cnn(channels: [3, 2], seed: 2)
            fn block(channels) { return [conv2d(channels), relu, layer_norm(), max_pool(2)] }
            let s = sequential(block(3) + block(2) + [flatten(), dense()], seed: 2)
            let rc = train(c, d, gd(lr: 0.05), steps: 2)
            let rs = train(s, d, gd(lr: 0.05), steps: 2)
            print(rc.model.names == rs.model.names, rc.model.parameters == rs.model.parameters, rc.loss == rs.loss)
            print(rs.model.names)
            """)
        XCTAssertEqual(out, """
            true true true
            ["conv_0.kernel", "conv_0.bias", "layer_norm_0.scale", "layer_norm_0.bias", "conv_1.kernel", "conv_1.bias", "layer_norm_1.scale", "layer_norm_1.bias", "dense_0.weight", "dense_0.bias"]

            """)
    }

    /// On text, the transformer's layers at the transformer's parameters give its loss and gradient, and
    /// train; position embeddings follow `seq_len`.
    func testSequentialIsTheTransformerOnText() {
        let words = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog"]
        harness.write("tiny.txt", (0..<200).map { i in (0..<6).map { words[(i * 7 + $0 * 5) % words.count] }.joined(separator: " ") }.joined(separator: "\n"))
        let outcome = harness.run("""
            let d = text("tiny.txt", held_out_lines: 20)
            let t = transformer(layers: 1, heads: 2, key_size: 4, model_size: 16, seq_len: 12, seed: 3)
            let norm = layer_norm(epsilon: 1e-5)
            let block = [residual([norm, attention(heads: 2, key_size: 4)]), residual([norm, dense(64), gelu, dense(16)])]
            let s = sequential([embedding(16)] + block + [norm, dense()], seq_len: 12)
            let w = train(t, d, gd(lr: 0.1), steps: 1, batch: 8).model.parameters
            print(loss(s, w, data: d) == loss(t, w, data: d), grad(s, w, data: d) == grad(t, w, data: d))
            let r = train(s, d, gd(lr: 0.1), steps: 2, batch: 8)
            print(r.status, r.model.parameter_count == len(w), r.model.names[0], r.model.names[1], r.model.names[4])
            """)
        XCTAssertEqual(outcome.stdout, "true true\ndone true embedding_0.token embedding_0.position residual_0.attention_0.query.weight\n", outcome.stderr)
    }

    /// HVPs and the top eigenvalue of a residual softplus network against differences of its gradient;
    /// trained parameters through `save`/`load`; PyTorch-named dense layers; a tensor that does not fit.
    func testCalculusBuiltinsAndParameterFiles() throws {
        var generator = RandomGenerator(seed: 8)
        try ParameterFile.write([("layers.0.weight", generator.normalTensor([4, 3], dtype: .float64)), ("layers.0.bias", generator.normalTensor([4], dtype: .float64)),
                                 ("layers.2.weight", generator.normalTensor([2, 4], dtype: .float64)), ("layers.2.bias", generator.normalTensor([2], dtype: .float64))],
                                to: harness.directory + "/torch.safetensors")
        let outcome = harness.run("""
            let d = blobs(count: 12, features: 3, classes: 2, seed: 4)
            let layers = [dense(5), softplus, residual([layer_norm(), dense(5), elu]), dense()]
            let r = train(sequential(layers, seed: 1), d, gd(lr: 0.1), steps: 3, dtype: "float64")
            let w = r.model.parameters
            let u = random_normal(shape(w), seed: 3)
            let h = 1e-5
            fn g(at) { return grad(r.model, at, data: d) }
            let hv = hvp(r.model, w, u, data: d)
            print(norm((g(w + h * u) - g(w - h * u)) / (2 * h) - hv) / norm(hv) < 1e-6)
            let top = spectrum(r.model, k: 1, data: d)
            print(norm(hvp(r.model, top.vectors[0], data: d) - top.values[0] * top.vectors[0]) < 1e-3 * abs(top.values[0]))
            print(r.model.names)
            save r.model to "w.safetensors"
            print(loss(sequential(layers, params: load("w.safetensors")), data: d) == loss(r.model, data: d))
            let torch = load("torch.safetensors")
            print(loss(sequential([dense(4), tanh, dense()], params: torch), data: d) == loss(mlp(act: tanh, params: torch), data: d))
            loss(sequential([dense(6), softplus, residual([layer_norm(), dense(6), elu]), dense()], params: load("w.safetensors")), data: d)
            """)
        XCTAssertEqual(outcome.stdout, """
            true
            true
            ["dense_0.weight", "dense_0.bias", "residual_0.layer_norm_0.scale", "residual_0.layer_norm_0.bias", "residual_0.dense_0.weight", "residual_0.dense_0.bias", "dense_1.weight", "dense_1.bias"]
            true
            true

            """)
        XCTAssertTrue(outcome.stderr.contains("dense_0.weight"), outcome.stderr)
    }

    /// `gelu`, `softplus`, `elu`, `identity` on numbers and tensors, and their traced gradients against
    /// central differences of the plain functions.
    func testActivationFunctionsOnNumbersTensorsAndTracedTensors() {
        let out = output(of: """
            print(softplus(0) == log(2), elu(-1) == exp(-1) - 1, elu(2) == 2, identity(3.5), gelu(0))
            print(abs(gelu(1.0) - 0.5 * (1 + tanh(sqrt(2 / pi) * (1 + 0.044715)))) < 1e-15)
            print(softplus(tensor([0.0, 100.0, -100.0])))
            let x = tensor([-1.5, -0.2, 0.3, 2.0])
            for f in [gelu, softplus, elu, identity, relu, tanh, square] {
              fn s(w) { return sum(f(w) * f(w)) }
              let u = tensor([0.3, -0.7, 0.5, 0.2])
              let h = 1e-6
              print(abs((s(x + h * u) - s(x - h * u)) / (2 * h) - dot(grad(s, x), u)) < 1e-8)
            }
            print(mlp(hidden: [2], act: gelu), mlp(hidden: [2], act: "softplus"))
            """)
        XCTAssertEqual(out, """
            true true true 3.5 0.0
            true
            tensor 3 float64 [0.6931471805599453, 100.0, 0.0]
            true
            true
            true
            true
            true
            true
            true
            Model(mlp hidden [2], gelu, glorot_normal, seed 0; sized by its data) Model(mlp hidden [2], softplus, glorot_normal, seed 0; sized by its data)

            """)
    }

    func testErrorsNameTheLayerAndTheShape() {
        func stderr(_ source: String) -> String { failure(of: "let d = digits(limit: 8)\n" + source).stderr }
        XCTAssertTrue(stderr("train(sequential([dense(4), relu, conv2d(2), dense()]), d, gd(lr: 0.1), steps: 1)\n")
            .contains("layer 2 (conv2d): expects images [height, width, channels], got [4]"))
        XCTAssertTrue(stderr("loss(sequential([residual([dense(3)]), dense()]), data: d)\n")
            .contains("layer 0 (residual): the block maps [64] to [3]; x + f(x) needs f to keep the shape"))
        XCTAssertTrue(stderr("loss(sequential([dense(3)]), data: d)\n").contains("but the data has 10 outputs (end with dense()"))
        XCTAssertTrue(stderr("loss(sequential([max_pool(2), dense()]), data: d)\n").contains("layer 0 (max_pool): expects images [height, width, channels], got [64]"))
        let notALayer = stderr("sequential([dense(3), 5, dense()])\n")
        XCTAssertTrue(notALayer.contains("layer 1 is an integer, not a layer"), notALayer)
        XCTAssertTrue(notALayer.contains("hint: a layer is dense(…)"), notALayer)
        XCTAssertTrue(stderr("fn act(x) { return x }\nsequential([dense(3), act])\n").contains("layer 1 is the function 'act', not a layer"))
        XCTAssertTrue(stderr("residual([dense(3), \"swish\"])\n").contains("residual: layer 1 is the string \"swish\", not a layer"))
        XCTAssertTrue(stderr("dense(0)\n").contains("units must be positive, got 0"))
        XCTAssertTrue(stderr("conv2d(4, padding: \"full\")\n").contains("padding must be \"same\" or \"valid\", got \"full\""))
        XCTAssertTrue(stderr("avg_pool(2, stride: 0)\n").contains("stride must be positive, got 0"))
        XCTAssertTrue(stderr("sequential([])\n").contains("sequential needs at least one layer"))
        XCTAssertTrue(stderr("loss(sequential([attention(heads: 2), dense()]), data: d)\n").contains("layer 0 (attention): expects sequences [length, features], got [64]"))
        XCTAssertTrue(stderr("loss(sequential([embedding(8), embedding(8), dense()]), data: d)\n").contains("layer 1 (embedding): expects token ids [length], got [64, 8]"))
    }

    func testHelpAndSummaries() {
        let registry = BuiltinRegistry.standard()
        XCTAssertTrue(registry.help("conv2d")?.hasPrefix("conv2d(channels, kernel: 3, stride: 1, padding: \"same\", bias: true, init: Initializer(glorot_normal)) -> a Layer\n") ?? false,
                      registry.help("conv2d") ?? "")
        XCTAssertTrue(registry.help("softplus")?.contains("Softplus log(1 + eˣ)") ?? false)
        XCTAssertTrue(registry.tracedFunctions.isSuperset(of: ["gelu", "softplus", "elu", "identity", "relu", "tanh", "square"]))
        XCTAssertNil(registry.constants["gelu"], "activations are functions, not string constants")
        XCTAssertEqual(output(of: """
            print(dense(64), dense(bias: false), conv2d(16, stride: 2, padding: "valid"), avg_pool(3, stride: 1))
            print(sequential([flatten(), residual([dense(8), tanh]), sequential([layer_norm(), dense()])]))
            """), """
            Layer(dense(64)) Layer(dense(out, no bias)) Layer(conv2d(16, 3x3, stride 2, valid)) Layer(avg_pool(3, stride 1))
            Model(sequential flatten, residual[dense(8), tanh], sequential[layer_norm, dense(out)], seed 0; sized by its data)

            """)
    }
}
