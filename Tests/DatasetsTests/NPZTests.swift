import Foundation
import XCTest
import Tensors
@testable import Datasets

final class NPZTests: XCTestCase {
    /// Written by `numpy.savez_compressed` (NumPy 2.4): deflate entries, zip64 local headers; arrays
    /// x = arange(12, float32).reshape(3, 2, 2) / 4, y = [2, 0, 1] (int64), p = [[1, 255], [7, 0]] (uint8),
    /// i = [-5, 70000] (int32), d = [0.1, -2.5e300] (float64).
    static let numpyCompressed = """
    UEsDBC0AAAAIAAAAIQDyZ6HR//////////8FABQAeC5ucHkBABAAsAAAAAAAAABpAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqKuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GsY6CkZApKmjUKtAHuBiAIMGOyBhz8DgAMQNQLwAiA8A8QMgZnBgYBAAYgUgNnAAAFBLAwQtAAAACAAAACEAihrOE///////////BQAUAHkubnB5AQAQAJgAAAAAAAAASgAAAAAAAACb7BfqGxDJyFDGUK2eklqcXKRupaBuk2mhrqOgnpZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RrGOpo6CrUKFAAuJgZUwAilAVBLAwQtAAAACAAAACEAHL5FNf//////////BQAUAHAubnB5AQAQAIQAAAAAAAAASgAAAAAAAACb7BfqGxDJyFDGUK2eklqcXKRupaBeU2qorqOgnpZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RpGOgpGmjoKtQpkAy7G/+wMAFBLAwQtAAAACAAAACEA6EdeOv//////////BQAUAGkubnB5AQAQAIgAAAAAAAAATQAAAAAAAACb7BfqGxDJyFDGUK2eklqcXKRupaBuk2mirqOgnpZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RpGOpo6CrUKFACu3////y8QZGQAAFBLAwQtAAAACAAAACEAjY7Krv//////////BQAUAGQubnB5AQAQAJAAAAAAAAAAUwAAAAAAAACb7BfqGxDJyFDGUK2eklqcXKRupaBuk2ahrqOgnpZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RpGOpo6CrUKFACuWTNBYKc982SGVd53ff8BAFBLAQItAy0AAAAIAAAAIQDyZ6HRaQAAALAAAAAFAAAAAAAAAAAAAACAAQAAAAB4Lm5weVBLAQItAy0AAAAIAAAAIQCKGs4TSgAAAJgAAAAFAAAAAAAAAAAAAACAAaAAAAB5Lm5weVBLAQItAy0AAAAIAAAAIQAcvkU1SgAAAIQAAAAFAAAAAAAAAAAAAACAASEBAABwLm5weVBLAQItAy0AAAAIAAAAIQDoR146TQAAAIgAAAAFAAAAAAAAAAAAAACAAaIBAABpLm5weVBLAQItAy0AAAAIAAAAIQCNjsquUwAAAJAAAAAFAAAAAAAAAAAAAACAASYCAABkLm5weVBLBQYAAAAABQAFAP8AAACwAgAAAAA=
    """

    /// Written by `numpy.savez` (stored entries): x = ones((2, 2), '>f4') (big-endian), y = [1, 0].
    static let numpyBigEndian = """
    UEsDBC0AAAAAAAAAIQDUq7Ia//////////8FABQAeC5ucHkBABAAkAAAAAAAAACQAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJz5mNCcsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCAyKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKP4AAAD+AAAA/gAAAP4AAAFBLAwQtAAAAAAAAACEAcfs5q///////////BQAUAHkubnB5AQAQAJAAAAAAAAAAkAAAAAAAAACTTlVNUFkBAHYAeydkZXNjcic6ICc8aTgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCgEAAAAAAAAAAAAAAAAAAABQSwECLQMtAAAAAAAAACEA1KuyGpAAAACQAAAABQAAAAAAAAAAAAAAgAEAAAAAeC5ucHlQSwECLQMtAAAAAAAAACEAcfs5q5AAAACQAAAABQAAAAAAAAAAAAAAgAHHAAAAeS5ucHlQSwUGAAAAAAIAAgBmAAAAjgEAAAAA
    """

    private func fixture(_ base64: String, in dir: TemporaryDirectory, name: String) throws -> String {
        try dir.write(name, Array(Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines))!))
    }

    func testReadsNumPyDeflateArchiveOfEveryDType() throws {
        let dir = try TemporaryDirectory()
        let archive = try NPZArchive.read(path: fixture(Self.numpyCompressed, in: dir, name: "np.npz"))
        XCTAssertEqual(archive.names, ["x", "y", "p", "i", "d"])
        let x = try archive.array("x")
        XCTAssertEqual(x.shape, [3, 2, 2])
        XCTAssertEqual(x.elementType, .float32)
        XCTAssertEqual(x.doubles, (0..<12).map { Double($0) / 4 })
        XCTAssertEqual(try archive.array("y").doubles, [2, 0, 1])
        XCTAssertEqual(try archive.array("p").doubles, [1, 255, 7, 0])
        XCTAssertEqual(try archive.array("p").elementType, .uint8)
        XCTAssertEqual(try archive.array("i").doubles, [-5, 70000])
        XCTAssertEqual(try archive.array("d").doubles, [0.1, -2.5e300])
        assertDatasetError(try archive.array("z"), contains: ["no array 'z'", "x, y, p, i, d"])
        // Re-encoding gives NumPy's own bytes.
        let bytes = try FileBytes.raw(archive.path)
        for entry in try ZipDirectory.entries(of: bytes, path: archive.path) {
            let name = String(entry.name.dropLast(4))
            XCTAssertEqual(try archive.array(name).encoded(), try ZipDirectory.content(of: entry, in: bytes, path: archive.path), name)
        }

        let dataset = try Dataset.loadNPZ(path: archive.path)
        XCTAssertEqual(dataset.inputs.shape, [3, 2, 2])
        XCTAssertEqual(dataset.labels, [2, 0, 1])
        XCTAssertEqual(dataset.numClasses, 3)
        XCTAssertEqual(dataset.name, "np")
    }

    func testUnknownDTypeIsNamed() throws {
        let dir = try TemporaryDirectory()
        let path = try fixture(Self.numpyBigEndian, in: dir, name: "be.npz")
        assertDatasetError(try NPZArchive.read(path: path), contains: [path, "array 'x'", "unsupported dtype '>f4'", "<f4, <f8, <i8, <i4, |u1"])
    }

    func testRoundTripThroughNPZWriter() throws {
        let dir = try TemporaryDirectory()
        var writer = NPZWriter()
        let weights = try Tensor(shape: [2, 3], scalars: [1.5, -2, 3e-8, 0, 7, -0.25], dtype: .float64)
        let small = Tensor([Float(1), 2, 3])
        writer.add("w", tensor: weights)
        writer.add("s", tensor: small)
        writer.add("n", integers: [-1, 0, Int(Int32.max) + 5], shape: [3, 1])
        writer.add("scalar", tensor: Tensor(scalar: 4, dtype: .float64))
        writer.add("s", tensor: small.affine(scale: 2))   // replaces the earlier "s"
        let path = dir.path + "/params.npz"
        try writer.write(to: path)

        let archive = try NPZArchive.read(path: path)
        XCTAssertEqual(archive.names, ["w", "s", "n", "scalar"])
        XCTAssertEqual(try archive.array("w").tensor(dtype: .float64).scalars, weights.scalars)
        XCTAssertEqual(try archive.array("w").shape, [2, 3])
        XCTAssertEqual(try archive.array("s").elementType, .float32)
        XCTAssertEqual(try archive.array("s").doubles, [2, 4, 6])
        XCTAssertEqual(try archive.array("n").shape, [3, 1])
        XCTAssertEqual(try archive.array("n").doubles, [-1, 0, Double(Int32.max) + 5])
        XCTAssertEqual(try archive.array("scalar").shape, [])
        XCTAssertEqual(try archive.array("scalar").doubles, [4])
        // Every .npy header is padded so the data starts at a multiple of 64 bytes, as NumPy does.
        for name in archive.names {
            let array = try archive.array(name)
            XCTAssertEqual((array.encoded().count - array.data.count) % 64, 0)
        }
    }

    func testDatasetRoundTripClassificationAndRegression() throws {
        let dir = try TemporaryDirectory()
        let blobs = try SyntheticData.gaussianBlobs(count: 12, classes: 3, dimension: 4, seed: 1)
        try blobs.writeNPZ(to: dir.path + "/blobs.npz")
        let back = try Dataset.loadNPZ(path: dir.path + "/blobs.npz", numClasses: 3)
        XCTAssertEqual(back.labels, blobs.labels)
        XCTAssertEqual(back.inputs.scalars, blobs.inputs.scalars)

        let (regression, _) = try SyntheticData.linearRegression(count: 5, inputDimension: 2, seed: 3, dtype: .float64)
        try regression.writeNPZ(to: dir.path + "/reg.npz")
        let reg = try Dataset.loadNPZ(path: dir.path + "/reg.npz", dtype: .float64)
        XCTAssertFalse(reg.isClassification)
        XCTAssertEqual(reg.targets.scalars, regression.targets.scalars)
        XCTAssertEqual(reg.targets.shape, [5, 1])
    }

    /// Without a dtype, float64 `x` stays float64 (not rounded through float32) and other `x` become float32.
    func testFloat64InputsKeepTheirPrecision() throws {
        let dir = try TemporaryDirectory()
        let fine = [0.1, 1.0 / 3.0, 1e-12, -2.000000000001]
        var writer = NPZWriter()
        writer.add("x", tensor: try Tensor(shape: [2, 2], scalars: fine, dtype: .float64))
        writer.add("y", integers: [0, 1])
        try writer.write(to: dir.path + "/f64.npz")
        let loaded = try Dataset.loadNPZ(path: dir.path + "/f64.npz")
        XCTAssertEqual(loaded.inputs.dtype, .float64)
        XCTAssertEqual(loaded.inputs.scalars, fine, "bit for bit")
        XCTAssertEqual(try Dataset.loadNPZ(path: dir.path + "/f64.npz", dtype: .float32).inputs.dtype, .float32)
        var bytes = NPZWriter()
        bytes.add("x", tensor: try Tensor([Float(0.1), 0.2]).reshaped([2, 1]))
        bytes.add("y", integers: [1, 0])
        try bytes.write(to: dir.path + "/f32.npz")
        XCTAssertEqual(try Dataset.loadNPZ(path: dir.path + "/f32.npz").inputs.dtype, .float32)
    }

    func testCorruptArchivesAreReported() throws {
        let dir = try TemporaryDirectory()
        var writer = NPZWriter()
        writer.add("x", tensor: Tensor([Float(1), 2]))
        writer.add("y", integers: [0, 1, 2])
        var bytes = try writer.encoded()
        let mismatch = try dir.write("mismatch.npz", bytes)
        assertDatasetError(try Dataset.loadNPZ(path: mismatch), contains: ["count mismatch", "'x' [2]", "'y' [3]"])
        bytes[100] ^= 0xFF   // inside the data of x.npy
        let damaged = try dir.write("crc.npz", bytes)
        assertDatasetError(try NPZArchive.read(path: damaged), contains: [damaged, "entry 'x.npy' fails its CRC-32 check"])
        let notZip = try dir.write("plain.npz", Array("hello".utf8))
        assertDatasetError(try NPZArchive.read(path: notZip), contains: [notZip, "no end-of-central-directory record"])
    }
}
