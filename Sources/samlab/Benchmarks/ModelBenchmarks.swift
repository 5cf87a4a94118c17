import Foundation
import NN
import Optimizers
import Spectrum
import Tensors

/// One of the paper's three models at paper size, with a synthetic batch of the paper's shapes, and the
/// four timed computations of `samlab bench`: loss+gradient, one SAM step (ρ = 0.1), one exact
/// Hessian-vector product, and a top-3 Lanczos run of exactly 20 Hessian-vector products.
///
/// `benchmarks/jax/bench.py` implements the same models, losses, shapes and computations in JAX; keep the
/// two in step (row names included: `benchmarks/compare.py` joins them by name).
///
/// Data are synthetic (fixed seed): images and MNIST vectors are standard normal, labels and tokens
/// uniform ids; the timings do not depend on the values. Parameters come from the model's own
/// initialisers (Glorot normal, embeddings truncated normal with std 0.02), as in training.
struct ModelBenchmark {
    /// The row-name prefix (`mlp`, `cnn`, `transformer`), also what `--filter` matches.
    var key: String
    var model: any Model
    var loss: Loss
    var inputs: Tensor
    var targets: Tensor
    /// Multiply-adds ×2 of the forward pass's GEMMs (convolutions as im2col GEMMs, attention included).
    var forwardGEMMFlops: Double
    /// FLOPs of the gradient's GEMMs (forward + both backward products, less the input's own gradient).
    var gradientGEMMFlops: Double

    /// Learning rate of the timed SAM step (the value does not change its cost).
    static let learningRate = 0.01
    /// SAM radius of the timed step.
    static let rho = 0.1
    /// Lanczos: top `k` eigenpairs from exactly `lanczosSteps` Hessian-vector products.
    static let lanczosK = 3
    static let lanczosSteps = 20

    /// The row names this benchmark produces, in order.
    var rowNames: [String] {
        [key + " loss+grad", key + " sam step", key + " hvp", key + " lanczos top-3 (20 hvp)"]
    }

    /// MNIST: MLP 784→1000→1000→1000→10, ReLU, mean squared error to one-hot targets, 1000 examples.
    static func mlp() throws -> ModelBenchmark {
        let model = try MLP(inputSize: 784, hiddenSizes: [1000, 1000, 1000], outputSize: 10)
        let n = 1000
        var rng = RandomGenerator(seed: 101)
        let widths = model.widths
        var forward = 0.0
        for i in 0..<(widths.count - 1) { forward += 2.0 * Double(n * widths[i] * widths[i + 1]) }
        return ModelBenchmark(key: "mlp", model: model, loss: .mse, inputs: rng.normalTensor([n, 784]),
                              targets: oneHot(randomIds(n, classes: 10, rng: &rng), classes: 10), forwardGEMMFlops: forward,
                              gradientGEMMFlops: 3 * forward - 2.0 * Double(n * widths[0] * widths[1]))
    }

    /// CIFAR-10: two blocks of [3×3 conv (16, 32) → ReLU → LayerNorm → 2×2 max-pool], dense to 10, mean
    /// squared error to one-hot targets, 1000 examples of 32×32×3.
    static func cnn() throws -> ModelBenchmark {
        let model = try CNN(height: 32, width: 32, inputChannels: 3, channels: [16, 32], classes: 10)
        let n = 1000
        var rng = RandomGenerator(seed: 102)
        // Convolutions: [N·32·32, 27]×[27, 16] and [N·16·16, 144]×[144, 32]; dense [N, 2048]×[2048, 10].
        let conv1 = 2.0 * Double(n * 32 * 32 * 27 * 16), conv2 = 2.0 * Double(n * 16 * 16 * 144 * 32)
        let dense = 2.0 * Double(n * model.flattenedFeatures * 10)
        return ModelBenchmark(key: "cnn", model: model, loss: .mse, inputs: rng.normalTensor([n, 32, 32, 3]),
                              targets: oneHot(randomIds(n, classes: 10, rng: &rng), classes: 10),
                              forwardGEMMFlops: conv1 + conv2 + dense, gradientGEMMFlops: 2 * conv1 + 3 * (conv2 + dense))
    }

    /// tiny_shakespeare: Transformer (6 layers, 8 heads × 32, d 128, seq 64, vocab 65), cross-entropy
    /// averaged over the 128×64 positions of one minibatch.
    static func transformer() throws -> ModelBenchmark {
        let model = try Transformer(vocabularySize: 65, sequenceLength: 64, layers: 6, heads: 8, keySize: 32, modelSize: 128)
        let b = 128, t = 64, v = 65
        var rng = RandomGenerator(seed: 103)
        let rows = Double(b * t), d = 128.0, hk = 256.0
        let perLayer = 2 * rows * (3 * d * hk + hk * d + 2 * d * 4 * d) + 2 * 2 * Double(b * 8) * Double(t * t) * 32
        let forward = 6 * perLayer + 2 * rows * d * Double(v)
        return ModelBenchmark(key: "transformer", model: model, loss: .crossEntropy,
                              inputs: ids(randomIds(b * t, classes: v, rng: &rng), shape: [b, t]),
                              targets: ids(randomIds(b * t, classes: v, rng: &rng), shape: [b, t]),
                              forwardGEMMFlops: forward, gradientGEMMFlops: 3 * forward)
    }

    static let all: [() throws -> ModelBenchmark] = [mlp, cnn, transformer]
    static let keys = ["mlp", "cnn", "transformer"]

    /// Runs the wanted ones of the four computations, timing each with `suite.time`, and records their rows.
    func run(suite: BenchmarkSuite, record: (BenchmarkRow) -> Void) throws {
        let objective = Objective(model: model, loss: loss, dtype: .float32)
        let d = model.parameterCount
        let w0 = model.initialParameters(seed: 0)
        var gradient = Tensor(zeros: [d])
        let names = rowNames
        let describe = "\(model), \(loss.rawValue) on \(describeShape(inputs.shape))"
        var gradientTime: Double?

        if suite.wanted(names[0]) {
            let t = try suite.time { _ = try objective.valueAndGradient(parameters: w0, inputs: inputs, targets: targets, into: &gradient) }
            gradientTime = t
            record(BenchmarkRow(name: names[0], medianSeconds: t, gflops: gradientGEMMFlops / t / 1e9,
                                note: String(format: "%@; %.2f GFLOP in GEMMs", describe, gradientGEMMFlops / 1e9)))
        }
        if suite.wanted(names[1]) {
            let optimizer = Optimizer(try OptimizerConfiguration(learningRate: Self.learningRate, ascent: .sam, rho: Self.rho))
            let oracle = ClosureGradientOracle { w, g in
                try objective.valueAndGradient(parameters: w, inputs: inputs, targets: targets, into: &g)
            }
            var w = w0
            let t = try suite.time { _ = try optimizer.step(&w, oracle: oracle) }
            record(BenchmarkRow(name: names[1], medianSeconds: t, gflops: 2 * gradientGEMMFlops / t / 1e9,
                                note: String(format: "two gradients + update, rho %.1f, lr %.2f", Self.rho, Self.learningRate)))
        }
        if suite.wanted(names[2]) {
            var rng = RandomGenerator(seed: 7)
            let v = rng.normalTensor([d])
            var hv = Tensor(zeros: [d])
            let t = try suite.time { try objective.hessianVectorProduct(parameters: w0, inputs: inputs, targets: targets, vector: v, into: &hv) }
            record(BenchmarkRow(name: names[2], medianSeconds: t, gflops: nil,
                                note: "exact forward-over-reverse" + (gradientTime.map { String(format: "; %.2fx the gradient", t / $0) } ?? "")))
        }
        if suite.wanted(names[3]) {
            let op = ClosureOperator(dimension: d, dtype: .float32) { v in
                try objective.hessianVectorProduct(parameters: w0, inputs: inputs, targets: targets, vector: v)
            }
            // A tolerance far below float32 rounding and no multiplicity probe: the run stops only when the
            // basis reaches 20 vectors, i.e. after exactly 20 products (checked below).
            let lanczos = Lanczos(k: Self.lanczosK, tolerance: 1e-10, maxKrylovDimension: Self.lanczosSteps, seed: 0,
                                  checksMultiplicity: false)
            var estimate: EigenEstimate?
            let t = try suite.time { estimate = try lanczos.eigenpairs(of: op) }
            let e = estimate!
            let values = e.eigenvalues.map { String(format: "%.4g", $0) }.joined(separator: ", ")
            record(BenchmarkRow(name: names[3], medianSeconds: t, gflops: nil,
                                note: "\(e.operatorApplications) HVPs, full re-orthogonalisation; top-3 Ritz values \(values)"))
        }
    }

    private static func randomIds(_ count: Int, classes: Int, rng: inout RandomGenerator) -> [Int] {
        (0..<count).map { _ in Int(rng.next() % UInt64(classes)) }
    }

    private static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
        var t = Tensor(zeros: [labels.count, classes])
        for (i, c) in labels.enumerated() { t.setScalar(1, at: i * classes + c) }
        return t
    }

    private static func ids(_ values: [Int], shape: [Int]) -> Tensor {
        try! Tensor(shape: shape, scalars: values.map(Double.init))
    }
}
