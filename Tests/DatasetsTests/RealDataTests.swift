import XCTest
import Tensors
@testable import Datasets

/// Checks against the starter data (`examples/data`, real subsets: the first 2000 + 1000 MNIST images, the
/// first 1000 + 500 CIFAR-10 records), with the values published for the full files (first labels, pixels)
/// and, for the subsets, class counts and means computed from the raw bytes by an independent reader
/// (Python's gzip module).
final class RealDataTests: XCTestCase {
    func testMNISTTestSplitShapesAndLabels() throws {
        let test = try MNIST.load(split: .test, locator: starterData)
        XCTAssertEqual(test.inputs.shape, [1000, 784])
        XCTAssertEqual(test.targets.shape, [1000, 10])
        XCTAssertEqual(Array(test.labels.prefix(10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        XCTAssertEqual(test.classCounts, [85, 126, 116, 107, 110, 87, 87, 99, 89, 94])
        XCTAssertEqual(test.inputs.scalars.max(), 1)
        XCTAssertEqual(test.name, "mnist-test")
    }

    func testMNISTTrainPrefixAndImageLayout() throws {
        let train = try MNIST.load(split: .train, limit: 10, locator: starterData, layout: .nhwc, scaling: .raw)
        XCTAssertEqual(train.inputs.shape, [10, 28, 28, 1])
        XCTAssertEqual(train.labels, [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        XCTAssertEqual(try train.targets.slice(rows: 0..<1).scalars, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0])
        let flat = try MNIST.load(split: .train, limit: 10, locator: starterData, scaling: .raw)
        XCTAssertEqual(flat.inputs.scalars, train.inputs.scalars)
    }

    /// The whole starter training split: 2000 × 784, class counts and mean pixel 33.1954 (the full set's
    /// is 33.318); the test split centred with the *training* mean keeps its own offset.
    func testMNISTTrainSplitAndCentringWithTheTrainMean() throws {
        let train = try MNIST.load(split: .train, locator: starterData)
        XCTAssertEqual(train.inputs.shape, [2000, 784])
        XCTAssertEqual(Array(train.labels.prefix(10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        XCTAssertEqual(train.classCounts, [191, 220, 198, 191, 214, 180, 200, 224, 172, 210])
        let trainMean = train.mean
        XCTAssertEqual(trainMean.shape, [784])
        XCTAssertEqual(trainMean.scalars.reduce(0, +) / 784, 33.1954 / 255, accuracy: 0.0005 / 255)
        let test = try MNIST.load(split: .test, limit: 1000, locator: starterData)
        let centred = try test.centered(using: trainMean)
        let shift = zip(test.mean.scalars, trainMean.scalars).map { $0 - $1 }
        for (got, want) in zip(centred.mean.scalars, shift) { XCTAssertEqual(got, want, accuracy: 1e-5) }
    }

    func testCIFARFirstThousandTrainingExamples() throws {
        let train = try CIFAR10.load(split: .train, limit: 1000, locator: starterData, scaling: .raw)
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
        let test = try CIFAR10.load(split: .test, locator: starterData, layout: .flat)
        XCTAssertEqual(test.inputs.shape, [500, 3072])
        XCTAssertEqual(Array(test.labels.prefix(10)), [3, 8, 8, 0, 6, 6, 1, 6, 3, 1])
        XCTAssertEqual(test.classCounts, [57, 41, 51, 49, 40, 48, 54, 47, 57, 56])
        XCTAssertEqual(Array(test.inputs.scalars.prefix(6)).map { ($0 * 255).rounded() }, [158, 112, 49, 159, 111, 47])
    }

    func testDigitsRowsAndClassCounts() throws {
        let digits = try Digits.load(locator: starterData)
        XCTAssertEqual(digits.inputs.shape, [1797, 64])
        XCTAssertEqual(digits.classCounts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        XCTAssertEqual(digits.inputs.scalars.max(), 1)
        let raw = try Digits.load(limit: 1, locator: starterData, layout: .nhwc, scaling: .raw)
        XCTAssertEqual(raw.inputs.shape, [1, 8, 8, 1])
        XCTAssertEqual(Array(raw.inputs.scalars.prefix(8)), [0, 0, 5, 13, 9, 1, 0, 0])
        XCTAssertEqual(raw.labels, [0])
    }

    /// A `limit` beyond what the starter data holds names the folder, the count and `samlab data fetch`,
    /// instead of silently training on fewer examples.
    func testLimitBeyondTheStarterDataSaysSoAndHowToGetMore() {
        assertDatasetError(try MNIST.load(split: .train, limit: 2001, locator: starterData),
                           contains: ["asked for 2001", starterDataDirectory + "/mnist", "holds only 2000", "samlab data fetch mnist", "60000"])
        assertDatasetError(try CIFAR10.load(split: .test, limit: 501, locator: starterData),
                           contains: ["asked for 501", starterDataDirectory + "/cifar10/test_batch_first500.bin", "only 500", "samlab data fetch cifar10"])
        assertDatasetError(try Digits.load(limit: 1798, locator: starterData), contains: ["asked for 1798", "only 1797", "the whole data set"])
        XCTAssertEqual(try MNIST.load(split: .train, limit: 2000, locator: starterData).count, 2000)
    }
}
