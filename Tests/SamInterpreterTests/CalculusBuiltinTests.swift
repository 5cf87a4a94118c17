import XCTest
import Datasets
import NN
import Tensors
@testable import SamInterpreter

/// `loss`, `grad`, `grad_norms`, `hvp`, `hessian`, `spectrum`, `dense_spectrum`, `trace_estimate` and
/// `spectral_density` on quadratics, runs and models at given parameters, against finite differences,
/// the dense Hessian, closed forms and the NN module computed directly.
final class CalculusBuiltinTests: XCTestCase {
    private var harness = ScriptHarness()
    override func tearDown() { harness.remove() }

    /// A 3 → 4 → 2 ReLU MLP in float64 with weights `W0, b0, W1, b1` ([in, out]) and regression data.
    private func writeCheckpointAndData() throws -> (weights: [(String, Tensor)], x: Tensor, y: Tensor) {
        var generator = RandomGenerator(seed: 21)
        let weights: [(String, Tensor)] = [("W0", generator.normalTensor([3, 4], dtype: .float64)), ("b0", generator.normalTensor([4], std: 0.1, dtype: .float64)),
                                          ("W1", generator.normalTensor([4, 2], dtype: .float64)), ("b1", generator.normalTensor([2], std: 0.1, dtype: .float64))]
        var file = NPZWriter()
        for (name, tensor) in weights { file.add(name, tensor: tensor) }
        try file.write(to: harness.directory + "/w.npz")
        let x = generator.normalTensor([6, 3], dtype: .float64), y = generator.normalTensor([6, 2], dtype: .float64)
        var data = NPZWriter()
        data.add("x", tensor: x)
        data.add("y", tensor: y)
        try data.write(to: harness.directory + "/d.npz")
        return (weights, x, y)
    }

    /// Gradients and HVPs at loaded weights against central differences, the dense Hessian and Lanczos
    /// against LAPACK, in float64.
    func testAModelAtLoadedWeightsAgainstFiniteDifferencesAndTheDenseHessian() throws {
        _ = try writeCheckpointAndData()
        let outcome = harness.run("""
            let m = mlp(params: load("w.npz"))
            let d = npz_data("d.npz")
            let w = m.parameters
            let u = random_normal(shape(w), seed: 3)
            let h = 1e-5
            fn l(at) { return loss(m, at, data: d, loss: "half_sse") }
            fn g(at) { return grad(m, at, data: d, loss: "half_sse") }
            let fd = (l(w + h * u) - l(w - h * u)) / (2 * h)
            print(abs(fd - dot(g(w), u)) / abs(fd) < 1e-8)
            let hv = hvp(m, w, u, data: d, loss: "half_sse")
            print(norm((g(w + h * u) - g(w - h * u)) / (2 * h) - hv) / norm(hv) < 1e-7)
            let H = hessian(m, w, data: d, loss: "half_sse")
            print(shape(H), norm(matmul(H, u) - hv) / norm(hv) < 1e-12)
            let dense = dense_spectrum(m, w, data: d, loss: "half_sse", vectors: true)
            let top = spectrum(m, k: 3, w: w, data: d, loss: "half_sse")
            let n = len(dense.values)
            print(abs(top.values[0] - dense.values[n - 1]) < 1e-8, abs(top.values[2] - dense.values[n - 3]) < 1e-8)
            let v = top.vectors[0]
            print(norm(hvp(m, v, data: d, loss: "half_sse") - top.values[0] * v) < 1e-7)
            let norms = grad_norms(m, data: d, loss: "half_sse")
            let total = sqrt(norms["dense_0.weight"] ** 2 + norms["dense_0.bias"] ** 2 + norms["dense_1.weight"] ** 2 + norms["dense_1.bias"] ** 2)
            print(keys(norms), abs(total - norm(g(w))) < 1e-12)
            let tr = trace_estimate(m, data: d, loss: "half_sse", samples: 400)
            print(abs(tr.estimate - sum(dense.values)) < 4 * tr.standard_error + 1e-9)
            save g(w) to "g.json"
            """)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, """
            true
            true
            [26, 26] true
            true true
            true
            ["dense_0.weight", "dense_0.bias", "dense_1.weight", "dense_1.bias"] true
            true

            """)
    }

    /// The gradient the language returns is the NN module's at the same loaded parameters (to rounding: the
    /// two compile separate programs).
    func testTheGradientEqualsTheEngineComputedDirectly() throws {
        let (weights, x, y) = try writeCheckpointAndData()
        let outcome = harness.run("""
            let m = mlp(params: load("w.npz"))
            save grad(m, data: npz_data("d.npz"), loss: "half_sse") to "g.json"
            """)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let model = try MLP(inputSize: 3, hiddenSizes: [4], outputSize: 2)
        let flat = try model.layout.flatten(weights.map(\.1))
        var expected = Tensor(zeros: [flat.count], dtype: .float64)
        _ = try Objective(model: model, loss: .halfSSE, dtype: .float64).valueAndGradient(parameters: flat, inputs: x, targets: y, into: &expected)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: harness.directory + "/out/g.json"))) as? [String: Any]
        let got = json?["data"] as? [Double] ?? []
        XCTAssertEqual(got.count, expected.count)
        for (a, b) in zip(got, expected.scalars) { XCTAssertEqual(a, b, accuracy: 1e-13 * max(1, abs(b))) }
    }

    /// On a quadratic the builtins give the closed forms: ∇ℓ = Hw + b, ∇²ℓ·v = Hv, the eigenvalues.
    func testQuadraticsKeepTheirMeaning() {
        let out = output(of: """
            let q = quadratic(eigenvalues: [4.0, 1.0, 0.25], seed: 1, b: "random")
            let w = tensor([0.5, -1.0, 2.0])
            print(norm(grad(q, w) - (matmul(q.hessian, w) + q.b)) < 1e-14)
            print(norm(hvp(q, w) - matmul(q.hessian, w)) < 1e-14, norm(hessian(q) - q.hessian) < 1e-14)
            print(abs(loss(q, w) - (0.5 * dot(w, matmul(q.hessian, w)) + dot(q.b, w))) < 1e-14)
            print(abs(spectrum(q, k: 1).values[0] - 4) < 1e-12, abs(dense_spectrum(q)[0] - 0.25) < 1e-12)
            let nodes = spectral_density(q, runs: 2, steps: 3).nodes[0]
            print(abs(min(nodes) - 0.25) < 1e-9, abs(max(nodes) - 4) < 1e-9)
            """)
        XCTAssertEqual(out, "true\ntrue true\ntrue\ntrue true\ntrue true\n")
    }

    func testRunsAndClearErrors() {
        let out = output(of: """
            let d = blobs(count: 16, features: 3, classes: 2)
            let r = train(mlp(hidden: [3]), d, gd(lr: 0.1), steps: 2)
            print(norm(grad(r) - grad(r.model, data: d)) < 1e-6, len(grad(r)) == r.model.parameter_count)
            """)
        XCTAssertEqual(out, "true true\n")
        XCTAssertTrue(failure(of: "grad(mlp(hidden: [2]))\n").stderr.contains("a Model needs data: to measure its loss on"))
        XCTAssertTrue(failure(of: "grad(3)\n").stderr.contains("f must be a function, a Quadratic, a Run, or a Model with data:, not an integer"))
        XCTAssertTrue(failure(of: "hvp(quadratic(eigenvalues: [1.0, 2.0]), [1.0])\n").stderr.contains("v has 1 elements but there are 2 parameters"))
        XCTAssertTrue(failure(of: "loss(mlp(hidden: [2]), data: blobs(), loss: \"l1\")\n").stderr.contains("unknown loss 'l1'"))
    }
}
