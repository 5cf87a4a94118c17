import Foundation
import XCTest
@testable import Datasets

/// The repository, found from this file's path (`<repo>/Tests/DatasetsTests/`).
let repositoryDirectory: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardized.path

/// The starter data shipped in the repository (`examples/data`: real subsets, see its README).
let starterDataDirectory = repositoryDirectory + "/examples/data"

/// A locator searching only the starter data.
let starterData = DataLocator(dataDir: starterDataDirectory)

/// A fresh temporary directory, removed when the test case tears down.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("samlab-datasets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` inside the directory (creating subfolders) and returns the full path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A valid gzip file holding `data` in *stored* deflate blocks (no compression needed to build fixtures).
func gzipStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
    var offset = 0
    repeat {
        let n = min(65_535, data.count - offset)
        out.append(offset + n == data.count ? 1 : 0)
        out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
        out += data[offset..<(offset + n)]
        offset += n
    } while offset < data.count
    out += littleEndian32(Inflate.crc32(data)) + littleEndian32(UInt32(truncatingIfNeeded: data.count))
    return out
}

func littleEndian32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
func bigEndian32(_ v: UInt32) -> [UInt8] { (0..<4).reversed().map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

/// An IDX3 image file of `count` images `rows × cols` whose pixel `k` is `k mod 251`.
func idxImages(count: Int, rows: Int = 2, cols: Int = 3, magic: UInt32 = 2051) -> [UInt8] {
    bigEndian32(magic) + bigEndian32(UInt32(count)) + bigEndian32(UInt32(rows)) + bigEndian32(UInt32(cols))
        + (0..<(count * rows * cols)).map { UInt8($0 % 251) }
}

/// An IDX1 label file.
func idxLabels(_ labels: [UInt8], magic: UInt32 = 2049) -> [UInt8] {
    bigEndian32(magic) + bigEndian32(UInt32(labels.count)) + labels
}

/// Asserts that `body` throws a ``DatasetError`` whose message contains every fragment.
func assertDatasetError<T>(_ body: @autoclosure () throws -> T, contains fragments: [String],
                           file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected a DatasetError containing \(fragments)", file: file, line: line)
    } catch let error as DatasetError {
        for fragment in fragments where !error.description.contains(fragment) {
            XCTFail("message lacks '\(fragment)': \(error.description)", file: file, line: line)
        }
    } catch {
        XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
    }
}
