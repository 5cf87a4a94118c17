import XCTest
import Tensors
@testable import Datasets

final class DatasetTests: XCTestCase {
    private func tiny() throws -> Dataset {
        let inputs = try Tensor(shape: [4, 2], scalars: [1, 10, 2, 20, 3, 30, 6, 60])
        return try Dataset(name: "tiny", inputs: inputs, labels: [0, 2, 1, 2], numClasses: 3)
    }

    func testOneHotTargetsSubsetsAndBatches() throws {
        let data = try tiny()
        XCTAssertEqual(data.targets.shape, [4, 3])
        XCTAssertEqual(data.targets.scalars, [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1])
        XCTAssertEqual(data.classCounts, [1, 1, 2])
        let first = try data.subset(first: 2)
        XCTAssertEqual(first.labels, [0, 2])
        XCTAssertEqual(first.inputs.scalars, [1, 10, 2, 20])
        let batch = try data.batch(indices: [3, 0, 3])
        XCTAssertEqual(batch.labels, [2, 0, 2])
        XCTAssertEqual(batch.inputs.scalars, [6, 60, 1, 10, 6, 60])
        XCTAssertEqual(batch.targets.scalars, [0, 0, 1, 1, 0, 0, 0, 0, 1])
        let sampled = try data.subset(sampled: 3, seed: 9)
        XCTAssertEqual(sampled.labels, try data.subset(sampled: 3, seed: 9).labels)
        XCTAssertEqual(sampled.count, 3)
        XCTAssertEqual(data.converted(to: .float64).targets.dtype, .float64)
        XCTAssertEqual(try data.reshaped(featureShape: [1, 2, 1]).inputs.shape, [4, 1, 2, 1])
        XCTAssertEqual(try data.reshaped(featureShape: [1, 2, 1]).flattened().inputs.shape, [4, 2])
        assertDatasetError(try data.subset(first: 5), contains: ["tiny", "first 5 of 4"])
        assertDatasetError(try data.batch(indices: [4]), contains: ["index 4 is outside 0..<4"])
        assertDatasetError(try Dataset(name: "bad", inputs: data.inputs, labels: [0, 1, 2, 3], numClasses: 3), contains: ["label 3 of example 3"])
    }

    func testCentringUsesTheTrainingMean() throws {
        let train = try tiny()
        XCTAssertEqual(train.mean.shape, [2])
        XCTAssertEqual(train.mean.scalars, [3, 30])
        let centred = train.centered()
        XCTAssertEqual(centred.inputs.scalars, [-2, -20, -1, -10, 0, 0, 3, 30])
        XCTAssertEqual(centred.mean.scalars, [0, 0])
        let test = try Dataset(name: "test", inputs: try Tensor(shape: [1, 2], scalars: [3, 31]), labels: [1], numClasses: 3)
        XCTAssertEqual(try test.centered(using: train.mean).inputs.scalars, [0, 1])
        XCTAssertEqual(test.centered().inputs.scalars, [0, 0], "its own mean would erase the test shift")
        assertDatasetError(try test.centered(using: Tensor([Float(1)])), contains: ["mean has shape [1]", "2 features"])
    }

    func testScalingAndStandardisation() throws {
        let data = try tiny()
        XCTAssertEqual(data.scaled(by: 0.5).inputs.scalars, [0.5, 5, 1, 10, 1.5, 15, 3, 30])
        let std = data.standardDeviation.scalars
        XCTAssertEqual(std[0], (14.0 / 4).squareRoot(), accuracy: 1e-6)
        let z = data.standardized()
        XCTAssertEqual(z.mean.scalars[0], 0, accuracy: 1e-6)
        XCTAssertEqual(z.standardDeviation.scalars[1], 1, accuracy: 1e-6)
        let constant = try Dataset(name: "c", inputs: Tensor(repeating: 5, shape: [3, 1]), labels: [0, 0, 0], numClasses: 1)
        XCTAssertEqual(constant.standardized().inputs.scalars, [0, 0, 0], "constant features are centred, not divided by 0")
    }

    func testSeededSyntheticData() throws {
        let a = try SyntheticData.gaussianBlobs(count: 30, classes: 3, dimension: 2, clusterStd: 0.01, seed: 5)
        let b = try SyntheticData.gaussianBlobs(count: 30, classes: 3, dimension: 2, clusterStd: 0.01, seed: 5)
        XCTAssertEqual(a.inputs.scalars, b.inputs.scalars)
        XCTAssertEqual(a.classCounts, [10, 10, 10])
        XCTAssertNotEqual(a.labels, try SyntheticData.gaussianBlobs(count: 30, classes: 3, dimension: 2, seed: 6).labels)
        let (data, teacher) = try SyntheticData.linearRegression(count: 50, inputDimension: 3, outputDimension: 2, noiseStd: 0, seed: 2, dtype: .float64)
        XCTAssertEqual(data.targets.shape, [50, 2])
        let predicted = try Tensor.matmul(data.inputs, teacher)
        for (p, y) in zip(predicted.scalars, data.targets.scalars) { XCTAssertEqual(p, y, accuracy: 1e-12) }
    }
}
