import XCTest
import Tensors
@testable import Datasets

/// Checks against the real files in `shared/data`, with the values published for them (shared/data/README.md).
final class RealDataTests: XCTestCase {
    func testMNISTTestSplitShapesAndLabels() throws {
        let test = try MNIST.load(split: .test, dataDir: sharedDataDirectory)
        XCTAssertEqual(test.inputs.shape, [10000, 784])
        XCTAssertEqual(test.targets.shape, [10000, 10])
        XCTAssertEqual(Array(test.labels.prefix(10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        XCTAssertEqual(test.classCounts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        XCTAssertEqual(test.inputs.scalars.max(), 1)
        XCTAssertEqual(test.name, "mnist-test")
    }

    func testMNISTTrainPrefixAndImageLayout() throws {
        let train = try MNIST.load(split: .train, limit: 10, dataDir: sharedDataDirectory, layout: .nhwc, scaling: .raw)
        XCTAssertEqual(train.inputs.shape, [10, 28, 28, 1])
        XCTAssertEqual(train.labels, [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        XCTAssertEqual(try train.targets.slice(rows: 0..<1).scalars, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0])
        let flat = try MNIST.load(split: .train, limit: 10, dataDir: sharedDataDirectory, scaling: .raw)
        XCTAssertEqual(flat.inputs.scalars, train.inputs.scalars)
    }

    /// The whole training set: 60000 × 784, the published labels, class counts and mean pixel 33.318
    /// (= 0.1307 · 255); the test split centred with the *training* mean keeps its own offset.
    func testMNISTTrainFullAndCentringWithTheTrainMean() throws {
        let train = try MNIST.load(split: .train, dataDir: sharedDataDirectory)
        XCTAssertEqual(train.inputs.shape, [60000, 784])
        XCTAssertEqual(Array(train.labels.prefix(10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        XCTAssertEqual(train.classCounts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        let trainMean = train.mean
        XCTAssertEqual(trainMean.shape, [784])
        XCTAssertEqual(trainMean.scalars.reduce(0, +) / 784, 33.318 / 255, accuracy: 0.0005 / 255)
        let test = try MNIST.load(split: .test, limit: 2000, dataDir: sharedDataDirectory)
        let centred = try test.centered(using: trainMean)
        let shift = zip(test.mean.scalars, trainMean.scalars).map { $0 - $1 }
        for (got, want) in zip(centred.mean.scalars, shift) { XCTAssertEqual(got, want, accuracy: 1e-5) }
    }

    func testCIFARFirstThousandTrainingExamples() throws {
        let train = try CIFAR10.load(split: .train, limit: 1000, dataDir: sharedDataDirectory, scaling: .raw)
        XCTAssertEqual(train.inputs.shape, [1000, 32, 32, 3])
        XCTAssertEqual(Array(train.labels.prefix(10)), [6, 9, 9, 4, 1, 1, 2, 7, 8, 3])
        XCTAssertEqual(train.classCounts, [102, 112, 99, 92, 99, 85, 107, 102, 99, 103])
        // NHWC: red channel (c = 0) of image 0, row 0, columns 0-5; then green and blue of pixel (0, 0).
        let red = try (0..<6).map { w in train.inputs.scalar(at: try train.inputs.offset(of: [0, 0, w, 0])) }
        XCTAssertEqual(red, [59, 43, 50, 68, 98, 119])
        XCTAssertEqual(try train.inputs.scalar(at: train.inputs.offset(of: [0, 0, 0, 1])), 62)
        XCTAssertEqual(try train.inputs.scalar(at: train.inputs.offset(of: [0, 0, 0, 2])), 63)
        XCTAssertEqual(try train.inputs.scalar(at: train.inputs.offset(of: [0, 1, 1, 0])), 0)
    }

    func testCIFARTestSplitAndFlatLayout() throws {
        let test = try CIFAR10.load(split: .test, dataDir: sharedDataDirectory, layout: .flat)
        XCTAssertEqual(test.inputs.shape, [1000, 3072])
        XCTAssertEqual(Array(test.labels.prefix(10)), [3, 8, 8, 0, 6, 6, 1, 6, 3, 1])
        XCTAssertEqual(Array(test.inputs.scalars.prefix(6)).map { ($0 * 255).rounded() }, [158, 112, 49, 159, 111, 47])
    }

    func testDigitsRowsAndClassCounts() throws {
        let digits = try Digits.load(dataDir: sharedDataDirectory)
        XCTAssertEqual(digits.inputs.shape, [1797, 64])
        XCTAssertEqual(digits.classCounts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        XCTAssertEqual(digits.inputs.scalars.max(), 1)
        let raw = try Digits.load(limit: 1, dataDir: sharedDataDirectory, layout: .nhwc, scaling: .raw)
        XCTAssertEqual(raw.inputs.shape, [1, 8, 8, 1])
        XCTAssertEqual(Array(raw.inputs.scalars.prefix(8)), [0, 0, 5, 13, 9, 1, 0, 0])
        XCTAssertEqual(raw.labels, [0])
    }
}
