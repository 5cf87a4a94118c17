import NN
import Tensors
import XCTest

/// Initialiser statistics against their JAX definitions, fans, the scale factor, and seeding.
final class InitializerTests: XCTestCase {
    private func statistics(_ t: Tensor) -> (mean: Double, std: Double, maxAbs: Double) {
        let v = t.scalars
        let mean = v.reduce(0, +) / Double(v.count)
        let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)
        return (mean, variance.squareRoot(), v.map(abs).max()!)
    }

    private func sample(_ initializer: Initializer, _ shape: [Int], fanIn: Int, fanOut: Int) -> Tensor {
        var rng = RandomGenerator(seed: 7)
        return initializer.sample(shape, fanIn: fanIn, fanOut: fanOut, dtype: .float32, rng: &rng)
    }

    func testVarianceScalingStandardDeviationsAndBounds() {
        let cases: [(Initializer, Double)] = [
            (.glorotNormal(), (2.0 / 1500).squareRoot()),
            (.glorotUniform(), (2.0 / 1500).squareRoot()),
            (.heNormal(), (2.0 / 500).squareRoot()),
            (.lecunNormal(), (1.0 / 500).squareRoot()),
            (.glorotNormal(scale: 0.8), 0.8 * (2.0 / 1500).squareRoot()),
        ]
        for (initializer, std) in cases {
            let s = statistics(sample(initializer, [500, 1000], fanIn: 500, fanOut: 1000))
            XCTAssertEqual(s.std, std, accuracy: 0.01 * std, "\(initializer)")
            XCTAssertEqual(s.mean, 0, accuracy: 0.01 * std, "\(initializer)")
            if case .varianceScaling(_, _, .uniform) = initializer.kind {
                XCTAssertLessThanOrEqual(s.maxAbs, 3.0.squareRoot() * std * (1 + 1e-6))
                XCTAssertGreaterThan(s.maxAbs, 0.99 * 3.0.squareRoot() * std)
            } else {
                // JAX's truncated normal: ±2 standard deviations of the untruncated normal.
                let bound = 2 * std / Initializer.truncatedNormalStd
                XCTAssertLessThanOrEqual(s.maxAbs, bound * (1 + 1e-6), "\(initializer)")
                XCTAssertGreaterThan(s.maxAbs, 0.99 * bound, "\(initializer)")
            }
        }
        let haiku = statistics(sample(.truncatedNormal(std: 0.02), [1000, 500], fanIn: 1, fanOut: 1))
        XCTAssertEqual(haiku.std, 0.02 * Initializer.truncatedNormalStd, accuracy: 2e-4)
        XCTAssertEqual(Initializer.glorotNormal(scale: 0.9).description, "glorot_normal(scale: 0.9)")
        XCTAssertEqual(Initializer.heNormal().description, "he_normal")
    }

    func testConvolutionFansAndConstantInitialisers() throws {
        let cnn = try CNN(weightInitializer: .glorotNormal(scale: 0.8))
        let kernel = cnn.parameterSpecs[4]
        XCTAssertEqual(kernel.name, "conv_1.kernel")
        XCTAssertEqual(kernel.fanIn, 3 * 3 * 16)
        XCTAssertEqual(kernel.fanOut, 3 * 3 * 32)
        let values = try cnn.layout.unflatten(cnn.initialParameters(seed: 0))
        let expected = 0.8 * (2.0 / Double(9 * 16 + 9 * 32)).squareRoot()
        XCTAssertEqual(statistics(values[4]).std, expected, accuracy: 0.03 * expected)
        // Biases stay zero and LayerNorm gains one, whatever the scale.
        XCTAssertEqual(values[1].scalars, [Double](repeating: 0, count: 16))
        XCTAssertEqual(values[2].scalars, [Double](repeating: 1, count: 16))
        XCTAssertEqual(values[3].scalars, [Double](repeating: 0, count: 16))
    }

    func testSeeding() throws {
        let model = try MLP(inputSize: 5, hiddenSizes: [4], outputSize: 3)
        XCTAssertEqual(model.initialParameters(seed: 3).scalars, model.initialParameters(seed: 3).scalars)
        XCTAssertNotEqual(model.initialParameters(seed: 3).scalars, model.initialParameters(seed: 4).scalars)
        XCTAssertEqual(model.initialParameters(seed: 3, dtype: .float64).floats, model.initialParameters(seed: 3).floats)
        // Each tensor draws from its own stream: an extra layer leaves the first layer's weights unchanged,
        // and tensors of equal shape within a model differ.
        let deeper = try MLP(inputSize: 5, hiddenSizes: [4, 6], outputSize: 3)
        let first = try model.layout.unflatten(model.initialParameters(seed: 3))[0]
        let firstDeeper = try deeper.layout.unflatten(deeper.initialParameters(seed: 3))[0]
        XCTAssertEqual(first.scalars, firstDeeper.scalars)
        let square = try MLP(inputSize: 4, hiddenSizes: [4], outputSize: 4)
        let tensors = try square.layout.unflatten(square.initialParameters(seed: 0))
        XCTAssertNotEqual(tensors[0].scalars, tensors[2].scalars)
    }
}
