import Foundation
import NN
import Tensors
import XCTest

/// Timings of the paper-sized models in Float32, for reports; never a pass/fail criterion. Skipped unless
/// `SAMLAB_NN_TIMINGS=1`; meant for a release build:
/// `SAMLAB_NN_TIMINGS=1 swift test -c release --filter PaperScaleTimings`. The CNN and the Transformer are
/// evaluated in chunks (``Objective/chunkSize``) to bound memory; `SAMLAB_NN_CHUNKS=0,250,100` times other
/// chunk sizes (0 = whole batch), and `SAMLAB_NN_TIMINGS_DRY=1` only prints the program buffer sizes.
final class PaperScaleTimings: XCTestCase {
    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["SAMLAB_NN_TIMINGS"] == "1" else { throw XCTSkip("set SAMLAB_NN_TIMINGS=1 to time the paper models") }
    }

    /// Chunk sizes to time, from `SAMLAB_NN_CHUNKS` (comma-separated; 0 = whole batch), else `defaults`.
    private func chunkSizes(_ defaults: [Int?]) -> [Int?] {
        guard let list = ProcessInfo.processInfo.environment["SAMLAB_NN_CHUNKS"] else { return defaults }
        return list.split(separator: ",").compactMap { Int($0) }.map { $0 == 0 ? nil : $0 }
    }

    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func median(_ repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<repetitions { samples.append(try seconds(body)) }
        return samples.sorted()[samples.count / 2]
    }

    private func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS") }) else { return .nan }
        return Double(line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) / 1024
    }

    private func report(_ name: String, model: any Model, loss: Loss, inputs: Tensor, targets: Tensor, chunkSize: Int? = nil, repetitions: Int = 3) throws {
        let chunk = min(chunkSize ?? inputs.shape[0], inputs.shape[0])
        let objective = Objective(model: model, loss: loss, chunkSize: chunkSize)
        var buffers = (gradient: 0, hessianVectorProduct: 0)
        let tracing = try seconds { buffers = try objective.estimatedBufferBytes(inputShape: [chunk] + inputs.shape.dropFirst(), targetShape: [chunk] + targets.shape.dropFirst()) }
        print(String(format: "%@, chunks of %d: program buffers: gradient %.0f MB, HVP %.0f MB (tracing value, gradient and HVP graphs: %.2f s)",
                     name, chunk, Double(buffers.gradient) / 1e6, Double(buffers.hessianVectorProduct) / 1e6, tracing))
        if ProcessInfo.processInfo.environment["SAMLAB_NN_TIMINGS_DRY"] == "1" { return }
        let w = model.initialParameters(seed: 0)
        var g = Tensor(zeros: [w.count]), hv = Tensor(zeros: [w.count])
        var rng = RandomGenerator(seed: 1)
        let v = rng.normalTensor([w.count])
        var value = 0.0
        let firstGradient = try seconds { value = try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets, into: &g) }
        let gradient = try median(repetitions) { _ = try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets, into: &g) }
        let firstHVP = try seconds { try objective.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v, into: &hv) }
        let hvp = try median(repetitions) { try objective.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v, into: &hv) }
        let nodes = try objective.function(inputShape: [chunk] + inputs.shape.dropFirst(), targetShape: [chunk] + targets.shape.dropFirst()).graph.nodes.count
        print(String(format: "%@, chunks of %d: %@\n  initial loss %.4f; loss+grad %.3f s (first call %.3f s); HVP %.3f s (first call %.3f s, %.2fx grad); graph %d nodes; RSS %.0f MB; |g| %.3g, |Hv| %.3g",
                     name, chunk, model.description, value, gradient, firstGradient, hvp, firstHVP, hvp / gradient, nodes, residentMegabytes(), g.norm, hv.norm))
        XCTAssertTrue(g.isFinite && hv.isFinite)
    }

    func testSgemmReference() throws {
        var rng = RandomGenerator(seed: 0)
        let a = rng.normalTensor([2000, 2000]), b = rng.normalTensor([2000, 2000])
        var c = Tensor(zeros: [2000, 2000])
        try Tensor.matmul(a, b, into: &c)
        let t = try median(5) { try Tensor.matmul(a, b, into: &c) }
        print(String(format: "sgemm 2000³ via Tensor.matmul: %.3f s, %.1f GFLOP/s (OpenBLAS core %@, %d threads)", t, 16 / t, BLAS.coreName, BLAS.threadCount))
    }

    func testMLP() throws {
        let model = try MLP(inputSize: 784, hiddenSizes: [1000, 1000, 1000], outputSize: 10)
        var rng = RandomGenerator(seed: 2)
        let labels = (0..<1000).map { _ in Int(rng.next() % 10) }
        var targets = Tensor(zeros: [1000, 10])
        for (i, l) in labels.enumerated() { targets.setScalar(1, at: i * 10 + l) }
        try report("(a) MLP, 1000 examples, mse", model: model, loss: .mse, inputs: rng.normalTensor([1000, 784]), targets: targets)
    }

    func testCNN() throws {
        let model = try CNN()
        var rng = RandomGenerator(seed: 3)
        var targets = Tensor(zeros: [1000, 10])
        for i in 0..<1000 { targets.setScalar(1, at: i * 10 + Int(rng.next() % 10)) }
        let inputs = rng.normalTensor([1000, 32, 32, 3])
        for chunk in chunkSizes([100]) {
            try report("(b) CNN, 1000 CIFAR-shaped examples, mse", model: model, loss: .mse, inputs: inputs, targets: targets, chunkSize: chunk)
        }
    }

    func testTransformer() throws {
        let model = try Transformer(vocabularySize: 65)
        var rng = RandomGenerator(seed: 4)
        let ids = { Tensor((0..<(128 * 64)).map { _ in Float(rng.next() % 65) }, shape: [128, 64]) }
        let (inputs, targets) = (ids(), ids())
        for chunk in chunkSizes([16]) {
            try report("(c) Transformer, batch 128×64, cross-entropy", model: model, loss: .crossEntropy, inputs: inputs, targets: targets, chunkSize: chunk, repetitions: 2)
        }
    }
}
