import XCTest
import ProcessSupport
import Foundation

final class AtomicFileTests: XCTestCase {
    func testWritesCreateDirectoriesAndReplaceWholeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("samlab-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a/b/out.txt").path
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("a/b").path)
        XCTAssertEqual(leftovers, ["out.txt"])
    }
}
