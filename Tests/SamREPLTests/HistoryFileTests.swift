import Foundation
import SamREPL
import XCTest

final class HistoryFileTests: XCTestCase {
    func testLocation() {
        XCTAssertEqual(HistoryFile.standard(environment: ["SAMLAB_HISTORY": "/tmp/h", "HOME": "/home/u"])?.path, "/tmp/h")
        XCTAssertNil(HistoryFile.standard(environment: ["SAMLAB_HISTORY": "", "HOME": "/home/u"]))
        XCTAssertEqual(HistoryFile.standard(environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/u"])?.path, "/state/samlab/history")
        XCTAssertEqual(HistoryFile.standard(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/u"])?.path,
                       "/home/u/.local/state/samlab/history")
        XCTAssertNil(HistoryFile.standard(environment: [:]))
    }

    func testMultiLineEntriesAreOneLine() {
        let entries = ["fn f(x) {\n  return x\n}", "print(\"a\\nb\")", "ends with \\", "\\n", "plain"]
        for entry in entries {
            let line = HistoryFile.encode(entry)
            XCTAssertFalse(line.contains("\n"), line)
            XCTAssertEqual(HistoryFile.decode(line), entry)
        }
        XCTAssertEqual(HistoryFile.encode("a\nb\\c"), "a\\nb\\\\c")
    }

    func testAppendAndLoadKeepTheNewestEntries() throws {
        let directory = NSTemporaryDirectory() + "samlab-history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = HistoryFile(path: directory + "/state/history", limit: 3)
        XCTAssertEqual(file.load(), [])
        for entry in ["one", "two\nlines", "three", "four"] { file.append(entry) }
        XCTAssertEqual(file.load(), ["two\nlines", "three", "four"])
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o600)
    }
}
