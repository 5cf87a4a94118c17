import XCTest
import Datasets
import NN
import Tensors
@testable import SamInterpreter

/// `load`, `save` and `params:`: parameter files from other frameworks' conventions become the same model.
final class ParameterLoadingTests: XCTestCase {
    private var harness = ScriptHarness()
    override func tearDown() { harness.remove() }

    /// A 4 → 3 → 2 MLP's weights `[in, out]` and biases, float64, from a seeded generator.
    private let weights: [(weight: Tensor, bias: Tensor)] = {
        var generator = RandomGenerator(seed: 11)
        return [(4, 3), (3, 2)].map { inputs, outputs in
            (generator.normalTensor([inputs, outputs], dtype: .float64), generator.normalTensor([outputs], dtype: .float64))
        }
    }()

    private func writeNPZ(_ name: String, _ tensors: [(String, Tensor)]) throws {
        var writer = NPZWriter()
        for (key, tensor) in tensors { writer.add(key, tensor: tensor) }
        try writer.write(to: harness.directory + "/" + name)
    }

    private func writeSafetensors(_ name: String, _ tensors: [(String, Tensor)]) throws {
        try ParameterFile.write(tensors.map { (name: $0.0, tensor: $0.1) }, to: harness.directory + "/" + name)
    }

    /// The same weights as JAX (numbered `W0, b0` and Flax), Haiku and PyTorch (`[out, in]`) export them give
    /// the same model, parameter for parameter; `save` and `load` round-trip bit for bit.
    func testEveryNamingGivesTheSameModelAndSaveLoadRoundTrips() throws {
        let (l0, l1) = (weights[0], weights[1])
        try writeNPZ("numbered.npz", [("W0", l0.weight), ("b0", l0.bias), ("W1", l1.weight), ("b1", l1.bias)])
        try writeSafetensors("flax.safetensors", [("params/Dense_0/kernel", l0.weight), ("params/Dense_0/bias", l0.bias),
                                                  ("params/Dense_1/kernel", l1.weight), ("params/Dense_1/bias", l1.bias)])
        try writeNPZ("haiku.npz", [("mlp/~/linear_1/w", l1.weight), ("mlp/~/linear_1/b", l1.bias),
                                   ("mlp/~/linear_0/w", l0.weight), ("mlp/~/linear_0/b", l0.bias)])
        try writeSafetensors("torch.safetensors", [("layers.0.weight", try l0.weight.transposed()), ("layers.0.bias", l0.bias),
                                                   ("layers.2.weight", try l1.weight.transposed()), ("layers.2.bias", l1.bias)])
        try writeSafetensors("expected.safetensors", [("dense_0.weight", l0.weight), ("dense_0.bias", l0.bias),
                                                      ("dense_1.weight", l1.weight), ("dense_1.bias", l1.bias)])
        let outcome = harness.run("""
            let expected = mlp(params: load("expected.safetensors")).parameters
            print(expected.dtype, expected.shape)
            for file in ["numbered.npz", "flax.safetensors", "haiku.npz", "torch.safetensors"] {
              print(file, mlp(params: load(file)).parameters == expected)
            }
            print(mlp(params: load("torch.safetensors"), names: "pytorch").parameters == expected)
            let m = mlp(params: load("numbered.npz"), act: tanh)
            print(m)
            save m to "back.npz"
            let back = load("back.npz")
            print(keys(back), back["dense_1.weight"] == load("numbered.npz").W1)
            save back to "again.safetensors"
            print(load("again.safetensors")["dense_0.bias"] == back["dense_0.bias"])
            """)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, """
            float64 [23]
            numbered.npz true
            flax.safetensors true
            haiku.npz true
            torch.safetensors true
            true
            Model(mlp 4→3→2, tanh, bias, glorot_normal, 23 parameters, with its own parameters)
            ["dense_0.weight", "dense_0.bias", "dense_1.weight", "dense_1.bias"] true
            true

            """)
        let saved = try ParameterFile.read(from: harness.directory + "/out/back.npz")
        XCTAssertEqual(saved[2].tensor.scalars, l1.weight.scalars, "bit for bit")
        XCTAssertEqual(saved[2].tensor.dtype, .float64)
    }

    func testMismatchedParametersNameTheTensor() throws {
        try writeNPZ("w.npz", [("W0", weights[0].weight), ("b0", weights[0].bias), ("W1", try Tensor(zeros: [5, 2], dtype: .float64)), ("b1", weights[1].bias)])
        XCTAssertTrue(failure(of: "mlp(params: load(\"\(harness.directory)/w.npz\"))\n").stderr
            .contains("dense layer 0 has 3 outputs but layer 1 takes 5 inputs"))
        try writeNPZ("odd.npz", [("W0", weights[0].weight), ("gamma", weights[0].bias)])
        XCTAssertTrue(failure(of: "mlp(params: load(\"\(harness.directory)/odd.npz\"))\n").stderr
            .contains("tensor 'gamma' is not a dense weight or bias in the numbered naming (W0, b0)"))
        try writeNPZ("good.npz", [("W0", weights[0].weight), ("b0", weights[0].bias)])
        XCTAssertTrue(failure(of: "mlp(params: load(\"\(harness.directory)/good.npz\"), hidden: [8])\n").stderr
            .contains("hidden [8] does not match params, whose hidden widths are []"))
        XCTAssertTrue(failure(of: "mlp(params: {a: 1})\n").stderr.contains("params field 'a' is an integer, not a tensor"))
        XCTAssertTrue(failure(of: "load(\"missing.safetensors\")\n").stderr.contains("missing.safetensors"))
        // A cnn's params are checked by name once the model is sized for its data.
        let cnn = failure(of: """
            let c = cnn(channels: [2], params: load("\(harness.directory)/good.npz"))
            train(c, digits(limit: 8, layout: "nhwc"), gd(lr: 0.1), steps: 1)
            """)
        XCTAssertTrue(cnn.stderr.contains("the given params does not match the model: missing 'conv_0.kernel'"), cnn.stderr)
        XCTAssertTrue(cnn.stderr.contains("unexpected 'W0', 'b0'"), cnn.stderr)
    }

    /// A run's final parameters, saved by one session, load into a fresh one as the same model.
    func testARunsFinalParametersLoadIntoAFreshSession() throws {
        let first = harness.run("""
            let r = train(mlp(hidden: [5]), blobs(count: 32, features: 4), gd(lr: 0.1), steps: 3)
            save r to "final.safetensors"
            save r.model.parameters to "final.json"
            """)
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = harness.run("""
            let m = mlp(params: load("final.safetensors"))
            print(m.parameter_count)
            save m.parameters to "loaded.json"
            """)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, "43\n")
        let original = try String(contentsOfFile: harness.directory + "/out/final.json", encoding: .utf8)
        XCTAssertEqual(try String(contentsOfFile: harness.directory + "/out/loaded.json", encoding: .utf8), original)
    }
}
