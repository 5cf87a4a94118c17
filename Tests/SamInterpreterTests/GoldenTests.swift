import Foundation
import SamInterpreter
import XCTest

/// Every `Golden/NAME.sam` runs through ``ScriptRunner`` (the code path of `samlab run`) and must print
/// exactly `NAME.stdout` and `NAME.stderr` and exit with `NAME.exitcode`. Paths in diagnostics are
/// relative to the Golden folder. `NAME.args` (optional) holds extra `--set` arguments, one per line.
/// Run with `SAMLAB_UPDATE_GOLDEN=1` to rewrite the expected files after an intended change.
final class GoldenTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    func testGoldenScripts() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory)
            .filter { $0.hasSuffix(".sam") }.map { String($0.dropLast(4)) }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 8)
        let update = ProcessInfo.processInfo.environment["SAMLAB_UPDATE_GOLDEN"] == "1"
        let output = NSTemporaryDirectory() + "samlab-golden-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        for name in names {
            let base = Self.directory + "/" + name
            let overrides = (try? String(contentsOfFile: base + ".args", encoding: .utf8))?
                .split(separator: "\n").map(String.init) ?? []
            let stdout = StringSink(), stderr = StringSink()
            let status = ScriptRunner.run(path: base + ".sam", options: RunOptions(outputDirectory: output + "/" + name, overrides: overrides, quiet: true),
                                          stdout: stdout, stderr: stderr)
            let actual = [("stdout", stdout.text), ("stderr", stderr.text.replacingOccurrences(of: Self.directory + "/", with: "")),
                          ("exitcode", "\(status)\n")]
            for (suffix, text) in actual {
                let path = base + "." + suffix
                if update {
                    try text.write(toFile: path, atomically: true, encoding: .utf8)
                    continue
                }
                let expected = try String(contentsOfFile: path, encoding: .utf8)
                XCTAssertEqual(text, expected, "\(name).\(suffix) differs")
            }
        }
    }
}
