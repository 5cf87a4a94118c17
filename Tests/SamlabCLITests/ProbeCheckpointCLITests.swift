import XCTest

/// `examples/probe_checkpoint.sam` pointed at a checkpoint with `--set`, as a user with someone else's
/// weights runs it. The reference values were computed independently with NumPy (a hand-written forward and
/// backward pass of the same ReLU MLP on the same files, half squared error, float64).
final class ProbeCheckpointCLITests: XCTestCase {
    private var harness = CLIHarness()
    override func tearDown() { harness.remove() }

    func testProbeJSONFromTheCommandLine() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples").path
        let files = example + "/data/probe_checkpoint"
        let result = try harness.run(["run", example + "/probe_checkpoint.sam", "--set", "weights=\(files)/weights.npz", "--set", "data=\(files)/data.npz",
                                      "--set", "probe=\(files)/probe.npz", "--set", "loss=half_sse", "--set", "dtype=float64",
                                      "--set", "rho=0.05", "--out", "OUT", "--quiet"])
        XCTAssertEqual(result.status, 0, result.output)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: harness.directory + "/OUT/probe.json"))) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(json["loss"] as? Double), 0.033283562047666575, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(json["grad_norm"] as? Double), 0.013786900352067777, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(json["sam_ascent_loss"] as? Double), 0.033929212363880905, accuracy: 1e-15)
        let perTensor = try XCTUnwrap(json["grad_norm_per_tensor"] as? [String: Double])
        XCTAssertEqual(perTensor.keys.sorted(), ["dense_0.bias", "dense_0.weight", "dense_1.bias", "dense_1.weight"])
        XCTAssertEqual(perTensor.values.map { $0 * $0 }.reduce(0, +).squareRoot(), 0.013786900352067777, accuracy: 1e-15)
        XCTAssertEqual((json["hvp"] as? [Double])?.count, 1210)
        let lanczos = try XCTUnwrap(json["lambda"] as? [Double]), dense = try XCTUnwrap(json["dense_top"] as? [Double])
        XCTAssertEqual(lanczos.count, 3)
        for (a, b) in zip(lanczos, dense) { XCTAssertEqual(a, b, accuracy: 1e-8 * abs(b)) }
        XCTAssertGreaterThan(dense[0], dense[1])
    }
}
