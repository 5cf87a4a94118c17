import XCTest
@testable import Datasets

/// Broken files built in a temporary directory; every failure must name the file and what was expected.
final class CorruptInputTests: XCTestCase {
    func testSmallValidIDXFilesLoadGzippedOrNot() throws {
        let dir = try TemporaryDirectory()
        let images = try dir.write("mnist/t10k-images-idx3-ubyte.gz", gzipStored(idxImages(count: 4)))
        try dir.write("mnist/t10k-labels-idx1-ubyte", idxLabels([3, 1, 4, 1]))
        let data = try MNIST.load(split: .test, locator: DataLocator(dataDir: dir.path), scaling: .raw)
        XCTAssertEqual(data.inputs.shape, [4, 6])
        XCTAssertEqual(data.labels, [3, 1, 4, 1])
        XCTAssertEqual(Array(data.inputs.scalars.suffix(2)), [22, 23])
        let limited = try IDX.readImages(path: images, limit: 2)
        XCTAssertEqual([limited.declaredCount, limited.count, limited.pixels.count], [4, 2, 12])
        XCTAssertEqual(Array(limited.pixels.suffix(2)), [10, 11])
    }

    func testWrongMagicNumberNamesBothMagics() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("images", idxImages(count: 2, magic: 2049))
        assertDatasetError(try IDX.readImages(path: path),
                           contains: [path, "wrong magic number for IDX images", "expected 2051 (0x00000803)", "found 2049 (0x00000801)"])
        let labels = try dir.write("labels.gz", gzipStored(idxLabels([1], magic: 2051)))
        assertDatasetError(try IDX.readLabels(path: labels), contains: [labels, "expected 2049", "found 2051"])
    }

    func testTruncatedFilesReportExpectedAndActualSizes() throws {
        let dir = try TemporaryDirectory()
        let full = idxImages(count: 3)   // 16 + 3 · 6 = 34 bytes
        let path = try dir.write("short", Array(full.prefix(30)))
        assertDatasetError(try IDX.readImages(path: path),
                           contains: [path, "truncated IDX images", "expected 34 bytes", "found 30", "3 images × 2 × 3"])
        let long = try dir.write("long", full + [0])
        assertDatasetError(try IDX.readImages(path: long), contains: ["too long IDX images", "expected 34 bytes", "found 35"])
        let header = try dir.write("header", Array(full.prefix(10)))
        assertDatasetError(try IDX.readImages(path: header), contains: ["expected 16 bytes", "found 10"])
        let record = try dir.write("cifar/part.bin", [UInt8](repeating: 1, count: CIFAR10.recordSize + 100))
        assertDatasetError(try CIFAR10.load(paths: [record]),
                           contains: [record, "truncated CIFAR-10 binary records", "expected 6146 bytes", "found 3173", "1 records and 100 extra bytes"])
    }

    func testImageLabelCountMismatch() throws {
        let dir = try TemporaryDirectory()
        let images = try dir.write("i", idxImages(count: 3))
        let labels = try dir.write("l", idxLabels([1, 2]))
        assertDatasetError(try MNIST.load(imagesPath: images, labelsPath: labels),
                           contains: ["count mismatch", "\(images) holds 3 images", "\(labels) holds 2 labels"])
    }

    func testInvalidLabels() throws {
        let dir = try TemporaryDirectory()
        let images = try dir.write("i", idxImages(count: 2))
        let labels = try dir.write("l", idxLabels([1, 12]))
        assertDatasetError(try MNIST.load(imagesPath: images, labelsPath: labels), contains: [labels, "label 12 of example 1", "0..<10"])
        var record = [UInt8](repeating: 0, count: 2 * CIFAR10.recordSize)
        record[CIFAR10.recordSize] = 10
        let cifar = try dir.write("bad.bin", record)
        assertDatasetError(try CIFAR10.load(paths: [cifar]), contains: [cifar, "label 10 of example 1"])
    }

    func testCorruptAndTruncatedGzip() throws {
        let dir = try TemporaryDirectory()
        let real = try FileBytes.raw(starterDataDirectory + "/digits/digits.csv.gz")
        var damaged = real
        for i in 100..<140 { damaged[i] ^= 0x5A }
        let corrupt = try dir.write("digits/digits.csv.gz", damaged)
        assertDatasetError(try Digits.load(path: corrupt), contains: [corrupt, "corrupt compressed data: gzip stream:"])
        let cut = try dir.write("cut.gz", Array(real.prefix(real.count / 2)))
        assertDatasetError(try Digits.load(path: cut), contains: [cut, "corrupt compressed data", "the gzip stream ends early"])
        var badCRC = gzipStored(Array("abc".utf8))
        badCRC[badCRC.count - 8] ^= 1
        let crcPath = try dir.write("crc.gz", badCRC)
        assertDatasetError(try FileBytes.read(crcPath), contains: [crcPath, "incorrect data check"])
        let trailing = try dir.write("trailing.gz", gzipStored([1, 2]) + [0, 0, 0])
        assertDatasetError(try FileBytes.read(trailing), contains: ["3 unexpected bytes after the end"])
        let twoMembers = try dir.write("two.gz", gzipStored([1, 2]) + gzipStored([3]))
        XCTAssertEqual(try FileBytes.read(twoMembers), [1, 2, 3])
    }

    func testMissingFileListsEveryPathTried() throws {
        let dir = try TemporaryDirectory()
        assertDatasetError(try MNIST.load(split: .train, locator: DataLocator(dataDir: dir.path)),
                           contains: ["mnist: data file not found", "expected train-images-idx3-ubyte.gz or train-images-idx3-ubyte",
                                      "\(dir.path)/mnist/train-images-idx3-ubyte.gz", "\(dir.path)/MNIST/raw/train-images-idx3-ubyte",
                                      "\(dir.path)/train-images.idx3-ubyte", "SAMLAB_DATA"])
        assertDatasetError(try CIFAR10.load(split: .test, locator: DataLocator(dataDir: dir.path)),
                           contains: ["\(dir.path)/cifar10/test_batch.bin", "\(dir.path)/cifar-10-batches-bin/test_batch_first1000.bin"])
        // The official CIFAR-10 layout needs data_batch_2.bin once data_batch_1.bin is exhausted.
        try dir.write("cifar-10-batches-bin/data_batch_1.bin", [UInt8](repeating: 0, count: CIFAR10.recordSize))
        XCTAssertEqual(try CIFAR10.load(split: .train, limit: 1, locator: DataLocator(dataDir: dir.path)).count, 1)
        assertDatasetError(try CIFAR10.load(split: .train, limit: 2, locator: DataLocator(dataDir: dir.path)), contains: ["data_batch_2.bin"])
    }

    func testMalformedCSVNamesTheLine() throws {
        let dir = try TemporaryDirectory()
        let good = (0..<64).map { _ in "1" }.joined(separator: ",")
        let short = try dir.write("a.csv", Array("\(good),3\n1,2,3\n".utf8))
        assertDatasetError(try Digits.load(path: short), contains: ["\(short):2: malformed CSV line", "expected 65", "found 3"])
        let pixel = try dir.write("b.csv", Array("\(good),3\r\n\n\(good.dropLast()) x,1\n".utf8))
        assertDatasetError(try Digits.load(path: pixel), contains: ["\(pixel):3:", "pixel 64 is 'x'"])
        let label = try dir.write("c.csv", Array("\(good),11\n".utf8))
        assertDatasetError(try Digits.load(path: label), contains: ["\(label):1:", "label is '11'"])
        let fine = try Digits.load(path: try dir.write("d.csv", Array("\(good),3\r\n\n".utf8)), scaling: .raw)
        XCTAssertEqual(fine.labels, [3])
    }
}
