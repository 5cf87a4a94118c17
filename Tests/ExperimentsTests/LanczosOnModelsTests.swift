import XCTest
import Tensors
import Datasets
import NN
import Spectrum

/// Lanczos on exact HVPs of tiny networks equals the dense Hessian's LAPACK eigenvalues (Float64).
final class LanczosOnModelsTests: XCTestCase {
    private func check(_ model: any Model, inputs: Tensor, targets: Tensor) throws {
        let objective = Objective(model: model, loss: .mse, dtype: .float64)
        let w = model.initialParameters(seed: 3, dtype: .float64)
        let d = model.parameterCount
        let op = ClosureOperator(dimension: d, dtype: .float64) { v in
            try objective.hessianVectorProduct(parameters: w, inputs: inputs, targets: targets, vector: v)
        }
        let dense = try DenseSpectrum(of: op)
        XCTAssertLessThan(dense.asymmetry, 1e-10)
        let truth = Array(dense.eigen.values.reversed().prefix(3))
        let estimate = try Lanczos(k: 3, tolerance: 1e-10, seed: 1).eigenpairs(of: op)
        XCTAssertTrue(estimate.allConverged, "\(estimate)")
        for (a, b) in zip(estimate.eigenvalues, truth) { XCTAssertEqual(a, b, accuracy: 1e-6 * abs(b), "\(estimate.eigenvalues) vs \(truth)") }
    }

    func testTinyMLP() throws {
        let data = try SyntheticData.gaussianBlobs(count: 24, classes: 3, dimension: 5, seed: 2, dtype: .float64)
        try check(try MLP(inputSize: 5, hiddenSizes: [8], outputSize: 3, activation: .tanh), inputs: data.inputs, targets: data.targets)
    }

    func testTinyCNN() throws {
        var rng = RandomGenerator(seed: 4)
        let inputs = rng.normalTensor([6, 4, 4, 2], dtype: .float64)
        let labels = (0..<6).map { $0 % 3 }
        let targets = Dataset.oneHot(labels, classes: 3, dtype: .float64)
        try check(try CNN(height: 4, width: 4, inputChannels: 2, channels: [3], classes: 3), inputs: inputs, targets: targets)
    }
}
